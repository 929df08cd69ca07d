// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/displaypath.h"
#include "engine/scan/nativepath.h"

#include <QTest>

using namespace pixelmill;

class TestDisplayPath final : public QObject
{
    Q_OBJECT

private slots:
    void ordinaryNamesReadUnchanged_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QStringLiteral("/home/ana/Photos/IMG_0001.JPG");
        QTest::newRow("spaces and punctuation") << QStringLiteral("/a b/#1 %20 ?.jpg");
        QTest::newRow("accents and CJK") << QStringLiteral("/ünïcødé/日本.jpg");
        QTest::newRow("emoji, a surrogate pair") << QStringLiteral("/🌅 sunset.jpg");
        QTest::newRow("a pair whose low half looks like an escaped byte")
            << QString::fromUcs4(U"/\U00010080.jpg");
        QTest::newRow("right-to-left script") << QStringLiteral("/صورة.jpg");
        QTest::newRow("backslash") << QStringLiteral("/a\\b.jpg");
    }

    void ordinaryNamesReadUnchanged()
    {
        QFETCH(QString, path);
        QCOMPARE(displayPath(path), path);
    }

    void whatCouldBreakALineOrDriveATerminalIsEscaped_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("shown");
        QTest::newRow("newline") << QStringLiteral("two\nlines.jpg") << QStringLiteral("two\\nlines.jpg");
        QTest::newRow("carriage return") << QStringLiteral("a\rb.jpg") << QStringLiteral("a\\rb.jpg");
        QTest::newRow("tab") << QStringLiteral("a\tb.jpg") << QStringLiteral("a\\tb.jpg");
        QTest::newRow("terminal escape")
            << QStringLiteral("\x1b[31mred.jpg") << QStringLiteral("\\x1b[31mred.jpg");
        QTest::newRow("delete") << QStringLiteral("a\x7f.jpg") << QStringLiteral("a\\x7f.jpg");
        QTest::newRow("C1 CSI") << QStringLiteral("a\u009b2Jb.jpg") << QStringLiteral("a\\u009b2Jb.jpg");
        QTest::newRow("line separator") << QStringLiteral("a\u2028b.jpg") << QStringLiteral("a\\u2028b.jpg");
        QTest::newRow("right-to-left override")
            << QStringLiteral("photo\u202egpj.exe") << QStringLiteral("photo\\u202egpj.exe");
        QTest::newRow("bidi isolate") << QStringLiteral("a\u2067b.jpg") << QStringLiteral("a\\u2067b.jpg");
        QTest::newRow("not UTF-8") << pathFromNative("/card/caf\xe9 \xff.jpg")
                                   << QStringLiteral("/card/caf\\xe9 \\xff.jpg");
    }

    void whatCouldBreakALineOrDriveATerminalIsEscaped()
    {
        QFETCH(QString, path);
        QFETCH(QString, shown);
        QCOMPARE(displayPath(path), shown);
    }

    void theResultIsAlwaysPrintableText()
    {
        QByteArray every;
        for (int b = 1; b < 256; ++b)
            if (b != '/')
                every += char(b);
        const QString shown = displayPath(pathFromNative(every));
        for (const QChar c : shown) {
            QVERIFY2(
                c.unicode() >= 0x20 && c.unicode() != 0x7f && !(c.unicode() >= 0x80 && c.unicode() <= 0x9f),
                qPrintable(QString::number(c.unicode(), 16)));
            QVERIFY(!c.isSurrogate());
        }
    }
};

QTEST_APPLESS_MAIN(TestDisplayPath)
#include "tst_displaypath.moc"

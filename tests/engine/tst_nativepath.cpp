// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/nativepath.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pixelmill;

class TestNativePath final : public QObject
{
    Q_OBJECT

private slots:
    void validUtf8ReadsAsText()
    {
        const QByteArray utf8 = QStringLiteral("/photos/ünïcødé 日本 🎉.jpg").toUtf8();
        QCOMPARE(pathFromNative(utf8), QString::fromUtf8(utf8));
        QCOMPARE(nativePath(QString::fromUtf8(utf8)), utf8);
    }

    void invalidBytesAreEscapedNotReplaced_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("escapes");
        QTest::newRow("latin-1") << QByteArray("/photos/caf\xe9.jpg") << 1;
        QTest::newRow("overlong slash") << QByteArray("a\xc0\xaf" "b") << 2;
        QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << 3;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 4;
        QTest::newRow("cut sequence at the end") << QByteArray("x\xe6\x97") << 2;
        QTest::newRow("lone continuation") << QByteArray("\x80\xbf") << 2;
    }
    void invalidBytesAreEscapedNotReplaced()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, escapes);
        const QString path = pathFromNative(bytes);
        QVERIFY(!path.contains(QChar(0xFFFD)));
        QCOMPARE(int(std::count_if(path.begin(), path.end(), [](QChar c) { return c.isLowSurrogate(); })), escapes);
        QCOMPARE(nativePath(path), bytes);
    }

    void everyByteStringRoundTrips()
    {
        QRandomGenerator rng(7);
        for (int i = 0; i < 20000; ++i) {
            QByteArray bytes(int(rng.bounded(1, 24)), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(rng.bounded(1, 256)); // file names never hold NUL
            QCOMPARE(nativePath(pathFromNative(bytes)), bytes);
        }
    }

    void urlsAndArgumentsKeepTheirBytes()
    {
        QCOMPARE(nativePath(localPathFromUrl(QUrl(QStringLiteral("file:///tmp/caf%E9%20x.jpg")))),
                 QByteArray("/tmp/caf\xe9 x.jpg"));
        QCOMPARE(localPathFromUrl(QUrl::fromLocalFile(QStringLiteral("/tmp/日本.jpg"))), QStringLiteral("/tmp/日本.jpg"));
        QCOMPARE(localPathFromUrl(QUrl(QStringLiteral("https://example.org/a.jpg"))), QString());
        char name[] = "pixelmill-cli";
        char latin[] = "caf\xe9.jpg";
        char *argv[] = {name, latin};
        QCOMPARE(nativePath(argumentsFromNative(2, argv).at(1)), QByteArray(latin));
    }
};

QTEST_GUILESS_MAIN(TestNativePath)
#include "tst_nativepath.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/nametemplate.h"
#include "engine/export/outputnaming.h"

#include <QFileInfo>
#include <QTest>

using namespace pixelmill;

class TestNameTemplate final : public QObject
{
    Q_OBJECT

private slots:
    void renders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "{name}.{ext}" << "IMG_0001.jpg";
        QTest::newRow("suffix") << "{name}_web.{ext}" << "IMG_0001_web.jpg";
        QTest::newRow("counter") << "{counter}" << "7";
        QTest::newRow("padded") << "{counter:04}-{name}" << "0007-IMG_0001";
        QTest::newRow("size") << "{name}_{width}x{height}" << "IMG_0001_1920x1080";
        QTest::newRow("parent") << "{parent}-{name}" << "holiday-IMG_0001";
        QTest::newRow("date") << "{date}" << "20240229";
        QTest::newRow("date format") << "{date:yyyy-MM}" << "2024-02";
        QTest::newRow("literal only") << "fixed" << "fixed";
        QTest::newRow("taken") << "{taken}_{camera}" << "20230714_Canon EOS R5";
        QTest::newRow("taken format") << "{taken:yyyy-MM-dd_HHmm}" << "2023-07-14_0930";
        QTest::newRow("source extension") << "{name}_{srcext}.{ext}" << "IMG_0001_cr2.jpg";
    }
    void renders()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString error;
        const auto t = NameTemplate::parse(text, &error);
        QVERIFY2(t, qPrintable(error));
        NameContext ctx{"IMG_0001", "jpg", 7, 1920, 1080, "holiday",
                        QDateTime(QDate(2024, 2, 29), QTime(12, 0)),
                        QDateTime(QDate(2023, 7, 14), QTime(9, 30)), "Canon EOS R5", "cr2"};
        QCOMPARE(t->render(ctx), expected);
    }

    void takenFallsBackToFileDate()
    {
        const auto t = NameTemplate::parse("{taken}-{camera}", nullptr);
        NameContext ctx;
        ctx.date = QDateTime(QDate(2020, 1, 2), QTime(3, 4));
        QCOMPARE(t->render(ctx), QStringLiteral("20200102-unknown-camera"));
        QVERIFY(t->usesImageData());
        QVERIFY(!NameTemplate::parse("{name}_{date}", nullptr)->usesImageData());
    }

    void rejectsWithPosition_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "position 1: the template is empty";
        QTest::newRow("unknown") << "ab{nme}" << "position 3: unknown token {nme}";
        QTest::newRow("unclosed") << "x{name" << "position 2: '{' is never closed";
        QTest::newRow("stray close") << "a}b" << "position 2: '}' without a matching '{'";
        QTest::newRow("slash") << "dir/{name}" << "position 4: '/' is not allowed";
        QTest::newRow("counter width") << "{counter:x}" << "position 1: {counter:x}";
        QTest::newRow("argument") << "{name:3}" << "{name} takes no ':' argument";
        QTest::newRow("nested") << "{na{me}}" << "position 1: '{' is never closed";
        QTest::newRow("zone") << "{taken:yyyy tttt}" << "'t' is not a date letter";
        QTest::newRow("long date") << "{date:yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy}" << "longer than 32 characters";
    }
    void rejectsWithPosition()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!NameTemplate::parse(text, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void plannedPathAppendsExtensionAndMirrors()
    {
        ExportOptions o;
        o.outputDir = "/out";
        o.format = ImageFormat::Png;
        const auto t = NameTemplate::parse("{name}_small", nullptr);
        QCOMPARE(plannedOutputPath(o, *t, "/in/a/photo.JPG", "a", 1, 10, 10), "/out/photo_small.png");
        o.mirrorFolders = true;
        QCOMPARE(plannedOutputPath(o, *t, "/in/a/b/photo.JPG", "a/b", 1, 10, 10),
                 "/out/a/b/photo_small.png");
        const auto keep = NameTemplate::parse("{name}.jpeg", nullptr);
        o.format = ImageFormat::Jpeg;
        QCOMPARE(plannedOutputPath(o, *keep, "/in/x.png", "", 1, 1, 1), QStringLiteral("/out/x.jpeg"));
        QCOMPARE(numberedPath("/out/x.jpg", 3), "/out/x_3.jpg");
        const auto pair = NameTemplate::parse("{name}_{srcext}", nullptr);
        QCOMPARE(plannedOutputPath(o, *pair, "/in/IMG_0001.CR2", "", 1, 1, 1), "/out/IMG_0001_cr2.jpg");
        QCOMPARE(plannedOutputPath(o, *pair, "/in/IMG_0001.JPG", "", 1, 1, 1), "/out/IMG_0001_jpg.jpg");
    }

    // Linux names stop at 255 bytes: a long name plus the template's suffix
    // loses the end of its base, whole characters at a time, never the extension.
    void longNamesAreShortenedToFit()
    {
        ExportOptions o;
        o.outputDir = "/out";
        o.format = ImageFormat::Webp;
        const auto t = NameTemplate::parse("{name}_web_version", nullptr);
        bool shortened = false;
        const QString ascii = plannedOutputPath(o, *t, "/in/" + QString(250, 'a') + ".jpg", "", 1, 1, 1, nullptr,
                                                &shortened);
        QVERIFY(shortened);
        QCOMPARE(QFileInfo(ascii).fileName(), QString(242, 'a') + ".webp"); // 247 bytes: room for "_123"
        // Two bytes a character in UTF-8: cut between characters, never inside one.
        const QString accented = QFileInfo(plannedOutputPath(o, *t, "/in/" + QString(125, QChar(0xe9)) + ".jpg", "", 1,
                                                             1, 1, nullptr, &shortened)).fileName();
        QCOMPARE(accented, QString(121, QChar(0xe9)) + ".webp"); // 242 + 5 bytes
        QVERIFY(shortened);
        plannedOutputPath(o, *t, "/in/short.jpg", "", 1, 1, 1, nullptr, &shortened);
        QVERIFY(!shortened);
    }
};

QTEST_GUILESS_MAIN(TestNameTemplate)
#include "tst_nametemplate.moc"

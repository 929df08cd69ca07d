// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/thumbnailloader.h"
#include "tests/common/testutils.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pixelmill;

// The crashing child of one test would otherwise run Qt Test's debugger-driven stack dump.
static const bool g_noStackDumps = qputenv("QTEST_DISABLE_STACK_DUMP", "1");

class TestThumbnailLoader final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A decoder that crashed the window while making a file's thumbnail would
    // crash it again at every start: that file gets no thumbnail any more.
    void aFileWhoseThumbnailCrashedTheWindowGetsNoneAgain()
    {
        QTemporaryDir dir;
        const QString culprit = dir.filePath(QStringLiteral("culprit.jpg"));
        const QString other = dir.filePath(QStringLiteral("other.jpg"));
        for (const QString &path : {culprit, other})
            test::writeFile(path, test::encode(".jpg", test::syntheticImage(320, 200)));
        QFile::remove(ThumbnailLoader::crashMarkerPath());
        {
            const ThumbnailLoader crashing; // the window that crashed had one
            QVERIFY(test::crashWhileProcessing(culprit, SIGSEGV, {}, crashmarker::Channel::Thumbnails));
        }
        ThumbnailLoader loader;
        QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
        loader.request(culprit);
        loader.request(other);
        QTRY_COMPARE(ready.size(), 2);
        QCOMPARE(ready.at(0).at(0).toString(), other);
        QVERIFY(!ready.at(0).at(1).value<QImage>().isNull());
        QCOMPARE(ready.at(1).at(0).toString(), culprit);
        QVERIFY(ready.at(1).at(1).value<QImage>().isNull()); // "No preview", not decoded
        QVERIFY(QFile::remove(ThumbnailLoader::crashMarkerPath()));
    }

    // The Settings' pixel limit holds for thumbnails too: raised, a panorama the
    // batch would read shows in the queue; lowered, a bigger image is not read.
    void followsThePixelLimitItIsGiven()
    {
        QTemporaryDir dir;
        const QString panorama = dir.filePath(QStringLiteral("panorama.png"));
        test::writeFile(panorama, test::encode(".png", test::syntheticImage(640, 480)));
        ThumbnailLoader loader;
        QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
        loader.setMaxPixels(640 * 480 - 1);
        loader.request(panorama);
        QTRY_COMPARE(ready.size(), 1);
        QVERIFY(ready.at(0).at(1).value<QImage>().isNull());
        loader.setMaxPixels(640 * 480);
        loader.request(panorama);
        QTRY_COMPARE(ready.size(), 2);
        QVERIFY(!ready.at(1).at(1).value<QImage>().isNull());
    }

    void makesThumbnailsNewestFirstAndDropsForgottenOnes()
    {
        QTemporaryDir dir;
        QStringList paths;
        for (const char *name : {"a.png", "b.png", "c.png"}) {
            paths << dir.filePath(QString::fromLatin1(name));
            test::writeFile(paths.last(), test::encode(".png", test::syntheticImage(640, 480)));
        }
        ThumbnailLoader loader;
        QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
        loader.setPaused(true); // as while a batch runs: requests wait
        for (const QString &path : paths)
            loader.request(path);
        QTest::qWait(100);
        QCOMPARE(ready.size(), 0);
        loader.forget(paths.at(1)); // the batch finished b: its row shows the output
        loader.setPaused(false);
        QTRY_COMPARE(ready.size(), 2);
        QCOMPARE(ready.at(0).at(0).toString(), paths.at(2));
        QCOMPARE(ready.at(1).at(0).toString(), paths.at(0));
        const QImage thumb = ready.at(0).at(1).value<QImage>();
        QVERIFY(!thumb.isNull() && qMax(thumb.width(), thumb.height()) <= 256);
        QCOMPARE(ready.at(0).at(2).toSize(), QSize(640, 480));
        QTest::qWait(100);
        QCOMPARE(ready.size(), 2);
    }

    void servesOutputsWhilePausedAndDropsTheOldestOfTooManyRequests()
    {
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("out.jpg"));
        test::writeFile(output, test::encode(".jpg", test::syntheticImage(320, 200)));
        ThumbnailLoader loader;
        QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
        QSignalSpy dropped(&loader, &ThumbnailLoader::requestsDropped);
        loader.setPaused(true);
        // Inputs scrolled past while a batch runs; the first ones fall off the end.
        for (int i = 0; i < ThumbnailLoader::kMaxPending + 3; ++i)
            loader.request(dir.filePath(QStringLiteral("in%1.jpg").arg(i)));
        QTRY_COMPARE(dropped.size(), 3);
        QCOMPARE(dropped.at(0).at(0).toStringList(), QStringList({dir.filePath(QStringLiteral("in0.jpg"))}));
        QCOMPARE(dropped.at(2).at(0).toStringList(), QStringList({dir.filePath(QStringLiteral("in2.jpg"))}));
        // A finished row's output is read even now; the inputs keep waiting.
        loader.request(output, true);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.at(0).at(0).toString(), output);
        QVERIFY(!ready.at(0).at(1).value<QImage>().isNull());
        QCOMPARE(dropped.size(), 4); // the output's request pushed out in3
        QTest::qWait(100);
        QCOMPARE(ready.size(), 1);
        loader.cancelAll();
    }

    void aFileThatCannotBeReadGivesANullThumbnail()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.jpg"));
        test::writeFile(broken, QByteArray("\xff\xd8\xff not a jpeg"));
        ThumbnailLoader loader;
        QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
        loader.request(broken);
        QTRY_COMPARE(ready.size(), 1);
        QVERIFY(ready.at(0).at(1).value<QImage>().isNull());
    }
};

QTEST_MAIN(TestThumbnailLoader)
#include "tst_thumbnailloader.moc"

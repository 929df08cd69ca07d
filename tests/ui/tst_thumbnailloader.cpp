// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/thumbnailloader.h"
#include "tests/common/testutils.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pixelmill;

class TestThumbnailLoader final : public QObject
{
    Q_OBJECT

private slots:
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
};

QTEST_MAIN(TestThumbnailLoader)
#include "tst_thumbnailloader.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/folderscanner.h"
#include "engine/scan/pathscanner.h"
#include "tests/common/syntheticdng.h"
#include "tests/common/testutils.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pixelmill;

class TestPathScanner final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_root;

    static QStringList names(const QList<FoundFile> &files, const QString &root)
    {
        QStringList out;
        for (const FoundFile &f : files)
            out << QDir(root).relativeFilePath(f.path) + "|" + f.relativeDir;
        return out;
    }

    ScanReport scan(const QStringList &roots, QList<FoundFile> &found, int batchSize = 256)
    {
        std::atomic<bool> cancel{false};
        return scanPaths(roots, [&](const QList<FoundFile> &b) { found += b; }, cancel, {}, batchSize);
    }

private slots:
    void initTestCase()
    {
        m_root = m_dir.filePath("photos");
        const QByteArray png = test::encode(".png", test::syntheticImage(8, 8));
        QDir().mkpath(m_root + "/b/deep");
        QDir().mkpath(m_root + "/a");
        for (const char *name : {"z.jpg", "a.PNG", "b/x.tif", "b/deep/y.webp", "a/m n #1.jpg"})
            test::writeFile(m_root + "/" + name, png);
        test::writeFile(m_root + "/notes.txt", "text");
        test::writeFile(m_root + "/b/layers.psd", "8BPS");
        QFile::link(m_root, m_root + "/b/deep/loop"); // symlink loop back to the root
        QFile::link(m_root + "/missing.jpg", m_root + "/a/dangling.jpg");
        ::mkfifo(QFile::encodeName(m_root + "/a/pipe.jpg").constData(), 0600);
    }

    void findsImagesRecursivelyInStableOrder()
    {
        QList<FoundFile> found;
        const ScanReport r = scan({m_root}, found);
        QCOMPARE(names(found, m_root),
                 QStringList({"a.PNG|", "z.jpg|", "a/m n #1.jpg|a", "b/x.tif|b", "b/deep/y.webp|b/deep"}));
        QCOMPARE(r.found, 5);
        QCOMPARE(r.notImages, 1); // notes.txt
        // layers.psd: a photo Pixelmill cannot read, not "not an image"
        QCOMPARE(r.unreadablePhotos, (QMap<QString, int>{{"Photoshop (PSD)", 1}}));
        QCOMPARE(r.specialFiles, 2); // the FIFO and the dangling link: never opened
        QVERIFY(r.notes.join("\n").contains("already scanned")); // the loop, reported once
        QVERIFY(!r.canceled);
    }

    // Phones' HEIC and AVIF, JPEG 2000, JPEG XL and cameras' RAW files are photos like any other now.
    void queuesHeicAvifJpeg2000JpegXlAndCameraRaw()
    {
        const QString root = m_dir.filePath("phone");
        QDir().mkpath(root);
        for (const char *name : {"IMG_0001.HEIC", "IMG_0002.heif", "IMG_0003.avif", "scan.jp2", "export.jxl",
                                 "IMG_0004.CR2", "DSC_0005.NEF", "DSC_0006.arw", "IMG_0007.dng", "P0008.RW2"})
            test::writeFile(root + "/" + name, "ftyp");
        QList<FoundFile> found;
        const ScanReport r = scan({root}, found);
        QCOMPARE(r.found, 10);
        QVERIFY(r.unreadablePhotos.isEmpty());
    }

    void dropsDuplicatesAcrossRoots()
    {
        QList<FoundFile> found;
        const ScanReport r = scan({m_root + "/b", m_root, m_root + "/z.jpg"}, found);
        QCOMPARE(r.found, 5);
        QCOMPARE(found.first().relativeDir, QString()); // b/x.tif found under root "b"
        QCOMPARE(r.duplicates, 1); // z.jpg given twice; folder b skipped as already scanned
    }

    void explicitFilesAreJudgedByContent()
    {
        const QString odd = m_dir.filePath("image.data");
        test::writeFile(odd, test::encode(".png", test::syntheticImage(8, 8)));
        QList<FoundFile> found;
        const ScanReport r = scan({odd, m_root + "/notes.txt", m_dir.filePath("nope.jpg")}, found);
        QCOMPARE(found.size(), 1);
        QCOMPARE(r.rejectedRoots.size(), 2);
        QVERIFY(r.rejectedRoots.at(0).second.contains("not an image"));
        QVERIFY(r.rejectedRoots.at(1).second.contains("no such file"));
        QCOMPARE(r.notImages, 0); // a failure, counted once: not also skipped
        QCOMPARE(r.specialFiles, 0);
    }

    // Judged by content like any file given by name: LibRaw knows the DNG from the
    // first 64 KB the scanner reads, though its sensor data lies far beyond.
    void explicitRawUnderAnOddNameIsJudgedByItsMark()
    {
        const QString odd = m_dir.filePath("card-dump.bin");
        test::writeFile(odd, test::syntheticDng(cv::Mat(400, 600, CV_16UC3, cv::Scalar::all(9000))));
        QList<FoundFile> found;
        const ScanReport r = scan({odd}, found);
        QCOMPARE(found.size(), 1);
        QVERIFY(r.rejectedRoots.isEmpty());
    }

    // A photo format Pixelmill has no reader for, given by name: refused
    // with its kind, not "not an image".
    void explicitPhotoshopFileIsRefusedWithItsReason()
    {
        const QString psd = m_dir.filePath("poster.psd");
        test::writeFile(psd, "8BPS");
        QList<FoundFile> found;
        const ScanReport r = scan({psd}, found);
        QVERIFY(found.isEmpty());
        QCOMPARE(r.rejectedRoots.size(), 1);
        QCOMPARE(r.rejectedRoots.at(0).second, QStringLiteral("Photoshop (PSD) images are not supported"));
    }

    void streamsInBatches()
    {
        QList<int> sizes;
        std::atomic<bool> cancel{false};
        scanPaths({m_root}, [&](const QList<FoundFile> &b) { sizes << int(b.size()); }, cancel, {}, 2);
        QCOMPARE(sizes, QList<int>({2, 2, 1}));
    }

    void cancelStopsTheScan()
    {
        std::atomic<bool> cancel{false};
        int seen = 0;
        const ScanReport r = scanPaths({m_root}, [&](const QList<FoundFile> &b) {
            seen += int(b.size());
            cancel = true;
        }, cancel, {}, 1);
        QVERIFY(r.canceled);
        QVERIFY(seen < 5);
    }

    void outputFolderIsNotAnInputWhenReachedByTheWalk()
    {
        const QString root = m_dir.filePath("with-output");
        QDir().mkpath(root + "/a");
        QDir().mkpath(root + "/b");
        QDir().mkpath(root + "/done");
        const QByteArray png = test::encode(".png", test::syntheticImage(8, 8));
        test::writeFile(root + "/a/1.png", png);
        test::writeFile(root + "/done/old.png", png);
        // "b/out" appears only after the first file is found, as a run's first result would.
        std::atomic<bool> cancel{false};
        QList<FoundFile> found;
        const ScanReport r = scanPaths(
            {root},
            [&](const QList<FoundFile> &batch) {
                found += batch;
                if (QDir().mkpath(root + "/b/out"))
                    test::writeFile(root + "/b/out/1.png", png);
            },
            cancel, {root + "/done", root + "/b/out"}, 1);
        QCOMPARE(names(found, root), QStringList({"a/1.png|a"}));
        QCOMPARE(r.skippedOutputFolders, QStringList({root + "/b/out", root + "/done"}));
        QVERIFY(r.notes.isEmpty());

        // Named as a root, it is what the user asked for.
        found.clear();
        scan({root + "/done"}, found);
        QCOMPARE(names(found, root), QStringList({"done/old.png|"}));
    }

    // What the walk would not have entered, had the output folder been chosen
    // before the scan: the same rule for files already queued.
    void foundInsideOutputFolderFollowsTheWalksRule()
    {
        const QString root = m_dir.filePath("queued-before");
        QDir().mkpath(root + "/web/small");
        QDir().mkpath(root + "/trip");
        const QString earlier = root + "/web/a.png";
        const QString deeper = root + "/web/small/b.png";
        const QString photo = root + "/trip/c.png";
        for (const QString &path : {earlier, deeper, photo})
            test::writeFile(path, "x");
        QVERIFY(foundInsideOutputFolder(earlier, "web", root + "/web"));
        QVERIFY(foundInsideOutputFolder(deeper, "web/small", root + "/web"));
        QVERIFY(foundInsideOutputFolder(deeper, "web/small", root + "/web/small"));
        QVERIFY(foundInsideOutputFolder(earlier, "web", root + "/trip/../web/")); // another spelling
        QVERIFY(!foundInsideOutputFolder(photo, "trip", root + "/web"));
        // The output folder is the root itself or above it: converting in place.
        QVERIFY(!foundInsideOutputFolder(photo, "trip", root));
        QVERIFY(!foundInsideOutputFolder(deeper, "small", root + "/web"));
        // Given by name, or the web folder dropped as the root: the user's choice.
        QVERIFY(!foundInsideOutputFolder(earlier, "", root + "/web"));
        QVERIFY(!foundInsideOutputFolder(earlier, "", QString()));
        QVERIFY(!foundInsideOutputFolder(earlier, "web", root + "/missing"));
        QVERIFY(QFile::link(root + "/web", m_dir.filePath("web-link")));
        QVERIFY(foundInsideOutputFolder(earlier, "web", m_dir.filePath("web-link")));
    }

    void folderScannerRunsOffTheCallingThread()
    {
        FolderScanner scanner;
        QSignalSpy files(&scanner, &FolderScanner::filesFound);
        QSignalSpy finished(&scanner, &FolderScanner::finished);
        scanner.start({m_root});
        QVERIFY(scanner.isRunning());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<ScanReport>().found, 5);
        int total = 0;
        for (const auto &args : files)
            total += int(args.at(0).value<QList<FoundFile>>().size());
        QCOMPARE(total, 5);
        QVERIFY(!scanner.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestPathScanner)
#include "tst_pathscanner.moc"

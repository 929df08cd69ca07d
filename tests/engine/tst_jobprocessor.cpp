// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputreservations.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/worker/jobprocessor.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pixelmill;

class TestJobProcessor final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;
    QTemporaryDir m_dir;

    Job makeJob(const QString &input, const FilterChain &chain, const QString &outDir)
    {
        Job job;
        job.id = 1;
        job.counter = 1;
        job.inputPath = input;
        job.chain = m_registry.normalized(chain).value;
        job.exportOptions.outputDir = outDir;
        job.exportOptions.format = ImageFormat::Png; // lossless, so only decoding differs
        return job;
    }

private slots:
    void initTestCase() { registerBuiltinFilters(m_registry); }

    // Shrink-on-load must not change what the user gets: same size, and
    // visually equivalent to decoding at full size.
    void shrinkOnLoadMatchesFullDecode()
    {
        const QString input = m_dir.filePath("big.jpg");
        test::writeImage(input, test::syntheticImage(2400, 1600), 95);
        const FilterChain chain = {FilterStep{"resize", 1, true, {{"long_edge", 500}}},
                                   FilterStep{"unsharp_mask", 1, true, {}}};
        OutputReservations reservations;
        const JobResult fast = processJob(makeJob(input, chain, m_dir.filePath("fast")), m_registry,
                                          reservations, CancelToken());
        QCOMPARE(fast.status, JobStatus::Written);
        QCOMPARE(fast.decodeReduction, 4);

        // The same chain with a no-op first step disables shrink-on-load.
        FilterChain full = chain;
        full.prepend(FilterStep{"gamma", 1, true, {}});
        const JobResult slow = processJob(makeJob(input, full, m_dir.filePath("full")), m_registry,
                                          reservations, CancelToken());
        QCOMPARE(slow.decodeReduction, 1);
        QCOMPARE(fast.outputSize, QSize(500, 333));
        QCOMPARE(slow.outputSize, fast.outputSize);
        const cv::Mat a = cv::imread(fast.outputPath.toStdString(), cv::IMREAD_UNCHANGED);
        const cv::Mat b = cv::imread(slow.outputPath.toStdString(), cv::IMREAD_UNCHANGED);
        const double db = test::psnr(a, b);
        QVERIFY2(db >= 35.0, qPrintable(QString::number(db)));
    }

    // Without an auto-orient step images are upright from the decoder; with one,
    // the steps before it see the stored pixels and the step turns them.
    void explicitAutoOrientTurnsWhereItStands()
    {
        const QString input = m_dir.filePath("turned.jpg");
        test::writeFile(input, test::withExifOrientation(test::encode(".jpg", test::syntheticImage(240, 120), 95), 6));
        OutputReservations reservations;
        const auto run = [&](const FilterChain &chain, const QString &sub) {
            const JobResult r = processJob(makeJob(input, chain, m_dir.filePath(sub)), m_registry, reservations,
                                           CancelToken());
            if (r.status != JobStatus::Written)
                qFatal("%s", qPrintable(r.error));
            return r;
        };
        const JobResult implicit = run({}, "implicit");
        const JobResult explicitStep = run({FilterStep{"auto_orient", 1, true, {}}}, "explicit");
        QCOMPARE(implicit.outputSize, QSize(120, 240));
        QCOMPARE(explicitStep.outputSize, QSize(120, 240));
        QCOMPARE(cv::norm(cv::imread(implicit.outputPath.toStdString()), cv::imread(explicitStep.outputPath.toStdString()),
                          cv::NORM_INF),
                 0.0);

        const FilterStep sensorCrop{"crop", 1, true, {{"width", 200}, {"height", 50}}};
        QCOMPARE(run({sensorCrop, FilterStep{"auto_orient", 1, true, {}}}, "crop-first").outputSize, QSize(50, 200));
        QCOMPARE(run({sensorCrop}, "crop-upright").outputSize, QSize(120, 50)); // clipped to the upright frame

        const FilterStep forced{"auto_orient", 1, true, {{"orientation", 3}}};
        const JobResult upsideDown = run({forced}, "forced");
        QCOMPARE(upsideDown.outputSize, QSize(240, 120)); // stored frame, turned 180°
    }

    void explicitAutoOrientKeepsShrinkOnLoad()
    {
        const QString input = m_dir.filePath("turned-big.jpg");
        test::writeFile(input, test::withExifOrientation(test::encode(".jpg", test::syntheticImage(2400, 1200), 95), 8));
        OutputReservations reservations;
        const FilterStep resize{"resize", 1, true, {{"long_edge", 400}}};
        const JobResult r = processJob(
            makeJob(input, {FilterStep{"auto_orient", 1, true, {}}, resize}, m_dir.filePath("orient-shrink")),
            m_registry, reservations, CancelToken());
        QCOMPARE(r.status, JobStatus::Written);
        QCOMPARE(r.decodeReduction, 4);
        QCOMPARE(r.outputSize, QSize(200, 400));
        const JobResult implicit = processJob(makeJob(input, {resize}, m_dir.filePath("implicit-shrink")), m_registry,
                                              reservations, CancelToken());
        QCOMPARE(implicit.outputSize, r.outputSize);
        QCOMPARE(cv::norm(cv::imread(implicit.outputPath.toStdString()), cv::imread(r.outputPath.toStdString()),
                          cv::NORM_INF),
                 0.0);
    }

    // Grey-first chains decode only the JPEG luma plane: same result, less work.
    void greyFirstChainDecodesLumaOnly()
    {
        const QString input = m_dir.filePath("grey-first.jpg");
        test::writeImage(input, test::syntheticImage(900, 600), 95);
        const FilterChain chain = {FilterStep{"grayscale", 1, true, {}},
                                   FilterStep{"gaussian_blur", 1, true, {{"sigma", 2.0}}}};
        FilterChain colourFirst = chain;
        colourFirst.prepend(FilterStep{"gamma", 1, true, {}}); // a no-op that blocks the shortcut
        OutputReservations reservations;
        const JobResult luma = processJob(makeJob(input, chain, m_dir.filePath("luma")), m_registry,
                                          reservations, CancelToken());
        const JobResult full = processJob(makeJob(input, colourFirst, m_dir.filePath("colour")), m_registry,
                                          reservations, CancelToken());
        QCOMPARE(luma.status, JobStatus::Written);
        const cv::Mat a = cv::imread(luma.outputPath.toStdString(), cv::IMREAD_UNCHANGED);
        const cv::Mat b = cv::imread(full.outputPath.toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(a.channels(), 1);
        QCOMPARE(b.channels(), 1);
        const double db = test::psnr(a, b);
        QVERIFY2(db >= 40.0, qPrintable(QString::number(db)));
    }

    void keepInputFormatWritesEachInItsOwnFormat()
    {
        const QString png = m_dir.filePath("keep.png");
        const QString jpg = m_dir.filePath("keep.jpg");
        const QString ppm = m_dir.filePath("keep.ppm");
        test::writeImage(png, test::syntheticImage(40, 30, CV_8U, 4));
        test::writeImage(jpg, test::syntheticImage(40, 30));
        test::writeImage(ppm, test::syntheticImage(40, 30));
        OutputReservations reservations;
        QStringList outputs;
        for (const QString &input : {png, jpg, ppm}) {
            Job job = makeJob(input, {}, m_dir.filePath("keep-out"));
            job.exportOptions.format = ImageFormat::Webp; // for formats Pixelmill does not write
            job.exportOptions.keepInputFormat = true;
            const JobResult r = processJob(job, m_registry, reservations, CancelToken());
            QCOMPARE(r.status, JobStatus::Written);
            outputs << QFileInfo(r.outputPath).fileName();
        }
        QCOMPARE(outputs, QStringList({"keep.png", "keep.jpg", "keep.webp"}));
    }

    void resultCarriesThumbnailTimingsAndSizes()
    {
        const QString input = m_dir.filePath("t.png");
        test::writeImage(input, test::syntheticImage(640, 480, CV_16U, 4));
        OutputReservations reservations;
        const JobResult r = processJob(makeJob(input, {FilterStep{"flip", 1, true, {}}}, m_dir.filePath("t")),
                                       m_registry, reservations, CancelToken());
        QCOMPARE(r.status, JobStatus::Written);
        QCOMPARE(r.inputSize, QSize(640, 480));
        QCOMPARE(r.thumbnail.size(), QSize(256, 192));
        QVERIFY(r.thumbnail.hasAlphaChannel());
        QVERIFY(r.timings.decodeMs > 0 && r.timings.encodeMs > 0);
        QCOMPARE(r.bytesWritten, QFileInfo(r.outputPath).size());
        const cv::Mat out = cv::imread(r.outputPath.toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(out.depth(), CV_16U); // PNG keeps 16-bit
        QCOMPARE(out.channels(), 4);
    }

    void filterErrorFailsTheJobWithItsMessage()
    {
        const QString input = m_dir.filePath("small.png");
        test::writeImage(input, test::syntheticImage(20, 20));
        OutputReservations reservations;
        const JobResult r = processJob(
            makeJob(input, {FilterStep{"crop", 1, true, {{"x", 500}}}}, m_dir.filePath("c")),
            m_registry, reservations, CancelToken());
        QCOMPARE(r.status, JobStatus::Failed);
        QVERIFY2(r.error.contains("outside the 20×20 image"), qPrintable(r.error));
        QVERIFY(!QDir(m_dir.filePath("c")).exists() || QDir(m_dir.filePath("c")).isEmpty());
    }

    void overlongOutputNameIsShortenedWithAWarning()
    {
        const QString input = m_dir.filePath(QString(250, 'n') + ".png");
        test::writeImage(input, test::syntheticImage(20, 20));
        OutputReservations reservations;
        Job job = makeJob(input, {}, m_dir.filePath("long"));
        job.exportOptions.nameTemplate = "{name}_web_version.{ext}";
        const JobResult r = processJob(job, m_registry, reservations, CancelToken());
        QCOMPARE(r.status, JobStatus::Written);
        QCOMPARE(QFileInfo(r.outputPath).fileName(), QString(243, 'n') + ".png");
        QCOMPARE(r.warnings, QStringList({"the output name was shortened to fit the file system's 255-byte limit"}));
    }

    void canceledJobWritesNothing()
    {
        const QString input = m_dir.filePath("x.png");
        test::writeImage(input, test::syntheticImage(20, 20));
        OutputReservations reservations;
        CancelToken cancel;
        cancel.cancel();
        const JobResult r = processJob(makeJob(input, {}, m_dir.filePath("x")), m_registry,
                                       reservations, cancel);
        QCOMPARE(r.status, JobStatus::Canceled);
        QVERIFY(!QDir(m_dir.filePath("x")).exists());
    }

    // A removed (or unmounted) output folder is not silently re-created: the
    // remaining jobs fail with the reason and write nothing anywhere.
    void outputFolderRemovedMidBatchFailsTheRestWithTheReason()
    {
        const QString input = m_dir.filePath("mid.png");
        test::writeImage(input, test::syntheticImage(20, 20));
        const QString out = m_dir.filePath("vanishing");
        OutputReservations reservations; // one batch
        Job first = makeJob(input, {}, out);
        QCOMPARE(processJob(first, m_registry, reservations, CancelToken()).status, JobStatus::Written);
        QVERIFY(QDir(out).removeRecursively());
        Job second = makeJob(input, {}, out);
        second.id = 2;
        const JobResult r = processJob(second, m_registry, reservations, CancelToken());
        QCOMPARE(r.status, JobStatus::Failed);
        QVERIFY2(r.error.contains("disappeared during the batch") && r.error.contains("No such file"), qPrintable(r.error));
        QVERIFY(!QFileInfo::exists(out));
        // A new batch may create it again.
        OutputReservations nextBatch;
        QCOMPARE(processJob(second, m_registry, nextBatch, CancelToken()).status, JobStatus::Written);
    }

    // Queued from a folder before a folder inside it became the output: those
    // files are earlier results, skipped with the reason, never processed again.
    void queuedFileInsideTheLaterOutputFolderIsSkipped()
    {
        const QString root = m_dir.filePath("album");
        QDir().mkpath(root + "/web");
        test::writeImage(root + "/a.jpg", test::syntheticImage(64, 48), 90);
        test::writeImage(root + "/web/a.jpg", test::syntheticImage(64, 48), 90);
        const FilterChain chain = {FilterStep{"resize", 1, true, {{"long_edge", 32}}}};
        OutputReservations reservations;
        Job earlier = makeJob(root + "/web/a.jpg", chain, root + "/web");
        earlier.relativeDir = "web";
        const JobResult skipped = processJob(earlier, m_registry, reservations, CancelToken());
        QCOMPARE(skipped.status, JobStatus::Skipped);
        QVERIFY2(skipped.error.contains("output folder"), qPrintable(skipped.error));
        QCOMPARE(QDir(root + "/web").entryList(QDir::Files), QStringList({"a.jpg"})); // nothing new

        const JobResult photo = processJob(makeJob(root + "/a.jpg", chain, root + "/web"), m_registry,
                                           reservations, CancelToken());
        QCOMPARE(photo.status, JobStatus::Written);
    }

    void unwritableOutputFolderFailsWithTheOsReason()
    {
        if (::geteuid() == 0)
            QSKIP("root ignores folder permissions");
        const QString input = m_dir.filePath("y.png");
        test::writeImage(input, test::syntheticImage(20, 20));
        QDir().mkpath(m_dir.filePath("ro"));
        QFile::setPermissions(m_dir.filePath("ro"), QFile::ReadOwner | QFile::ExeOwner);
        OutputReservations reservations;
        const JobResult r = processJob(makeJob(input, {}, m_dir.filePath("ro")), m_registry,
                                       reservations, CancelToken());
        QCOMPARE(r.status, JobStatus::Failed);
        QVERIFY2(r.error.contains("Permission denied"), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestJobProcessor)
#include "tst_jobprocessor.moc"

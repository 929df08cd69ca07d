// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/jpegframe.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/worker/jobprocessor.h"
#include "engine/worker/workerpool.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace pixelmill;

namespace {

std::atomic<int> g_inFlight{0};
std::atomic<int> g_maxInFlight{0};
std::atomic<bool> g_gateOpen{false};

// Waits until `count` jobs are inside it at once (or fails after 10 s), proving
// that the pool really runs that many in parallel.
class BarrierFilter final : public Filter
{
public:
    BarrierFilter()
    {
        m_d.id = "test_barrier";
        m_d.displayName = m_d.category = m_d.description = "test";
        m_d.params = {ParamSpec::integer("count", "n", 2, 1, 64, {}, "jobs to wait for")};
    }
    const FilterDescriptor &descriptor() const override { return m_d; }
    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &cancel) const override
    {
        const int now = ++g_inFlight;
        int seen = g_maxInFlight.load();
        while (now > seen && !g_maxInFlight.compare_exchange_weak(seen, now)) {
        }
        QElapsedTimer t;
        t.start();
        while (g_maxInFlight.load() < p.value("count").toInt() && !cancel.isCanceled()) {
            if (t.elapsed() > 10000) {
                --g_inFlight;
                throw FilterError("test_barrier: timed out");
            }
            QThread::msleep(2);
        }
        --g_inFlight;
        return in;
    }

private:
    FilterDescriptor m_d;
};

// Holds the worker until the gate opens or the job is canceled.
class GateFilter final : public Filter
{
public:
    GateFilter()
    {
        m_d.id = "test_gate";
        m_d.displayName = m_d.category = m_d.description = "test";
    }
    const FilterDescriptor &descriptor() const override { return m_d; }
    cv::Mat apply(const cv::Mat &in, const QVariantMap &, const CancelToken &cancel) const override
    {
        while (!g_gateOpen.load() && !cancel.isCanceled())
            QThread::msleep(2);
        return in;
    }

private:
    FilterDescriptor m_d;
};

} // namespace

class TestWorkerPool final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;
    QTemporaryDir m_dir;
    QString m_input;

    QList<Job> jobs(int n, const QString &filterId, const QString &outDir,
                    const QVariantMap &params = {})
    {
        QList<Job> list;
        for (int i = 0; i < n; ++i) {
            Job job;
            job.inputPath = m_input;
            job.chain = m_registry.normalized(FilterChain{FilterStep{filterId, 1, true, params}}).value;
            job.exportOptions.outputDir = m_dir.filePath(outDir);
            job.exportOptions.format = ImageFormat::Png;
            job.exportOptions.nameTemplate = "{counter}";
            list.append(job);
        }
        return list;
    }

    static BatchSummary waitForBatch(QSignalSpy &spy)
    {
        if (spy.isEmpty() && !spy.wait(30000))
            qFatal("batch did not finish");
        return spy.takeFirst().at(0).value<BatchSummary>();
    }

private slots:
    void initTestCase()
    {
        registerBuiltinFilters(m_registry);
        m_registry.registerFilter(std::make_unique<BarrierFilter>());
        m_registry.registerFilter(std::make_unique<GateFilter>());
        m_input = m_dir.filePath("in.png");
        test::writeImage(m_input, test::syntheticImage(64, 48));
    }

    void init()
    {
        g_inFlight = 0;
        g_maxInFlight = 0;
        g_gateOpen = false;
    }

    void runsNJobsAtOnce()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(3);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(6, "test_barrier", "n", {{"count", 3}}));
        const BatchSummary s = waitForBatch(done);
        QCOMPARE(s.written, 6);
        QCOMPARE(g_maxInFlight.load(), 3);
    }

    // Three workers, room in memory for one image: the jobs take turns, the
    // waiting ones say so, and every one is written in the end.
    void jobsWaitForMemoryInsteadOfOverrunningIt()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(3);
        const qint64 oneImage = estimatedWorkingBytes("png", cv::Size(64, 48), QFileInfo(m_input).size());
        pool.setMemoryLimit(oneImage + oneImage / 2);
        QSignalSpy progress(&pool, &WorkerPool::jobProgressChanged);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(3, "test_gate", "memory"));
        QTRY_VERIFY_WITH_TIMEOUT(pool.runningCount() == 3, 10000);
        bool sawWaiting = false;
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress.begin(), progress.end(), [&](const QList<QVariant> &args) {
            return sawWaiting = args.at(1).value<JobStage>() == JobStage::WaitingForMemory;
        }), 10000);
        QVERIFY(sawWaiting);
        QCOMPARE(pool.peakJobsHoldingMemory(), 1);
        g_gateOpen = true;
        QCOMPARE(waitForBatch(done).written, 3);
        QCOMPARE(pool.peakJobsHoldingMemory(), 1);

        // With the default budget the same three run side by side.
        WorkerPool roomy(m_registry);
        roomy.setMaxWorkers(3);
        QSignalSpy roomyDone(&roomy, &WorkerPool::batchFinished);
        g_gateOpen = false;
        roomy.submit(jobs(3, "test_gate", "memory-roomy"));
        QTRY_COMPARE_WITH_TIMEOUT(roomy.peakJobsHoldingMemory(), 3, 10000);
        g_gateOpen = true;
        QCOMPARE(waitForBatch(roomyDone).written, 3);
    }

    // A progressive JPEG shrunk on load is small once decoded, but libjpeg holds
    // all its coefficients meanwhile: the reservation counts them, so jobs that
    // would each fit without them take turns.
    void aProgressiveJpegReservesItsCoefficientBuffer()
    {
        const QString photo = m_dir.filePath("progressive.jpg");
        std::vector<uchar> bytes;
        cv::imencode(".jpg", test::syntheticImage(1600, 1200), bytes, {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
        test::writeFile(photo, test::bytesOf(bytes));
        const qint64 pixelsOnly = estimatedWorkingBytes("jpeg", cv::Size(200, 150), qint64(bytes.size()));
        const qint64 withCoefficients = estimatedWorkingBytes("jpeg", cv::Size(200, 150), qint64(bytes.size()),
                                                              jpegCoefficientBufferBytes(test::bytesOf(bytes)));
        QVERIFY(withCoefficients > 3 * pixelsOnly);

        WorkerPool pool(m_registry);
        pool.setMaxWorkers(3);
        pool.setMemoryLimit(withCoefficients + withCoefficients / 2); // three times pixelsOnly and more
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        QList<Job> list = jobs(3, "test_gate", "progressive");
        for (Job &job : list) {
            job.inputPath = photo;
            job.chain = m_registry
                            .normalized(FilterChain{FilterStep{"resize", 1, true, {{"long_edge", 200}}},
                                                    FilterStep{"test_gate", 1, true, {}}})
                            .value;
        }
        pool.submit(list);
        QTRY_VERIFY_WITH_TIMEOUT(pool.runningCount() == 3 && pool.peakJobsHoldingMemory() == 1, 10000);
        QTest::qWait(200);
        QCOMPARE(pool.peakJobsHoldingMemory(), 1);
        g_gateOpen = true;
        QCOMPARE(waitForBatch(done).written, 3);
        QCOMPARE(pool.peakJobsHoldingMemory(), 1);
    }

    void workerCountChangeAppliesToTheRunningBatch()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(1);
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(4, "test_barrier", "change", {{"count", 2}}));
        QVERIFY(started.wait(5000));
        QTest::qWait(100);
        QCOMPARE(pool.runningCount(), 1); // one worker: the barrier cannot be met yet
        pool.setMaxWorkers(2);
        const BatchSummary s = waitForBatch(done);
        QCOMPARE(s.written, 4);
        QCOMPARE(g_maxInFlight.load(), 2);
    }

    void cancelStopsRunningAndQueuedJobsLeavingNoFiles()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(2);
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(5, "test_gate", "cancel"));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 5000);
        pool.cancelAll();
        const BatchSummary s = waitForBatch(done);
        QCOMPARE(s.canceled, 5);
        QCOMPARE(s.written, 0);
        const QDir out(m_dir.filePath("cancel"));
        QVERIFY(!out.exists() || out.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    }

    void cancelOneJob()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(1);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        const QList<JobId> ids = pool.submit(jobs(3, "test_gate", "one"));
        pool.cancel(ids.at(2)); // queued
        pool.cancel(ids.at(0)); // running or about to run
        g_gateOpen = true;
        const BatchSummary s = waitForBatch(done);
        QCOMPARE(s.canceled, 2);
        QCOMPARE(s.written, 1);
    }

    void pauseStopsHandingOutJobs()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(1);
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(3, "test_gate", "pause"));
        QVERIFY(started.wait(5000));
        pool.pause();
        g_gateOpen = true;
        QTest::qWait(300);
        QCOMPARE(started.count(), 1);
        QCOMPARE(pool.queuedCount(), 2);
        QVERIFY(done.isEmpty());
        pool.resume();
        QCOMPARE(waitForBatch(done).written, 3);
    }

    // The batch's time, on which its speed and ETA are measured, leaves out the
    // time it sat paused with nothing running, and only that: a job still
    // running after the pause is the batch's time.
    void timePausedWithNothingRunningIsNotTheBatchsTime()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(1);
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        QElapsedTimer wall;
        wall.start();
        pool.submit(jobs(2, "test_gate", "clock"));
        QVERIFY(started.wait(5000));
        pool.pause();
        QTest::qWait(400);
        g_gateOpen = true;
        QVERIFY(finished.wait(5000));
        const double beforeIdling = pool.activeSeconds();
        QVERIFY2(beforeIdling >= 0.39, qPrintable(QString::number(beforeIdling)));
        QTest::qWait(1500);
        QVERIFY(pool.activeSeconds() - beforeIdling < 0.01); // the clock stood still
        pool.resume();
        const BatchSummary summary = waitForBatch(done);
        QCOMPARE(summary.written, 2);
        QVERIFY(summary.wallSeconds >= beforeIdling);
        QVERIFY2(summary.wallSeconds < wall.elapsed() / 1000.0 - 1.4,
            qPrintable(QString::number(summary.wallSeconds)));
        QCOMPARE(pool.activeSeconds(), summary.wallSeconds);
    }

    void onlyTheWantedJobsMakeThumbnails()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(1);
        pool.pause();
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        const QList<JobId> ids = pool.submit(jobs(3, "test_gate", "wanted"));
        pool.setThumbnailsWanted(QSet<JobId> {ids.at(0)});
        pool.resume();
        QVERIFY(started.wait(5000));
        // The running job sees the change: its row scrolled away before it got there.
        pool.setThumbnailsWanted(QSet<JobId> {ids.at(1)});
        const JobId unseen = pool.submit(jobs(1, "test_gate", "wanted").constFirst());
        g_gateOpen = true;
        QCOMPARE(waitForBatch(done).written, 4);
        QHash<JobId, bool> hasThumbnail;
        for (const QList<QVariant> &signal : std::as_const(finished)) {
            const auto result = signal.at(0).value<JobResult>();
            hasThumbnail.insert(result.id, !result.thumbnail.isNull());
        }
        QCOMPARE(hasThumbnail.value(ids.at(0), true), false);
        QCOMPARE(hasThumbnail.value(ids.at(1), false), true);
        QCOMPARE(hasThumbnail.value(ids.at(2), true), false);
        QCOMPARE(
            hasThumbnail.value(unseen, false), true); // submitted after the call: its caller has not seen it

        // No set: every job makes one again.
        finished.clear();
        pool.setThumbnailsWanted(std::nullopt);
        pool.submit(jobs(2, "test_gate", "all"));
        QCOMPARE(waitForBatch(done).written, 2);
        QCOMPARE(finished.count(), 2);
        for (const QList<QVariant> &signal : std::as_const(finished))
            QVERIFY(!signal.at(0).value<JobResult>().thumbnail.isNull());
    }

    void continuesPastBadFilesWithExactCounts()
    {
        const QString corrupt = m_dir.filePath("corrupt.jpg");
        test::writeFile(corrupt, "this is not a jpeg");
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(2);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        QList<Job> list = jobs(4, "flip", "mixed");
        list[1].inputPath = corrupt;
        list[3].inputPath = m_dir.filePath("vanished.png");
        pool.submit(list);
        const BatchSummary s = waitForBatch(done);
        QCOMPARE(s.submitted, 4);
        QCOMPARE(s.written, 2);
        QCOMPARE(s.failed, 2);
        QCOMPARE(s.problems.size(), 2);
        QCOMPARE(finished.count(), 4);
        QCOMPARE(QDir(m_dir.filePath("mixed")).entryList(QDir::Files).size(), 2);
    }

    void signalsArriveOnTheOwnerThreadWithProgress()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(2);
        QThread *owner = QThread::currentThread();
        bool allOnOwner = true;
        connect(&pool, &WorkerPool::jobFinished, this,
                [&] { allOnOwner = allOnOwner && QThread::currentThread() == owner; });
        connect(&pool, &WorkerPool::jobProgressChanged, this,
                [&] { allOnOwner = allOnOwner && QThread::currentThread() == owner; });
        QSignalSpy progress(&pool, &WorkerPool::jobProgressChanged);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(2, "test_gate", "thread"));
        // Both jobs are held inside their filter step: the sampled stage must say so.
        auto jobsSeenFiltering = [&progress] {
            QSet<JobId> seen;
            for (const auto &args : progress) {
                if (args.at(1).value<JobStage>() == JobStage::Filtering && args.at(2).toInt() == 30)
                    seen.insert(args.at(0).value<JobId>());
            }
            return seen.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(jobsSeenFiltering(), 2, 5000);
        // A stage that does not change is not reported again.
        const qsizetype before = progress.count();
        QTest::qWait(200);
        QCOMPARE(progress.count(), before);
        g_gateOpen = true;
        waitForBatch(done);
        QVERIFY(allOnOwner);
    }

    void countersFollowSubmissionOrder()
    {
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(2);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs(3, "flip", "counter"));
        waitForBatch(done);
        QCOMPARE(QDir(m_dir.filePath("counter")).entryList(QDir::Files, QDir::Name),
                 QStringList({"1.png", "2.png", "3.png"}));
    }
};

QTEST_GUILESS_MAIN(TestWorkerPool)
#include "tst_workerpool.moc"

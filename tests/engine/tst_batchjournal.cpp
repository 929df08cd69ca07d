// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/batchjournal.h"
#include "engine/journal/resumeplan.h"
#include "engine/scan/nativepath.h"
#include "tests/common/testutils.h"

#include <QTest>

#include <QDir>
#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pixelmill;

// The crashing children would otherwise run Qt Test's debugger-driven stack dump.
static const bool g_noStackDumps = qputenv("QTEST_DISABLE_STACK_DUMP", "1");

class TestBatchJournal final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

    // What the next start sees: its own connection, as a new process would have.
    std::optional<InterruptedBatch> seenFromAnotherProcess(const QString &path)
    {
        BatchJournal other;
        if (!other.open(path, nullptr))
            return std::nullopt;
        return other.newestInterrupted("gui");
    }

private slots:
    // A slow chain may run minutes before its first result commits; a crash then must
    // still leave every queued input in the journal, or Resume has nothing to do.
    void queuedInputsAreDurableBeforeTheFirstResult()
    {
        const QString path = m_dir.filePath("journal.sqlite");
        BatchJournal journal;
        QVERIFY(journal.open(path, nullptr));
        journal.begin("key", false, "gui", "{}");
        for (const char *name : {"a.jpg", "b.jpg", "c.jpg"})
            journal.recordQueued(m_dir.filePath(name));
        journal.commitQueued();
        const std::optional<InterruptedBatch> seen = seenFromAnotherProcess(path);
        QVERIFY(seen);
        QCOMPARE(seen->jobs.size(), 3);
        QCOMPARE(seen->jobs.at(1).input, m_dir.filePath("b.jpg"));
        QCOMPARE(seen->jobs.at(1).status, QStringLiteral("queued"));
    }

    // Only the newest run of a command counts: once a later run of it finished,
    // the older interrupted one is nothing a new run would do again.
    void lastRunIfInterruptedLooksAtTheNewestRunOfTheKey()
    {
        const QString path = m_dir.filePath("last-run.sqlite");
        {
            BatchJournal killed;
            QVERIFY(killed.open(path, nullptr));
            killed.begin("same command", false);
            killed.recordQueued(m_dir.filePath("a.jpg"));
            killed.commitQueued();
        }
        BatchJournal next;
        QVERIFY(next.open(path, nullptr));
        QVERIFY(!next.lastRunIfInterrupted("another command"));
        const std::optional<InterruptedBatch> earlier = next.lastRunIfInterrupted("same command");
        QVERIFY(earlier);
        QCOMPARE(earlier->jobs.size(), 1);
        next.begin("same command", false);
        next.finish();
        QVERIFY(!next.lastRunIfInterrupted("same command"));
    }

    // Resume keeps an output when its file still holds a readable image header,
    // in every format Pixelmill writes, whatever bytes its name is made of.
    void outputStillGoodLooksAtTheHeader()
    {
        const cv::Mat image = test::syntheticImage(64, 48);
        for (const char *ext : {".jpg", ".png", ".webp", ".tiff", ".bmp"}) {
            const QString path = m_dir.filePath(QStringLiteral("output") + ext);
            test::writeFile(path, test::encode(ext, image));
            QVERIFY2(outputStillGood(path), ext);
        }
        const QString odd = pathFromNative(QFile::encodeName(m_dir.filePath("caf")) + "\xe9.png");
        test::writeFile(odd, test::encode(".png", image));
        QVERIFY(outputStillGood(odd));

        test::writeFile(m_dir.filePath("garbage.jpg"), "not an image at all");
        test::writeFile(m_dir.filePath("empty.png"), "");
        QByteArray png = test::encode(".png", image);
        png.truncate(20); // the header cut short
        test::writeFile(m_dir.filePath("cut.png"), png);
        QVERIFY(QDir().mkpath(m_dir.filePath("folder.jpg")));
        QCOMPARE(::mkfifo(QFile::encodeName(m_dir.filePath("fifo.png")).constData(), 0600), 0);
        for (const char *name : {"garbage.jpg", "empty.png", "cut.png", "folder.jpg", "fifo.png", "missing.png"})
            QVERIFY2(!outputStillGood(m_dir.filePath(name)), name);
        QVERIFY(!outputStillGood({}));
    }

    // A kept output's row shows its input's size from the header. An input
    // replaced by a FIFO since must not hang the resume, which waits for it.
    void resumingReadsKeptInputsHeadersWithoutWaitingOnThem()
    {
        const QString path = m_dir.filePath("sizes-journal.sqlite");
        const QString photo = m_dir.filePath("kept.jpg");
        const QString piped = m_dir.filePath("piped.jpg");
        const QString output = m_dir.filePath("kept-out.jpg");
        test::writeImage(photo, test::syntheticImage(64, 48));
        test::writeImage(output, test::syntheticImage(32, 24));
        QCOMPARE(::mkfifo(QFile::encodeName(piped).constData(), 0600), 0);
        {
            BatchJournal journal;
            QVERIFY(journal.open(path, nullptr));
            journal.begin("sizes", false, "gui", "{}");
            journal.recordQueued(photo);
            journal.recordQueued(piped);
            journal.commitQueued();
            journal.recordRecovered(photo, output);
            journal.recordRecovered(piped, output);
        }
        const std::optional<InterruptedBatch> seen = seenFromAnotherProcess(path);
        QVERIFY(seen);
        QFuture<ResumePlan> planning = QtConcurrent::run([batch = *seen] { return planResume(batch, ExportOptions()); });
        QElapsedTimer waited;
        waited.start();
        while (!planning.isFinished() && waited.elapsed() < 10000)
            QTest::qWait(20);
        const bool finishedInTime = planning.isFinished();
        if (!finishedInTime) { // a writer lets the blocked open() go, so that the test can end
            const int fd = ::open(QFile::encodeName(piped).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        }
        const ResumePlan plan = planning.result();
        QVERIFY2(finishedInTime, "planResume waited on a FIFO");
        QCOMPARE(plan.finished.size(), 2);
        QCOMPARE(plan.finished.at(0).result.inputSize, QSize(64, 48));
        QCOMPARE(plan.finished.at(1).result.inputSize, QSize());
    }

    // A decoder that crashes the process on a file would crash every resume
    // again: the file is left out, with its reason, until the batch finishes.
    void resumingLeavesOutWhatTheBatchCrashedOn()
    {
        const QString path = m_dir.filePath("crash-journal.sqlite");
        const QString bad = m_dir.filePath("bad.heic");
        const QString good = m_dir.filePath("good.jpg");
        {
            BatchJournal journal;
            QVERIFY(journal.open(path, nullptr));
            journal.begin("crashing", false, "gui", "{}");
            journal.recordQueued(bad);
            journal.recordQueued(good);
            journal.commitQueued();
            QVERIFY(journal.crashedInputs().isEmpty());
            QVERIFY(test::crashWhileProcessing(bad, SIGSEGV));
        }
        const std::optional<InterruptedBatch> seen = seenFromAnotherProcess(path);
        QVERIFY(seen);
        QCOMPARE(seen->crashedInputs, QStringList{bad});
        const ResumePlan plan = planResume(*seen, ExportOptions());
        QCOMPARE(plan.crashed, QStringList{bad});
        QCOMPARE(plan.remaining.size(), 1);
        QCOMPARE(plan.remaining.first().path, good);

        BatchJournal resumed;
        QVERIFY(resumed.open(path, nullptr));
        resumed.begin("crashing", true, "gui", "{}");
        QCOMPARE(resumed.crashedInputs(), QStringList{bad});
        resumed.finish();
        BatchJournal later;
        QVERIFY(later.open(path, nullptr));
        later.begin("crashing", true, "gui", "{}"); // the finished batch again: nothing is blamed any more
        QVERIFY(later.crashedInputs().isEmpty());
        later.finish();
    }
};

QTEST_GUILESS_MAIN(TestBatchJournal)
#include "tst_batchjournal.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/batchjournal.h"
#include "engine/journal/resumeplan.h"
#include "engine/scan/nativepath.h"
#include "tests/common/testutils.h"

#include <QTest>

#include <QDir>

#include <csignal>
#include <sys/stat.h>

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

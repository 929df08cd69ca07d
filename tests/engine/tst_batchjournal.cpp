// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/batchjournal.h"
#include "tests/common/testutils.h"

#include <QTest>

using namespace pixelmill;

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
};

QTEST_GUILESS_MAIN(TestBatchJournal)
#include "tst_batchjournal.moc"

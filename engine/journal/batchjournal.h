// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/jobresult.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <unordered_map>

namespace pixelmill {

/// A batch that ended without finishing (crash, kill, closed window), as the
/// journal saw it: enough to offer "resume" and to rebuild the batch.
struct InterruptedBatch
{
    struct Entry
    {
        QString input;
        QString status; ///< "queued", "written", "failed", "skipped"
        QString output;
        QString relativeDir; ///< for mirroring the input folders
    };
    qint64 id = -1;
    QByteArray key;
    QDateTime started;
    QByteArray preset; ///< the chain and export options it ran with (preset JSON)
    QList<Entry> jobs;
    QStringList crashedInputs; ///< inputs a run of it crashed on (see crashmarker.h)
    /// Where each input's output was last about to be put (OutputIntentLog);
    /// nullopt for a batch without that log.
    std::optional<QHash<QString, QString>> intendedOutputs;
};

/// Records each job's state in SQLite so that a batch stopped by a crash,
/// kill -9 or a closed window can be resumed without doing anything twice.
/// A batch is identified by a key over its inputs and options. Owner thread
/// only (results arrive there from the pool).
class BatchJournal
{
public:
    BatchJournal() = default;
    ~BatchJournal();
    BatchJournal(const BatchJournal &) = delete;
    BatchJournal &operator=(const BatchJournal &) = delete;

    /// The journal every Pixelmill front end shares, in the user's data folder.
    static QString defaultPath();

    bool open(const QString &path, QString *error);

    /// Starts recording a batch under `key`; `resume` continues the newest batch
    /// with that key instead (a finished one too: then nothing is redone).
    /// `origin` names the front end ("cli", "gui"); `preset` is kept for resuming.
    void begin(const QByteArray &key, bool resume, const QByteArray &origin = "cli", const QByteArray &preset = {});
    /// The newest unfinished batch started by `origin`, if any.
    std::optional<InterruptedBatch> newestInterrupted(const QByteArray &origin) const;
    /// The newest batch begun under `key`, if it never finished: a run of the
    /// same command without resume can say that it does that work again.
    std::optional<InterruptedBatch> lastRunIfInterrupted(const QByteArray &key) const;
    /// A batch as recorded so far (the continued one, for --resume), if any.
    std::optional<InterruptedBatch> batch(qint64 batchId) const;
    /// Marks a batch finished without running it: it is no longer offered.
    void discard(qint64 batchId);

    /// For --resume: the output a previous run wrote for this input, or empty.
    QString writtenOutputFor(const QString &input) const;
    /// Inputs an earlier run of this batch crashed on: resuming fails them
    /// instead of crashing again. Kept until the batch finishes.
    const QStringList &crashedInputs() const { return m_crashed; }

    void recordQueued(const QString &input, const QString &relativeDir = {});
    /// Makes the queued records so far durable. Call after each group of recordQueued():
    /// until the first result commits, a crash would otherwise leave a batch with no inputs.
    void commitQueued();
    void recordResult(const JobResult &result);
    /// Records `output` as `input`'s, written by an earlier run of the batch
    /// whose kill kept it from the journal (findUnrecordedOutputs).
    void recordRecovered(const QString &input, const QString &output);
    /// Marks the batch finished: it is no longer offered for resuming.
    void finish();

    qint64 batchId() const { return m_batchId; }
    /// The OutputIntentLog of the batch begun or continued (for WorkerPool::setOutputIntentLog);
    /// empty without one. Removed with the batch's other traces when it finishes.
    QString intentLogPath() const { return m_batchId < 0 ? QString() : intentLogPath(m_batchId); }
    /// When the continued (or new) batch first started; invalid without a journal.
    QDateTime started() const { return m_started; }

private:
    bool exec(const QString &sql, const QVariantList &values = {});
    /// Commits what was recorded and opens the next transaction: one durable step.
    void commitAndContinue();
    /// Where a crash during batch `id` leaves the inputs it was processing.
    QString crashMarkerPath(qint64 id) const;
    QString intentLogPath(qint64 id) const;
    /// Removes what batch `id` kept beside the journal while it ran.
    void removeTraces(qint64 id) const;

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    /// Each statement is parsed once: Start records a 10,000-image queue on the
    /// GUI thread, and preparing every insert again took most of that time.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    qint64 m_batchId = -1;
    QDateTime m_started;
    QHash<QString, QString> m_written; // input -> output, from a resumed batch
    QStringList m_crashed;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/jobresult.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace pixelmill {

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
    void begin(const QByteArray &key, bool resume);

    /// For --resume: the output a previous run wrote for this input, or empty.
    QString writtenOutputFor(const QString &input) const;

    void recordQueued(const QString &input);
    void recordResult(const JobResult &result);
    /// Marks the batch finished: it is no longer offered for resuming.
    void finish();

    qint64 batchId() const { return m_batchId; }
    /// When the continued (or new) batch first started; invalid without a journal.
    QDateTime started() const { return m_started; }

private:
    bool exec(const QString &sql, const QVariantList &values = {});

    QString m_connection;
    QSqlDatabase m_db;
    qint64 m_batchId = -1;
    QDateTime m_started;
    QHash<QString, QString> m_written; // input -> output, from a resumed batch
};

} // namespace pixelmill

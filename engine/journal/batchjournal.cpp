// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/batchjournal.h"

#include "engine/export/outputintentlog.h"
#include "engine/scan/nativepath.h"
#include "engine/worker/crashmarker.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace pixelmill {

BatchJournal::~BatchJournal()
{
    m_statements.clear(); // before the connection goes
    if (m_db.isOpen()) {
        m_db.commit();
        m_db.close();
    }
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

QString BatchJournal::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("pixelmill/journal.sqlite"));
}

bool BatchJournal::open(const QString &path, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_path = path;
    m_connection = QStringLiteral("pixelmill-journal-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        if (error)
            *error = QStringLiteral("cannot open the batch journal %1: %2").arg(path, m_db.lastError().text());
        return false;
    }
    // WAL with synchronous=NORMAL: a commit per result is cheap and survives a
    // killed process (only a power cut can lose the last few).
    const bool ok = exec(QStringLiteral("PRAGMA journal_mode=WAL")) && exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        && exec(QStringLiteral("CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY, key BLOB, "
                               "started TEXT, finished INTEGER DEFAULT 0)"))
        && exec(QStringLiteral("CREATE TABLE IF NOT EXISTS jobs (batch INTEGER, input TEXT, status TEXT, "
                               "output TEXT, error TEXT, PRIMARY KEY (batch, input))"));
    // Columns added after the first release; "duplicate column" on newer files is expected.
    exec(QStringLiteral("ALTER TABLE batches ADD COLUMN origin TEXT"));
    exec(QStringLiteral("ALTER TABLE batches ADD COLUMN preset BLOB"));
    exec(QStringLiteral("ALTER TABLE jobs ADD COLUMN relative_dir BLOB"));
    if (!ok && error)
        *error = QStringLiteral("cannot prepare the batch journal %1: %2").arg(path, m_db.lastError().text());
    return ok;
}

bool BatchJournal::exec(const QString &sql, const QVariantList &values)
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        if (!query->prepare(sql))
            return false;
        found = m_statements.emplace(sql, std::move(query)).first;
    }
    QSqlQuery &q = *found->second;
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    const bool ok = q.exec();
    q.finish(); // an open statement would hold its read lock across commits
    return ok;
}

void BatchJournal::begin(const QByteArray &key, bool resume, const QByteArray &origin, const QByteArray &preset)
{
    if (!m_db.isOpen())
        return;
    if (resume) {
        QSqlQuery q(m_db);
        // Finished or not: resuming a completed batch must redo nothing either.
        q.prepare(QStringLiteral("SELECT id, started FROM batches WHERE key = ? ORDER BY id DESC LIMIT 1"));
        q.addBindValue(key);
        if (q.exec() && q.next()) {
            m_batchId = q.value(0).toLongLong();
            m_started = QDateTime::fromString(q.value(1).toString(), Qt::ISODate);
        }
    }
    if (m_batchId < 0) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO batches (key, started, origin, preset) VALUES (?, ?, ?, ?)"));
        q.addBindValue(key);
        m_started = QDateTime::currentDateTimeUtc();
        q.addBindValue(m_started.toString(Qt::ISODate));
        q.addBindValue(QString::fromLatin1(origin));
        q.addBindValue(preset);
        if (q.exec())
            m_batchId = q.lastInsertId().toLongLong();
    } else {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT input, output FROM jobs WHERE batch = ? AND status = 'written'"));
        q.addBindValue(m_batchId);
        if (q.exec()) {
            while (q.next())
                m_written.insert(pathFromNative(q.value(0).toByteArray()), pathFromNative(q.value(1).toByteArray()));
        }
    }
    m_db.transaction(); // committed with each result and at the end
    if (m_batchId >= 0) {
        m_crashed = crashmarker::crashedInputs(crashMarkerPath(m_batchId));
        crashmarker::arm(crashMarkerPath(m_batchId));
    }
}

QString BatchJournal::intentLogPath(qint64 id) const
{
    return QStringLiteral("%1.outputs-%2").arg(m_path).arg(id);
}

void BatchJournal::removeTraces(qint64 id) const
{
    QFile::remove(crashMarkerPath(id));
    QFile::remove(intentLogPath(id));
}

QString BatchJournal::crashMarkerPath(qint64 id) const
{
    return QStringLiteral("%1.crashed-%2").arg(m_path).arg(id);
}

std::optional<InterruptedBatch> BatchJournal::newestInterrupted(const QByteArray &origin) const
{
    if (!m_db.isOpen())
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM batches WHERE finished = 0 AND origin = ? ORDER BY id DESC LIMIT 1"));
    q.addBindValue(QString::fromLatin1(origin));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return batch(q.value(0).toLongLong());
}

std::optional<InterruptedBatch> BatchJournal::lastRunIfInterrupted(const QByteArray &key) const
{
    if (!m_db.isOpen())
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, finished FROM batches WHERE key = ? ORDER BY id DESC LIMIT 1"));
    q.addBindValue(key);
    if (!q.exec() || !q.next() || q.value(1).toInt() != 0)
        return std::nullopt;
    return batch(q.value(0).toLongLong());
}

std::optional<InterruptedBatch> BatchJournal::batch(qint64 batchId) const
{
    if (!m_db.isOpen() || batchId < 0)
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, key, started, preset FROM batches WHERE id = ?"));
    q.addBindValue(batchId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    InterruptedBatch recorded;
    recorded.id = q.value(0).toLongLong();
    recorded.key = q.value(1).toByteArray();
    recorded.started = QDateTime::fromString(q.value(2).toString(), Qt::ISODate);
    recorded.preset = q.value(3).toByteArray();
    QSqlQuery jobs(m_db);
    jobs.prepare(QStringLiteral("SELECT input, status, output, relative_dir FROM jobs WHERE batch = ? ORDER BY rowid"));
    jobs.addBindValue(recorded.id);
    if (jobs.exec()) {
        while (jobs.next())
            recorded.jobs.append({pathFromNative(jobs.value(0).toByteArray()), jobs.value(1).toString(),
                                  pathFromNative(jobs.value(2).toByteArray()),
                                  pathFromNative(jobs.value(3).toByteArray())});
    }
    recorded.crashedInputs = crashmarker::crashedInputs(crashMarkerPath(recorded.id));
    recorded.intendedOutputs = OutputIntentLog::read(intentLogPath(recorded.id));
    return recorded;
}

void BatchJournal::discard(qint64 batchId)
{
    exec(QStringLiteral("UPDATE batches SET finished = 1 WHERE id = ?"), {batchId});
    commitAndContinue();
    removeTraces(batchId);
}

QString BatchJournal::writtenOutputFor(const QString &input) const
{
    return m_written.value(input);
}

void BatchJournal::recordQueued(const QString &input, const QString &relativeDir)
{
    if (m_batchId < 0)
        return;
    exec(QStringLiteral("INSERT OR IGNORE INTO jobs (batch, input, status, relative_dir) VALUES (?, ?, 'queued', ?)"),
         {m_batchId, nativePath(input), nativePath(relativeDir)});
}

void BatchJournal::commitQueued()
{
    commitAndContinue();
}

void BatchJournal::recordResult(const JobResult &result)
{
    if (m_batchId < 0 || result.status == JobStatus::Canceled)
        return;
    exec(QStringLiteral("INSERT INTO jobs (batch, input, status, output, error) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (batch, input) DO UPDATE SET status = excluded.status, "
                        "output = excluded.output, error = excluded.error"),
         {m_batchId, nativePath(result.inputPath), jobStatusName(result.status), nativePath(result.outputPath),
          result.error});
    commitAndContinue();
}

void BatchJournal::recordRecovered(const QString &input, const QString &output)
{
    JobResult written;
    written.inputPath = input;
    written.outputPath = output;
    written.status = JobStatus::Written;
    recordResult(written);
}

void BatchJournal::finish()
{
    if (m_batchId < 0)
        return;
    exec(QStringLiteral("UPDATE batches SET finished = 1 WHERE id = ?"), {m_batchId});
    m_db.commit();
    crashmarker::arm({});
    removeTraces(m_batchId);
}

void BatchJournal::commitAndContinue()
{
    m_db.commit();
    m_db.transaction();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"
#include "engine/journal/batchjournal.h"
#include "engine/pipeline/filterstep.h"
#include "engine/scan/pathscanner.h"
#include "ui/settings/appsettings.h"

#include <QObject>

#include <memory>
#include <optional>

namespace pixelmill {

class FilterRegistry;
class JobQueueModel;
class WorkerPool;

/// Turns queued rows into jobs with the current settings, feeds them to the
/// pool, and keeps the batch figures (done, failed, images/s, ETA). GUI thread.
class BatchController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchController)

public:
    struct Stats
    {
        int total = 0;
        int finished = 0; ///< processed or cancelled: what the batch no longer waits for
        int written = 0;
        int failed = 0;
        int skipped = 0;
        int canceled = 0;
        int processed = 0; ///< BatchSummary::processed()
        double imagesPerSecond = 0;
        double etaSeconds = -1;
    };

    BatchController(WorkerPool &pool, JobQueueModel &model, const FilterRegistry &registry,
                    QObject *parent = nullptr);

    /// Submits every queued row; returns how many, or -1 with `error` set.
    int start(const AppSettings &settings, QString *error);
    /// The normalised chain Start would run, or nullopt with `error` saying what
    /// in the settings stops a batch (bad step, bad name template, no folder).
    std::optional<FilterChain> runnableChain(const AppSettings &settings, QString *error) const;
    /// The rows Start would submit, as scanned files (for the output plan).
    QList<FoundFile> queuedFiles() const;
    void togglePause();
    /// The user's Cancel: the batch ends and is not offered for resuming.
    void cancel();
    /// Stops the batch because the window closes: it stays resumable.
    void abandon();

    /// Where batches are journalled (default: BatchJournal::defaultPath()).
    void setJournalPath(const QString &path) { m_journalPath = path; }
    /// The newest batch of this front end that ended without finishing.
    std::optional<InterruptedBatch> interruptedBatch() const;
    /// The next start continues `batch`'s journal record (nothing done twice).
    /// `recovered`: outputs the interruption kept from the journal (ResumePlan), recorded now.
    /// `carried`: what the inputs not run again came to (kept, left out), which
    /// the batch's figures and summary count as its own.
    void continueInterrupted(const InterruptedBatch &batch, const QHash<QString, QString> &recovered = {},
                             const QList<JobResult> &carried = {})
    {
        m_continueKey = batch.key;
        m_recovered = recovered;
        m_carried = carried;
    }
    void discardInterrupted(const InterruptedBatch &batch);
    bool isRunning() const { return m_running; }
    bool isPaused() const;
    Stats stats() const;

signals:
    void statsChanged();
    void runningChanged(bool running);
    void batchFinished(const pixelmill::BatchSummary &summary, const QString &outputDir);

private:
    void onJobFinished(const JobResult &result);
    void onBatchFinished(const BatchSummary &summary);
    void beginJournal(const FilterChain &chain, const ExportOptions &options);
    /// `summary` of the pool's jobs, plus what the inputs carried over came to.
    BatchSummary withCarried(const BatchSummary &summary) const;

    WorkerPool &m_pool;
    JobQueueModel &m_model;
    const FilterRegistry &m_registry;
    bool m_running = false;
    int m_total = 0;
    QString m_outputDir;
    QString m_journalPath;
    std::unique_ptr<BatchJournal> m_journal; // the running batch's record
    QByteArray m_continueKey;
    QHash<QString, QString> m_recovered; // see continueInterrupted
    QList<JobResult> m_carried; // see continueInterrupted, until the batch starts
    BatchSummary m_carriedSummary; // of the running batch
    bool m_userCanceled = false;
};

} // namespace pixelmill

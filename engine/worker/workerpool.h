// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"
#include "engine/job/job.h"
#include "engine/job/jobresult.h"
#include "engine/job/jobstage.h"
#include "engine/worker/canceltoken.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>

namespace pixelmill {

class FilterRegistry;
class MemoryBudget;
class OutputReservations;

/// Runs jobs on a private QThreadPool. Lives in (and is used from) one thread,
/// normally the GUI thread; every signal is emitted in that thread, so
/// receivers need no locks. Workers take the next job from one shared queue and
/// never wait on anything but their own work.
///
/// A batch begins with the first submit() while idle and ends when every job
/// submitted to it has a result; batchFinished() then carries exact counts.
class WorkerPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerPool)

public:
    /// `registry` must outlive the pool and stay unchanged while it runs.
    explicit WorkerPool(const FilterRegistry &registry, QObject *parent = nullptr);
    ~WorkerPool() override;

    /// Takes effect at once, also for a running batch: more workers start
    /// immediately, surplus ones stop after their current job.
    void setMaxWorkers(int count);
    int maxWorkers() const;

    /// The memory running jobs may hold at once (see MemoryBudget); by default
    /// half the machine's. Applies to jobs that start after the call.
    void setMemoryLimit(qint64 bytes);
    qint64 memoryLimit() const;
    /// The most jobs that held memory at once under the current limit.
    int peakJobsHoldingMemory() const;

    /// Where the next batch logs each output just before putting it in place
    /// (OutputIntentLog; the journal keeps it beside itself). Empty: no log.
    /// Applies to the batch the next submit() starts.
    void setOutputIntentLog(const QString &path) { m_intentLogPath = path; }

    /// The jobs whose output thumbnail will be looked at (the window's rows on
    /// screen); the others skip it, which is 4 ms of a worker's time per
    /// 1920-pixel output, 7 % of a batch of them. Running jobs see the change;
    /// jobs submitted after the call make one (the caller has not seen them).
    /// Without a set (the default) every job that asks for one makes it.
    void setThumbnailsWanted(std::optional<QSet<JobId>> ids);

    /// Queues jobs (chains must be normalised). Ids and, where 0, counters are
    /// assigned here. Returns the ids in order.
    QList<JobId> submit(QList<Job> jobs);
    JobId submit(const Job &job);

    /// Pause stops handing out jobs; running ones finish. Resume continues.
    void pause();
    void resume();
    bool isPaused() const;

    /// A queued job is dropped; a running one stops at its next stage boundary.
    /// Either way it ends with a Canceled result and leaves no file behind.
    void cancel(JobId id);
    void cancelAll();

    bool isIdle() const;
    /// While open, a batch does not finish even when every job so far is done:
    /// callers still adding jobs (a scan in progress) keep one batch, one set of
    /// claimed names and one summary. Closing finishes it if nothing is left.
    void setBatchOpen(bool open);
    int queuedCount() const;
    int runningCount() const;
    BatchSummary currentSummary() const { return m_summary; }
    /// The time the running (or last) batch has taken so far, without the time
    /// it sat paused with no job running: what its speed and ETA are measured
    /// on. The finished batch's summary gives the same as its wallSeconds.
    double activeSeconds() const;

    /// Blocks the caller until all workers are idle (for tests and shutdown).
    bool waitForDone(int msecs = -1);

signals:
    void batchStarted();
    void jobStarted(pixelmill::JobId id);
    /// Sampled every 50 ms for running jobs whose stage changed: at most 20
    /// updates a second per job, however fast or slow the jobs are.
    void jobProgressChanged(pixelmill::JobId id, pixelmill::JobStage stage, int percent);
    void jobFinished(const pixelmill::JobResult &result);
    void batchFinished(const pixelmill::BatchSummary &summary);

private:
    void spawnRunnersLocked();
    /// Paused with no job running: from here the batch only waits (see activeSeconds).
    void startIdlePauseLocked();
    void runLoop();
    void handleFinished(const JobResult &result);
    void reportProgress();
    void finishBatchIfDone();

    const FilterRegistry &m_registry;
    QThreadPool m_threads;

    mutable QMutex m_mutex; // guards everything below up to the blank line
    std::deque<Job> m_queue;
    struct RunningJob
    {
        CancelToken cancel;
        /// Latest stage and percent, packed (stage << 8 | percent); written by
        /// the worker, sampled by the progress timer.
        std::shared_ptr<std::atomic<int>> progress;
        int reported = -1; // last packed value emitted (owner thread, under m_mutex)
    };
    QHash<JobId, RunningJob> m_running;
    std::shared_ptr<OutputReservations> m_reservations;
    std::shared_ptr<MemoryBudget> m_memory;
    std::optional<QSet<JobId>> m_thumbnailsWanted;
    JobId m_thumbnailsDecidedUpTo = 0; // the last id submitted when they were set
    int m_runners = 0;
    int m_maxWorkers = 1;
    bool m_paused = false;

    // Owner thread only.
    JobId m_nextId = 0;
    CounterSequence m_counters;
    QString m_intentLogPath;
    bool m_batchActive = false;
    bool m_batchOpen = false;
    BatchSummary m_summary;
    QElapsedTimer m_batchTimer;
    qint64 m_idlePausedNs = 0; // of this batch: paused with no job running
    QElapsedTimer m_idlePause; // valid while paused with no job running
    QTimer m_progressTimer;
};

} // namespace pixelmill

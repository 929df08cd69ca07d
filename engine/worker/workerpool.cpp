// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/workerpool.h"

#include "engine/export/outputintentlog.h"
#include "engine/export/outputreservations.h"
#include "engine/worker/jobprocessor.h"
#include "engine/worker/memorybudget.h"
#include "engine/worker/opencvthreading.h"

#include <QThread>

#include <algorithm>

namespace pixelmill {

namespace {

constexpr qint64 kProgressIntervalMs = 50;

JobResult canceledResult(const Job &job)
{
    JobResult r;
    r.id = job.id;
    r.inputPath = job.inputPath;
    r.status = JobStatus::Canceled;
    r.error = QStringLiteral("canceled before it started");
    return r;
}

} // namespace

WorkerPool::WorkerPool(const FilterRegistry &registry, QObject *parent)
    : QObject(parent), m_registry(registry)
{
    qRegisterMetaType<JobId>("pixelmill::JobId");
    qRegisterMetaType<JobStage>("pixelmill::JobStage");
    qRegisterMetaType<JobResult>("pixelmill::JobResult");
    qRegisterMetaType<BatchSummary>("pixelmill::BatchSummary");
    m_threads.setObjectName(QStringLiteral("pixelmill-workers"));
    m_threads.setExpiryTimeout(30000);
    setMaxWorkers(QThread::idealThreadCount());
    setMemoryLimit(MemoryBudget::defaultLimit());
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &WorkerPool::reportProgress);
}

WorkerPool::~WorkerPool()
{
    cancelAll();
    m_threads.waitForDone();
}

void WorkerPool::setMaxWorkers(int count)
{
    count = std::max(1, count);
    QMutexLocker lock(&m_mutex);
    m_maxWorkers = count;
    m_threads.setMaxThreadCount(count);
    applyOpenCvThreadingRule(count);
    spawnRunnersLocked();
}

int WorkerPool::maxWorkers() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxWorkers;
}

QList<JobId> WorkerPool::submit(QList<Job> jobs)
{
    QList<JobId> ids;
    if (jobs.isEmpty())
        return ids;
    const bool newBatch = !m_batchActive;
    if (newBatch) {
        m_summary = BatchSummary();
        m_counters = CounterSequence();
        m_batchTimer.start();
        m_idlePausedNs = 0;
        if (m_idlePause.isValid())
            m_idlePause.start(); // paused before the batch: its idle time starts with it
        m_batchActive = true;
    }
    QMutexLocker lock(&m_mutex);
    if (newBatch || !m_reservations) {
        m_reservations = std::make_shared<OutputReservations>();
        auto log = std::make_shared<OutputIntentLog>();
        if (!m_intentLogPath.isEmpty() && log->open(m_intentLogPath))
            m_reservations->setIntentLog(std::move(log));
    }
    QStringList sources;
    sources.reserve(jobs.size());
    for (Job &job : jobs) {
        job.id = ++m_nextId;
        ++m_summary.submitted;
        job.counter = m_counters.assign(job.counter);
        sources.append(job.inputPath);
        ids.append(job.id);
        m_queue.push_back(std::move(job));
    }
    m_reservations->protect(sources);
    spawnRunnersLocked();
    lock.unlock();
    m_progressTimer.start();
    if (newBatch)
        emit batchStarted();
    return ids;
}

JobId WorkerPool::submit(const Job &job)
{
    return submit(QList<Job>{job}).constFirst();
}

void WorkerPool::pause()
{
    QMutexLocker lock(&m_mutex);
    m_paused = true;
    startIdlePauseLocked();
}

void WorkerPool::resume()
{
    QMutexLocker lock(&m_mutex);
    m_paused = false;
    if (m_idlePause.isValid()) {
        m_idlePausedNs += m_idlePause.nsecsElapsed();
        m_idlePause.invalidate();
    }
    spawnRunnersLocked();
}

void WorkerPool::startIdlePauseLocked()
{
    if (m_paused && m_running.isEmpty() && !m_idlePause.isValid())
        m_idlePause.start();
}

double WorkerPool::activeSeconds() const
{
    if (!m_batchActive)
        return m_summary.wallSeconds;
    const qint64 idle = m_idlePausedNs + (m_idlePause.isValid() ? m_idlePause.nsecsElapsed() : 0);
    return double(m_batchTimer.nsecsElapsed() - idle) / 1e9;
}

bool WorkerPool::isPaused() const
{
    QMutexLocker lock(&m_mutex);
    return m_paused;
}

void WorkerPool::cancel(JobId id)
{
    QMutexLocker lock(&m_mutex);
    if (auto it = m_running.find(id); it != m_running.end()) {
        it->cancel.cancel();
        return;
    }
    const auto queued = std::find_if(m_queue.begin(), m_queue.end(),
                                     [id](const Job &j) { return j.id == id; });
    if (queued == m_queue.end())
        return;
    const JobResult result = canceledResult(*queued);
    m_queue.erase(queued);
    lock.unlock();
    QMetaObject::invokeMethod(this, [this, result] { handleFinished(result); }, Qt::QueuedConnection);
}

void WorkerPool::cancelAll()
{
    QMutexLocker lock(&m_mutex);
    for (const RunningJob &running : std::as_const(m_running))
        running.cancel.cancel();
    std::deque<Job> dropped;
    dropped.swap(m_queue);
    lock.unlock();
    for (const Job &job : dropped) {
        const JobResult result = canceledResult(job);
        QMetaObject::invokeMethod(this, [this, result] { handleFinished(result); },
                                  Qt::QueuedConnection);
    }
}

bool WorkerPool::isIdle() const
{
    return !m_batchActive;
}

void WorkerPool::setBatchOpen(bool open)
{
    m_batchOpen = open;
    if (!open)
        finishBatchIfDone();
}

void WorkerPool::finishBatchIfDone()
{
    if (!m_batchActive || m_batchOpen || m_summary.finished() != m_summary.submitted)
        return;
    m_progressTimer.stop();
    m_summary.wallSeconds = activeSeconds(); // before the batch is marked inactive
    m_batchActive = false;
    emit batchFinished(m_summary);
}

int WorkerPool::queuedCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

int WorkerPool::runningCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_running.size());
}

bool WorkerPool::waitForDone(int msecs)
{
    return m_threads.waitForDone(msecs);
}

void WorkerPool::spawnRunnersLocked()
{
    if (m_paused)
        return;
    const int wanted = int(std::min<size_t>(size_t(m_maxWorkers), size_t(m_runners) + m_queue.size()));
    while (m_runners < wanted) {
        ++m_runners;
        m_threads.start([this] { runLoop(); });
    }
}

void WorkerPool::setMemoryLimit(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    if (m_memory && m_memory->limit() == bytes)
        return; // a new budget would forget what running jobs hold
    m_memory = std::make_shared<MemoryBudget>(bytes); // running jobs keep the budget they started with
}

qint64 WorkerPool::memoryLimit() const
{
    QMutexLocker lock(&m_mutex);
    return m_memory->limit();
}

int WorkerPool::peakJobsHoldingMemory() const
{
    QMutexLocker lock(&m_mutex);
    return m_memory->peakHolders();
}

void WorkerPool::setThumbnailsWanted(std::optional<QSet<JobId>> ids)
{
    QMutexLocker lock(&m_mutex);
    m_thumbnailsWanted = std::move(ids);
    m_thumbnailsDecidedUpTo = m_nextId;
}

void WorkerPool::runLoop()
{
    for (;;) {
        Job job;
        CancelToken token;
        auto progress = std::make_shared<std::atomic<int>>(0);
        std::shared_ptr<OutputReservations> reservations;
        std::shared_ptr<MemoryBudget> memory;
        {
            QMutexLocker lock(&m_mutex);
            if (m_paused || m_queue.empty() || m_runners > m_maxWorkers) {
                --m_runners;
                return;
            }
            job = std::move(m_queue.front());
            m_queue.pop_front();
            job.namingTicket = m_reservations->takeNamingTicket(); // in queue order, under the queue's lock
            m_running.insert(job.id, RunningJob{token, progress});
            reservations = m_reservations;
            memory = m_memory;
        }
        const JobId id = job.id;
        QMetaObject::invokeMethod(this, [this, id] { emit jobStarted(id); }, Qt::QueuedConnection);


        auto onStage = [&progress](JobStage stage, int percent) {
            progress->store(int(stage) << 8 | percent, std::memory_order_relaxed);
        };
        const auto thumbnailWanted = [this, id] {
            QMutexLocker lock(&m_mutex);
            return !m_thumbnailsWanted || id > m_thumbnailsDecidedUpTo || m_thumbnailsWanted->contains(id);
        };
        const JobResult result
            = processJob(job, m_registry, *reservations, token, onStage, memory.get(), thumbnailWanted);
        {
            QMutexLocker lock(&m_mutex);
            m_running.remove(id);
        }
        QMetaObject::invokeMethod(this, [this, result] { handleFinished(result); },
                                  Qt::QueuedConnection);
    }
}

void WorkerPool::reportProgress()
{
    QList<std::pair<JobId, int>> changed;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_running.begin(); it != m_running.end(); ++it) {
            const int packed = it->progress->load(std::memory_order_relaxed);
            if (packed != it->reported) {
                it->reported = packed;
                changed.append({it.key(), packed});
            }
        }
    }
    for (const auto &[id, packed] : changed)
        emit jobProgressChanged(id, JobStage(packed >> 8), packed & 0xff);
}

void WorkerPool::handleFinished(const JobResult &result)
{
    {
        QMutexLocker lock(&m_mutex);
        startIdlePauseLocked(); // the last running job of a paused batch may be done
    }
    m_summary.add(result);
    emit jobFinished(result);
    finishBatchIfDone();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/batchcontroller.h"

#include "engine/export/nametemplate.h"
#include "engine/job/batchpace.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/preset/preset.h"
#include "engine/worker/mallocpolicy.h"
#include "engine/worker/workerpool.h"
#include "ui/queue/jobqueuemodel.h"

#include <QTimer>
#include <QUuid>

#include <utility>

namespace pixelmill {

namespace {
constexpr int kTrimDelayMs = 2000;
}

BatchController::BatchController(WorkerPool &pool, JobQueueModel &model, const FilterRegistry &registry,
                                 QObject *parent)
    : QObject(parent), m_pool(pool), m_model(model), m_registry(registry), m_journalPath(BatchJournal::defaultPath())
{
    connect(&m_pool, &WorkerPool::jobStarted, &m_model, &JobQueueModel::markStarted);
    connect(&m_pool, &WorkerPool::jobProgressChanged, &m_model, &JobQueueModel::markProgress);
    connect(&m_pool, &WorkerPool::jobFinished, &m_model, &JobQueueModel::markFinished);
    connect(&m_pool, &WorkerPool::jobFinished, this, &BatchController::onJobFinished);
    connect(&m_pool, &WorkerPool::batchFinished, this, &BatchController::onBatchFinished);
}

std::optional<FilterChain> BatchController::runnableChain(const AppSettings &settings, QString *error) const
{
    const Normalized<FilterChain> chain = m_registry.normalized(settings.chain);
    QString templateError;
    if (!chain.ok()) {
        *error = chain.error;
        return std::nullopt;
    }
    if (!NameTemplate::parse(settings.exportOptions.nameTemplate, &templateError)) {
        *error = templateError;
        return std::nullopt;
    }
    if (settings.exportOptions.outputDir.trimmed().isEmpty()) {
        *error = tr("Choose an output folder in Settings first.");
        return std::nullopt;
    }
    return chain.value;
}

QList<FoundFile> BatchController::queuedFiles() const
{
    QList<FoundFile> files;
    for (int row : m_model.queuedRows())
        files.append(FoundFile{m_model.pathAt(row), m_model.relativeDirAt(row), m_model.counterAt(row)});
    return files;
}

int BatchController::start(const AppSettings &settings, QString *error)
{
    const std::optional<FilterChain> chain = runnableChain(settings, error);
    if (!chain) {
        m_continueKey.clear(); // a resume that cannot start must not capture the next batch
        m_recovered.clear();
        m_carried.clear();
        return -1;
    }
    const QList<int> rows = m_model.queuedRows();
    if (rows.isEmpty())
        return 0;
    QList<Job> jobs;
    jobs.reserve(rows.size());
    for (int row : rows) {
        Job job;
        job.inputPath = m_model.pathAt(row);
        job.relativeDir = m_model.relativeDirAt(row);
        job.counter = m_model.counterAt(row);
        job.chain = *chain;
        job.exportOptions = settings.exportOptions;
        job.decodeOptions = settings.decodeOptions();
        jobs.append(job);
    }
    settings.applyTo(m_pool);
    if (!m_running) {
        m_total = 0;
        m_carriedSummary = {};
        for (const JobResult &r : std::exchange(m_carried, {}))
            m_carriedSummary.addNotRun(r);
        beginJournal(*chain, settings.exportOptions);
    }
    if (m_journal) {
        for (const Job &job : std::as_const(jobs))
            m_journal->recordQueued(job.inputPath, job.relativeDir);
        m_journal->commitQueued();
    }
    const QList<JobId> ids = m_pool.submit(jobs);
    for (int i = 0; i < rows.size(); ++i)
        m_model.assignJobId(rows.at(i), ids.at(i));
    m_total += int(ids.size());
    m_outputDir = settings.exportOptions.outputDir;
    if (!m_running) {
        m_running = true;
        emit runningChanged(true);
    }
    emit statsChanged();
    return int(ids.size());
}

void BatchController::togglePause()
{
    if (m_pool.isPaused())
        m_pool.resume();
    else
        m_pool.pause();
    emit statsChanged();
}

void BatchController::cancel()
{
    m_userCanceled = true;
    abandon();
}

void BatchController::abandon()
{
    m_pool.cancelAll();
    if (m_pool.isPaused())
        m_pool.resume();
}

bool BatchController::isPaused() const
{
    return m_pool.isPaused();
}

BatchController::Stats BatchController::stats() const
{
    Stats s;
    const BatchSummary summary = withCarried(m_pool.currentSummary());
    s.total = m_running ? m_total + m_carriedSummary.submitted : summary.submitted;
    s.finished = summary.finished();
    s.written = summary.written;
    s.failed = summary.failed;
    s.skipped = summary.skipped;
    s.canceled = summary.canceled;
    s.processed = summary.processed();
    // The speed is this run's own: carried inputs took no time of it.
    const int processedNow = s.processed - m_carriedSummary.processed();
    const double seconds = m_pool.activeSeconds();
    if (m_running && seconds > 0.5 && processedNow > 0) {
        s.imagesPerSecond = processedNow / seconds;
        s.etaSeconds
            = secondsLeft(s.total - s.finished, summary.worked() - m_carriedSummary.worked(), seconds);
    }
    return s;
}

BatchSummary BatchController::withCarried(const BatchSummary &summary) const
{
    BatchSummary whole = m_carriedSummary; // the carried inputs first, in queue order
    whole.merge(summary);
    whole.wallSeconds = summary.wallSeconds;
    return whole;
}

void BatchController::beginJournal(const FilterChain &chain, const ExportOptions &options)
{
    m_userCanceled = false;
    const QHash<QString, QString> recovered = std::exchange(m_recovered, {});
    m_journal = std::make_unique<BatchJournal>();
    m_pool.setOutputIntentLog({});
    QString error;
    if (!m_journal->open(m_journalPath, &error)) {
        qWarning("%s; this batch cannot be resumed after a crash", qPrintable(error));
        m_journal.reset();
        return;
    }
    const bool resume = !m_continueKey.isEmpty();
    const QByteArray key = resume ? m_continueKey : QUuid::createUuid().toRfc4122();
    m_continueKey.clear();
    m_journal->begin(key, resume, "gui", presetToJson(Preset{chain, options, true}));
    m_pool.setOutputIntentLog(m_journal->intentLogPath());
    for (auto it = recovered.cbegin(); it != recovered.cend(); ++it)
        m_journal->recordRecovered(it.key(), it.value());
}

std::optional<InterruptedBatch> BatchController::interruptedBatch() const
{
    BatchJournal journal;
    if (!journal.open(m_journalPath, nullptr))
        return std::nullopt;
    return journal.newestInterrupted("gui");
}

void BatchController::discardInterrupted(const InterruptedBatch &batch)
{
    BatchJournal journal;
    if (journal.open(m_journalPath, nullptr))
        journal.discard(batch.id);
}

void BatchController::onJobFinished(const JobResult &result)
{
    if (m_journal)
        m_journal->recordResult(result);
    emit statsChanged();
}

void BatchController::onBatchFinished(const BatchSummary &summary)
{
    // Closed window or crash: the record stays open and is offered next time.
    if (m_journal && (summary.canceled == 0 || m_userCanceled))
        m_journal->finish();
    m_journal.reset();
    m_running = false;
    // An idle window need not sit on the last batch's images; a moment later,
    // so that a batch started right away, or quitting, does not wait for it.
    QTimer::singleShot(kTrimDelayMs, this, [this] {
        if (!m_running)
            returnFreedImageMemory();
    });
    emit runningChanged(false);
    emit statsChanged();
    emit batchFinished(withCarried(summary), m_outputDir);
}

} // namespace pixelmill

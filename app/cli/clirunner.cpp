// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/clirunner.h"

#include "app/cli/clioptions.h"
#include "app/cli/jsonreport.h"
#include "app/cli/progressprinter.h"
#include "engine/export/outputplan.h"
#include "engine/image/imagedecoder.h"
#include "engine/journal/batchjournal.h"
#include "engine/journal/resumeplan.h"
#include "engine/journal/unrecordedoutputs.h"
#include "engine/preset/preset.h"
#include "engine/scan/displaypath.h"
#include "engine/scan/pathscanner.h"
#include "engine/worker/crashcontinuation.h"
#include "engine/worker/crashmarker.h"
#include "engine/worker/workerpool.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace pixelmill {

namespace {

std::atomic<bool> g_interrupted{false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

JobResult rejectedResult(const QString &path, const QString &reason)
{
    JobResult r;
    r.inputPath = path;
    r.status = JobStatus::Failed;
    r.error = reason;
    return r;
}

// The same command on the same inputs gives the same key: that is what --resume continues.
QByteArray batchKey(const CliOptions &options)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    ExportOptions exportOptions = options.exportOptions;
    exportOptions.outputDir = QDir(exportOptions.outputDir).absolutePath();
    hash.addData(presetToJson(Preset{options.chain, exportOptions, true}));
    for (const QString &input : options.inputs)
        hash.addData(QFileInfo(input).absoluteFilePath().toUtf8() + '\0');
    return hash.result();
}

// What the scan passed over without a failure: folders reached twice, the
// output folder, photos in formats Pixelmill cannot read, image names that
// are no regular files (the window says the same in its status bar).
void printScanNotes(const ScanReport &scan, bool quiet)
{
    if (quiet)
        return;
    QStringList notes = scan.notes;
    for (auto it = scan.unreadablePhotos.cbegin(); it != scan.unreadablePhotos.cend(); ++it)
        notes << QStringLiteral("%1 %2 file(s) skipped: Pixelmill cannot read them; convert them to TIFF "
                                "or JPEG first")
                     .arg(it.value())
                     .arg(it.key());
    for (const QString &folder : scan.skippedOutputFolders)
        notes << skippedOutputFolderNote(folder);
    if (scan.specialFiles > 0)
        notes << QStringLiteral("%1 file(s) with an image's name skipped: not regular files (FIFO, socket, "
                                "device or dangling symbolic link)")
                     .arg(scan.specialFiles);
    for (const QString &note : std::as_const(notes))
        std::fprintf(stderr, "note: %s\n", displayPath(note).toUtf8().constData());
}

// Running the same command again after a kill, without --resume, does every
// input again: numbered copies under the default policy. Said before it starts.
void noteInterruptedRunDoneAgain(const BatchJournal &journal, const QByteArray &key)
{
    const std::optional<InterruptedBatch> earlier = journal.lastRunIfInterrupted(key);
    if (!earlier)
        return;
    const auto written = std::count_if(earlier->jobs.cbegin(), earlier->jobs.cend(),
                                       [](const InterruptedBatch::Entry &e) { return e.status == u"written"; });
    if (written == 0)
        return;
    std::fprintf(stderr,
                 "note: the last run of this command (%s) stopped after writing outputs for %d of its %d inputs; this run "
                 "does every input again. To keep those and do only the rest: Ctrl+C, then the same command "
                 "with --resume\n",
                 earlier->started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm")).toLocal8Bit().constData(),
                 int(written), int(earlier->jobs.size()));
}

} // namespace

int runCliBatch(const CliOptions &options, const FilterRegistry &registry)
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const std::optional<CrashContinuation> continuation = crashContinuationOfThisRun();
    const qint64 startedMs = continuation ? continuation->startedMs : QDateTime::currentMSecsSinceEpoch();
    const bool resume = options.resume || continuation;

    WorkerPool pool(registry);
    pool.setMaxWorkers(options.workers > 0 ? options.workers : QThread::idealThreadCount());
    if (options.memoryLimitMiB > 0)
        pool.setMemoryLimit(options.memoryLimitMiB << 20);
    ProgressPrinter printer(stderr, options.quiet);
    QList<JobResult> results;
    BatchSummary summary;

    QEventLoop loop;
    // Only a --report needs every record; without one, memory stays flat however long the batch.
    const bool keepResults = !options.reportPath.isEmpty();
    QObject::connect(&pool, &WorkerPool::jobFinished, &loop, [&](const JobResult &r) {
        if (keepResults)
            results.append(r);
        printer.jobFinished(r, pool.currentSummary());
    });
    QObject::connect(&pool, &WorkerPool::batchFinished, &loop, [&](const BatchSummary &s) {
        summary = s;
        loop.quit();
    });
    QTimer interruptWatch;
    QObject::connect(&interruptWatch, &QTimer::timeout, &loop, [&] {
        if (g_interrupted.load())
            pool.cancelAll();
    });
    interruptWatch.start(100);

    BatchJournal journal;
    QString journalError;
    const bool journalOpen =
        journal.open(options.journalPath.isEmpty() ? BatchJournal::defaultPath() : options.journalPath, &journalError);
    if (!journalOpen)
        std::fprintf(stderr, "warning: %s; --resume will not be possible\n", displayPath(journalError).toUtf8().constData());
    const QByteArray key = batchKey(options);
    if (!resume && !options.quiet)
        noteInterruptedRunDoneAgain(journal, key);
    journal.begin(key, resume);
    if (journalOpen) { // without a journal, the crashed input could not be left out
        QList<QByteArray> command = thisCommandLine();
        if (!command.isEmpty()) // options go before any "--", which would make it a file name
            command.insert(1, QByteArrayLiteral("--resume"));
        continueAfterACrashWith(command, {}, startedMs, continuation ? continuation->number : 0);
    }
    pool.setOutputIntentLog(journal.intentLogPath());
    QObject::connect(&pool, &WorkerPool::jobFinished, &loop, [&](const JobResult &r) { journal.recordResult(r); });
    QList<JobResult> alreadyDone;
    QList<JobResult> crashedBefore;
    int scanned = 0;
    QHash<QString, QString> unrecorded;
    if (resume) {
        if (const auto resumed = journal.batch(journal.batchId()))
            unrecorded = findUnrecordedOutputs(*resumed, options.exportOptions);
    }

    int submitted = 0;
    // One batch for the whole scan, and the journal kept current while scanning,
    // so a kill at any moment loses no record of finished outputs.
    pool.setBatchOpen(true);
    const ScanReport scan = scanPaths(
        options.inputs,
        [&](const QList<FoundFile> &files) {
            QList<Job> jobs;
            jobs.reserve(files.size());
            for (const FoundFile &f : files) {
                ++scanned;
                QString earlier = journal.writtenOutputFor(f.path);
                const bool recorded = !earlier.isEmpty();
                if (!recorded)
                    earlier = unrecorded.value(f.path);
                if (!earlier.isEmpty() && outputStillGood(earlier)) {
                    if (!recorded)
                        journal.recordRecovered(f.path, earlier);
                    JobResult done;
                    done.inputPath = f.path;
                    done.outputPath = earlier;
                    // After a crash, this command wrote it; after a manual --resume, an earlier one did.
                    done.status = continuation ? JobStatus::Written : JobStatus::Skipped;
                    if (!continuation)
                        done.error = QStringLiteral("already written by an earlier run of this command");
                    alreadyDone.append(done);
                    continue;
                }
                if (journal.crashedInputs().contains(f.path)) {
                    crashedBefore.append(rejectedResult(f.path, crashmarker::crashedInputReason()));
                    continue;
                }
                journal.recordQueued(f.path, f.relativeDir);
                Job job;
                job.inputPath = f.path;
                job.relativeDir = f.relativeDir;
                job.counter = scanned; // the same as in the run a --resume continues
                job.chain = options.chain;
                job.exportOptions = options.exportOptions;
                job.decodeOptions = options.decodeOptions;
                job.makeThumbnail = false;
                jobs.append(job);
            }
            journal.commitQueued();
            submitted += int(jobs.size());
            printer.setTotal(submitted);
            printer.setFinishedBefore(int(alreadyDone.size() + crashedBefore.size()));
            if (!jobs.isEmpty())
                pool.submit(jobs);
            QCoreApplication::processEvents();
        },
        g_interrupted, {options.exportOptions.outputDir});
    printScanNotes(scan, options.quiet);
    bool finished = false;
    QObject::connect(&pool, &WorkerPool::batchFinished, &loop, [&finished] { finished = true; });
    pool.setBatchOpen(false);
    if (submitted > 0 && !finished)
        loop.exec();
    pool.waitForDone();

    std::sort(results.begin(), results.end(),
              [](const JobResult &a, const JobResult &b) { return a.id < b.id; });
    if (!alreadyDone.isEmpty()) {
        std::fprintf(stderr,
                     continuation ? "continued after the crash: %d inputs written before it were kept\n"
                                  : "resumed: %d inputs already written by an earlier run of this command were kept\n",
                     int(alreadyDone.size()));
        for (const JobResult &r : std::as_const(alreadyDone))
            summary.addNotRun(r);
        results = alreadyDone + results;
    }
    QList<JobResult> failedUnrun = crashedBefore;
    for (const auto &[path, reason] : scan.rejectedRoots)
        failedUnrun.append(rejectedResult(path, reason));
    for (const JobResult &r : std::as_const(failedUnrun)) {
        std::fprintf(stderr, "failed: %s: %s\n", displayPath(r.inputPath).toUtf8().constData(),
                     displayPath(r.error).toUtf8().constData());
        results.append(r);
        summary.addNotRun(r);
    }
    for (const JobResult &r : std::as_const(crashedBefore))
        journal.recordResult(r);
    if (continuation)
        summary.wallSeconds = double(QDateTime::currentMSecsSinceEpoch() - startedMs) / 1000.0;
    printer.finish(summary);
    if (scanned == 0 && scan.rejectedRoots.isEmpty())
        std::fprintf(stderr, "no images found in the given paths (%d other files)\n", scan.notImages);

    int status = summary.failed > 0 ? 1 : 0;
    if (!options.reportPath.isEmpty()) {
        QString error;
        if (!writeJsonReport(options.reportPath, summary, results, &error)) {
            std::fprintf(stderr, "%s\n", displayPath(error).toUtf8().constData());
            status = 1;
        }
    }
    if (g_interrupted.load() || scan.canceled)
        return 130;
    journal.finish();
    return status;
}

int runCliDryRun(const CliOptions &options, const FilterRegistry &registry)
{
    QList<FoundFile> files;
    const ScanReport scan = scanPaths(
        options.inputs, [&files](const QList<FoundFile> &batch) { files += batch; }, g_interrupted,
        {options.exportOptions.outputDir});
    const QList<PlannedOutput> plan =
        planOutputs(files, options.chain, options.exportOptions, options.decodeOptions, registry);
    for (const PlannedOutput &p : plan) {
        QString marks;
        for (const QString &mark : describeOutcome(p))
            marks += QStringLiteral("  [%1]").arg(mark);
        const QString line = QStringLiteral("%1 -> %2%3\n")
                                 .arg(displayPath(p.input), p.output.isEmpty() ? QStringLiteral("-") : displayPath(p.output),
                                      displayPath(marks));
        std::fputs(line.toUtf8().constData(), stdout);
    }
    printScanNotes(scan, options.quiet);
    PlanCounts counts = countOutcomes(plan);
    for (const auto &[path, reason] : scan.rejectedRoots) {
        std::fprintf(stdout, "%s -> -  [cannot process: %s]\n", displayPath(path).toUtf8().constData(),
                     displayPath(reason).toUtf8().constData());
        ++counts.unknown;
        ++counts.inputs;
    }
    std::fprintf(stderr, "dry run: %d inputs, %d name clashes, %d renamed, %d skipped, %d cannot be planned; nothing written\n",
                 counts.inputs, counts.clashes, counts.renamed, counts.skipped, counts.unknown);
    return counts.unknown > 0 ? 1 : 0;
}

} // namespace pixelmill

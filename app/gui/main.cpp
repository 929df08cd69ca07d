// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Composition root of the window: registry, pool, window; command line.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/displaypath.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"
#include "engine/worker/crashcontinuation.h"
#include "engine/worker/mallocpolicy.h"
#include "engine/worker/workerpool.h"
#include "ui/common/eventlooplatencyprobe.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    pixelmill::keepFreedImageMemoryForReuse(); // before any thread allocates
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Pixelmill"));
    QApplication::setOrganizationName(QStringLiteral("Pixelmill"));
    QApplication::setApplicationVersion(QStringLiteral(PIXELMILL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.pixelmill.Pixelmill"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pixelmill.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Batch image processor"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    QApplication::translate("main", "Load filters and export options."),
                                    QStringLiteral("file.json"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QApplication::translate("main", "Output folder."), QStringLiteral("dir"));
    // For the benchmark and scripted runs: start by itself, report event-loop stalls, quit.
    const QCommandLineOption start(QStringLiteral("start"),
                                   QApplication::translate("main", "Start the batch once the given paths are queued."));
    const QCommandLineOption quitWhenDone(QStringLiteral("quit-when-done"),
                                          QApplication::translate("main", "Quit when the batch has finished."));
    const QCommandLineOption latencyReport(QStringLiteral("latency-report"),
                                           QApplication::translate("main", "Write event-loop latency and batch figures as JSON."),
                                           QStringLiteral("file.json"));
    // Given by the window to the one that takes over after a crash during a batch.
    QCommandLineOption goOnWithBatch(QStringLiteral("go-on-with-batch"));
    goOnWithBatch.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({preset, output, start, quitWhenDone, latencyReport, goOnWithBatch});
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QApplication::translate("main", "Files or folders to queue."),
                                 QStringLiteral("[files or folders…]"));
    parser.process(pixelmill::argumentsFromNative(argc, argv));

    pixelmill::FilterRegistry registry;
    pixelmill::registerBuiltinFilters(registry);
    pixelmill::WorkerPool pool(registry);
    pixelmill::MainWindow window(registry, pool);
    if (parser.isSet(preset))
        window.loadPreset(parser.value(preset));
    if (parser.isSet(output)) {
        pixelmill::AppSettings settings = window.settings();
        settings.exportOptions.outputDir = parser.value(output);
        window.applySettings(settings);
    }
    pixelmill::EventLoopLatencyProbe probe;
    if (parser.isSet(start)) {
        QObject::connect(&window, &pixelmill::MainWindow::scanFinished, &window, [&] {
            if (!window.isScanning())
                window.startBatch();
        });
    }
    QObject::connect(&pool, &pixelmill::WorkerPool::batchStarted, &probe, &pixelmill::EventLoopLatencyProbe::start);
    QObject::connect(&pool, &pixelmill::WorkerPool::batchFinished, &app, [&](const pixelmill::BatchSummary &s) {
        probe.stop();
        if (parser.isSet(latencyReport)) {
            const auto stats = probe.stats();
            const QJsonObject json{{QStringLiteral("written"), s.written},
                                   {QStringLiteral("failed"), s.failed},
                                   {QStringLiteral("batch_seconds"), s.wallSeconds},
                                   {QStringLiteral("latency_samples"), stats.samples},
                                   {QStringLiteral("latency_p50_ms"), stats.p50Ms},
                                   {QStringLiteral("latency_p99_ms"), stats.p99Ms},
                                   {QStringLiteral("latency_max_ms"), stats.maxMs}};
            QString error;
            if (!pixelmill::writeFileAtomically(parser.value(latencyReport), QJsonDocument(json).toJson(), error))
                std::fprintf(stderr, "pixelmill: cannot write %s: %s\n",
                             pixelmill::displayPath(parser.value(latencyReport)).toUtf8().constData(),
                             error.toUtf8().constData());
        }
        if (parser.isSet(quitWhenDone))
            QTimer::singleShot(0, &app, &QApplication::quit);
    });
    // A crash pinned on a file starts the window again: during a batch, it goes
    // on with the batch without that file (the batch comes back from the
    // journal); otherwise the paths queued so far are queued again, and that
    // file shows no preview.
    const std::optional<pixelmill::CrashContinuation> continuation = pixelmill::crashContinuationOfThisRun();
    QList<QByteArray> program = pixelmill::thisCommandLine().mid(0, 1);
    if (parser.isSet(quitWhenDone))
        program << QByteArrayLiteral("--quit-when-done");
    QStringList queuedPaths;
    const auto armContinuation = [&, startedMs = QDateTime::currentMSecsSinceEpoch()] {
        if (program.isEmpty())
            return; // no command line to start again with
        QList<QByteArray> requeue = program;
        if (parser.isSet(start))
            requeue << QByteArrayLiteral("--start");
        requeue << QByteArrayLiteral("--");
        for (const QString &path : std::as_const(queuedPaths))
            requeue << pixelmill::nativePath(path);
        pixelmill::continueAfterACrashWith(program + QList<QByteArray>{QByteArrayLiteral("--go-on-with-batch")},
                                           requeue, startedMs, continuation ? continuation->number : 0);
    };
    QObject::connect(&window, &pixelmill::MainWindow::pathsAdded, &window, [&](const QStringList &paths) {
        queuedPaths += paths;
        armContinuation();
    });
    armContinuation();
    window.show();
    if (continuation && parser.isSet(goOnWithBatch)) {
        window.goOnAfterCrash();
    } else {
        if (continuation)
            window.noteRestartAfterCrash();
        // Scripted runs (--start) own the session; otherwise a crashed or closed batch is offered back.
        else if (!parser.isSet(start))
            window.offerResume();
        window.addPaths(parser.positionalArguments());
    }
    const int status = app.exec();
    pool.cancelAll();
    pool.waitForDone();
    return status;
}

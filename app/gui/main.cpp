// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Composition root of the window: registry, pool, window; command line.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/worker/workerpool.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
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
    parser.addOptions({preset, output});
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QApplication::translate("main", "Files or folders to queue."),
                                 QStringLiteral("[files or folders…]"));
    parser.process(app);

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
    window.show();
    window.addPaths(parser.positionalArguments());
    const int status = app.exec();
    pool.cancelAll();
    pool.waitForDone();
    return status;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/clioptions.h"
#include "app/cli/clirunner.h"
#include "app/cli/filterlisting.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/displaypath.h"
#include "engine/scan/nativepath.h"
#include "engine/worker/mallocpolicy.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    pixelmill::keepFreedImageMemoryForReuse(); // before any thread allocates
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pixelmill-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PIXELMILL_VERSION));

    pixelmill::FilterRegistry registry;
    pixelmill::registerBuiltinFilters(registry);

    if (argc < 2) { // called bare: how to call it, as a usage error
        std::fputs(pixelmill::cliUsage().toLocal8Bit().constData(), stderr);
        return 2;
    }
    QString error;
    const auto options = pixelmill::parseCliArguments(pixelmill::argumentsFromNative(argc, argv).mid(1), registry, &error);
    if (!options) {
        std::fprintf(stderr, "pixelmill-cli: %s\nTry 'pixelmill-cli --help'.\n",
                     pixelmill::displayPath(error).toUtf8().constData());
        return 2;
    }
    using Mode = pixelmill::CliOptions::Mode;
    switch (options->mode) {
    case Mode::Help:
        std::fputs(pixelmill::cliUsage().toLocal8Bit().constData(), stdout);
        return 0;
    case Mode::Version:
        std::printf("pixelmill-cli %s\n", PIXELMILL_VERSION);
        return 0;
    case Mode::ListFilters: {
        const QByteArray text = options->json ? pixelmill::filterListingJson(registry)
                                              : pixelmill::filterListingText(registry);
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        return 0;
    }
    case Mode::Run:
        break;
    }
    if (options->dryRun)
        return pixelmill::runCliDryRun(*options, registry);
    return pixelmill::runCliBatch(*options, registry);
}

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/image/decodeoptions.h"
#include "engine/pipeline/filterstep.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pixelmill {

class FilterRegistry;

/// Everything one `pixelmill-cli` run needs, validated.
struct CliOptions
{
    enum class Mode {
        Run,
        ListFilters,
        Help,
        Version,
    };
    Mode mode = Mode::Run;
    bool json = false; ///< --list-filters --json
    QStringList inputs;
    FilterChain chain; ///< normalised
    ExportOptions exportOptions;
    DecodeOptions decodeOptions;
    int workers = 0; ///< 0: one per core
    qint64 memoryLimitMiB = 0; ///< 0: half the machine's memory
    QString reportPath;
    bool quiet = false;
    bool dryRun = false;
    bool resume = false; ///< continue the newest unfinished run of the same batch
    QString journalPath; ///< empty: BatchJournal::defaultPath() ///< print input -> output for every file, flag clashes, write nothing
};

/// Parses arguments (without the program name). On a usage error returns
/// nullopt and sets `error` to a message naming the bad argument.
std::optional<CliOptions> parseCliArguments(const QStringList &arguments,
                                            const FilterRegistry &registry, QString *error);

QString cliUsage();

} // namespace pixelmill

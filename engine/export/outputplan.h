// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/image/decodeoptions.h"
#include "engine/pipeline/filterstep.h"
#include "engine/scan/pathscanner.h"

#include <QList>
#include <QString>

namespace pixelmill {

class FilterRegistry;

/// What one input would become, decided before anything is processed.
struct PlannedOutput
{
    enum class Outcome {
        Write, ///< to the desired name
        WriteRenamed, ///< to a numbered name: a clash, an existing file, or a source
        Overwrite, ///< replaces an existing file (overwrite policy)
        Skip, ///< the policy skips it; `note` says why
        Unknown, ///< the name needs the image and the image cannot be read
    };
    QString input;
    QString output;
    Outcome outcome = Outcome::Write;
    QString clashWith; ///< the earlier input of this batch that wanted the same name, if any
    QString note; ///< why skipped or not plannable
};

/// Every input's output under the current options, with clashes between inputs
/// found and settled exactly as the batch would settle them (the same name
/// choice as the writer). Reads headers (and EXIF) only when the naming
/// template needs sizes, dates or camera. Used by `pixelmill-cli --dry-run`.
QList<PlannedOutput> planOutputs(const QList<FoundFile> &inputs, const FilterChain &chain,
                                 const ExportOptions &options, const DecodeOptions &decode,
                                 const FilterRegistry &registry);

/// The decision in words ("renamed", "skip: …", "CLASH: same name as …"); "" for a plain write.
QStringList describeOutcome(const PlannedOutput &planned);

struct PlanCounts
{
    int inputs = 0;
    int clashes = 0; ///< inputs whose name an earlier input of the batch wanted
    int renamed = 0;
    int overwrites = 0;
    int skipped = 0;
    int unknown = 0;
};
PlanCounts countOutcomes(const QList<PlannedOutput> &plan);

} // namespace pixelmill

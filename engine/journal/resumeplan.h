// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/job/jobresult.h"
#include "engine/journal/batchjournal.h"
#include "engine/scan/pathscanner.h"

namespace pixelmill {

/// An output an interrupted run recorded as written still has to be there, a
/// regular file, with a readable image header (outputs are JPEG, PNG, WebP,
/// TIFF or BMP, all of which Qt reads).
bool outputStillGood(const QString &path);

/// Whether the journal recorded this input as done (written, or skipped by policy).
bool recordedAsFinished(const InterruptedBatch::Entry &entry);

/// What resuming an interrupted batch means: the outputs it finished that are
/// still good are kept, those a kill left unrecorded too (see
/// findUnrecordedOutputs); every other input runs again (failed ones too: the
/// cause may be fixed by now), with the {counter} it had.
struct ResumePlan
{
    /// An input the resumed batch does not run again, with what it came to: its
    /// output kept (written, or skipped by policy), or a crash on it (failed).
    struct FinishedInput
    {
        FoundFile file;
        JobResult result;
    };
    QList<FoundFile> remaining;
    QList<FinishedInput> finished; ///< in queue order
    int keptOutputs = 0; ///< finished (or put in place unrecorded) and verified: not redone
    int missingOutputs = 0; ///< recorded as written but gone or unreadable: redone
    /// Outputs a kill kept from the journal (input -> output), among the kept:
    /// to be recorded as written when the batch continues.
    QHash<QString, QString> recovered;
    QStringList crashed; ///< a run crashed on these: not queued again (see crashmarker.h)
};
/// Reads the header of every recorded output to check it: run it off the GUI thread.
/// `options` are the batch's own (from its preset).
ResumePlan planResume(const InterruptedBatch &batch, const ExportOptions &options);

} // namespace pixelmill

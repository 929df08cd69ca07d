// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/journal/batchjournal.h"

#include <QHash>
#include <QString>

namespace pixelmill {

/// Outputs an interrupted run put in place but never recorded, keyed by input:
/// a kill between an output's rename and its journal commit leaves such a file.
///
/// With the batch's intent log (OutputIntentLog), exactly: the file at the
/// name an unrecorded input last meant to write, if it is no older than the
/// batch and no other input recorded it.
///
/// Without one (a batch from before the log), by the names: only names chosen
/// from the input's path alone can be traced back (see namesKnownBeforeDecoding).
/// A file is an input's when it has the name the input wanted (entry i of the
/// batch wanting the name its counter i + 1 gives) or a numbered variant of it,
/// is no older than the batch, and no input recorded it. When two unrecorded
/// inputs wanted the same name, or two such files exist, nothing is attributed:
/// running an input again costs a second copy, attributing another input's file
/// to it would lose an image.
QHash<QString, QString> findUnrecordedOutputs(const InterruptedBatch &batch, const ExportOptions &options);

} // namespace pixelmill

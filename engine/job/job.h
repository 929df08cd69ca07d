// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/image/decodeoptions.h"
#include "engine/pipeline/filterstep.h"

#include <QMetaType>
#include <QString>

namespace pixelmill {

using JobId = quint64;

/// One input file and everything needed to produce its output. Jobs carry
/// their own copy of the chain and options, so edits in the UI never race with
/// running work.
struct Job
{
    JobId id = 0; ///< assigned by WorkerPool::submit
    QString inputPath;
    QString relativeDir; ///< input's folder relative to the root it was found under
    int counter = 0; ///< 1-based position in the batch, for {counter}
    FilterChain chain; ///< normalised (FilterRegistry::normalized)
    ExportOptions exportOptions;
    DecodeOptions decodeOptions;
    bool makeThumbnail = true; ///< the CLI has no use for one
    int namingTicket = -1; ///< OutputReservations::takeNamingTicket, set by the pool; -1: names in finish order
};

} // namespace pixelmill

Q_DECLARE_METATYPE(pixelmill::Job)

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/image/decodeoptions.h"
#include "engine/pipeline/filterstep.h"

#include <QMetaType>
#include <QString>

#include <algorithm>

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
    int counter = 0; ///< 1-based position in the batch, for {counter}; 0: CounterSequence assigns it
    FilterChain chain; ///< normalised (FilterRegistry::normalized)
    ExportOptions exportOptions;
    DecodeOptions decodeOptions;
    bool makeThumbnail = true; ///< the CLI has no use for one
    int namingTicket = -1; ///< OutputReservations::takeNamingTicket, set by the pool; -1: names in finish order
};

/// Hands out {counter} values in queue order. A resumed batch's inputs bring
/// the values they had when it first ran; inputs added to it follow the highest.
class CounterSequence
{
public:
    int assign(int given)
    {
        if (given <= 0)
            return ++m_last;
        m_last = std::max(m_last, given);
        return given;
    }

private:
    int m_last = 0;
};

} // namespace pixelmill

Q_DECLARE_METATYPE(pixelmill::Job)

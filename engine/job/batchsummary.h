// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/jobresult.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace pixelmill {

/// Exact counts of one batch: every submitted job is in exactly one bucket.
struct BatchSummary
{
    int submitted = 0;
    int written = 0;
    int writtenWithWarnings = 0; ///< of `written`: a damaged file's readable part, a profile left out, ...
    int skipped = 0;
    int failed = 0;
    int canceled = 0;
    qint64 bytesWritten = 0;
    double wallSeconds = 0; ///< its time, without the time it sat paused with no job running
    QList<QPair<QString, QString>> problems; ///< (input path, reason) for failed and skipped
    QList<QPair<QString, QString>> warnings; ///< (input path, warning) for written outputs

    int finished() const { return written + skipped + failed + canceled; }
    /// What the batch did: a cancelled job is finished, but neither progress
    /// nor throughput (a cancel empties the queue at once).
    int processed() const { return written + skipped + failed; }
    /// The jobs that did the work, written or failed (see secondsLeft).
    int worked() const { return written + failed; }
    void add(const JobResult &result);
    /// The result of an input the run did not submit to the pool (kept from an
    /// earlier run, left out after a crash, refused before it started): it
    /// counts as submitted too.
    void addNotRun(const JobResult &result);
    /// Adds `other`'s counts, problems and warnings after this one's; the time stays this one's.
    void merge(const BatchSummary &other);
};

} // namespace pixelmill

Q_DECLARE_METATYPE(pixelmill::BatchSummary)

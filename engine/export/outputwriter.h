// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/export/outputreservations.h"
#include "engine/worker/canceltoken.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace pixelmill {

struct WriteOutcome
{
    enum class Status {
        Written,
        Skipped,
        Failed,
        Canceled,
    };
    Status status = Status::Failed;
    QString path; ///< the final name written (or the existing file that made us skip)
    QString reason; ///< why skipped or failed
    QStringList warnings;
    qint64 bytes = 0;
};

/// Writes `data` under `desiredPath` atomically: a temporary file in the same
/// folder, renamed into place only when complete, so no final name ever holds a
/// partial file. Clashes are settled by `policy`; a source file of the batch and
/// another job's output are never replaced. Thread-safe.
WriteOutcome writeOutputAtomically(const QString &desiredPath, const std::vector<uchar> &data,
                                   OverwritePolicy policy, OutputReservations &reservations,
                                   const CancelToken &cancel);

/// What the policy says about `path` before any work is done: a reason to skip
/// the job (skip policy and the name is taken), or empty.
QString earlySkipReason(const QString &path, OverwritePolicy policy,
                        const OutputReservations &reservations);

} // namespace pixelmill

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

/// The name an output will get under a policy, claimed in `reservations`.
struct NameChoice
{
    enum class Status {
        Chosen,
        Skipped,
        Failed,
    };
    Status status = Status::Failed;
    QString path;
    QString reason; ///< why skipped or failed
    QStringList warnings;
    int attempt = 0; ///< 0: the desired name; n: "name_n"
    int namesTried = 0; ///< names looked at, this one included: a few, however many inputs share a name
    bool replacesExisting = false; ///< overwrite policy on an existing file
};

/// Applies the overwrite policy to a desired name: a source of the batch or a
/// name another job claimed is never chosen; an existing file is skipped,
/// renamed around or (overwrite) replaced. Used by the writer and by dry runs,
/// so both decide alike. Thread-safe through `reservations`.
NameChoice chooseOutputName(const QString &desiredPath, OverwritePolicy policy,
                            OutputReservations &reservations, int firstAttempt = 0);

/// Writes `data` under `desiredPath` atomically: a temporary file in the same
/// folder, renamed into place only when complete, so no final name ever holds a
/// partial file. Clashes are settled by `policy`; a source file of the batch and
/// another job's output are never replaced. `chosen`, if given, is the name
/// chooseOutputName already claimed for this output: it is written there,
/// unless a file took that name meanwhile. Each rename is announced first in
/// the batch's intent log as `input`'s output (OutputReservations::noteIntent).
/// Thread-safe.
WriteOutcome writeOutputAtomically(const QString &desiredPath, const std::vector<uchar> &data,
                                   OverwritePolicy policy, OutputReservations &reservations,
                                   const CancelToken &cancel, const NameChoice *chosen = nullptr,
                                   const QString &input = {});

} // namespace pixelmill

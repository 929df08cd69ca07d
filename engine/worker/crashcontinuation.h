// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace pixelmill {

/// A run that took over from one of the same command that crashed on an
/// input (crashmarker::continueAfterCrash): it resumes that batch without the
/// input the crash was pinned on, and reports for the whole command.
struct CrashContinuation
{
    int number = 0; ///< 1 after the command's first crash
    qint64 startedMs = 0; ///< when the command started, ms since the epoch
};

/// Set when this process is such a continuation. Call it once: it also takes
/// the mark out of the environment, so that programs started from this one (a
/// file manager, a terminal, another pixelmill-cli) do not take it for theirs.
std::optional<CrashContinuation> crashContinuationOfThisRun();

/// This process's command line as it was given, bytes and all.
QList<QByteArray> thisCommandLine();

/// From now on, a crash pinned on an input replaces this process with
/// `whileBatchRuns` when a batch is running, else with `otherwise` (each the
/// program name first, or empty), which learn from their environment that
/// they continue the command started at `startedMs`. Gives up after many
/// crashes, leaving the batch to a manual resume, as without this.
void continueAfterACrashWith(const QList<QByteArray> &whileBatchRuns, const QList<QByteArray> &otherwise,
                             qint64 startedMs, int crashesSoFar);

} // namespace pixelmill

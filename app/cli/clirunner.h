// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

namespace pixelmill {

class FilterRegistry;
struct CliOptions;

/// Scans the inputs, runs the batch on a WorkerPool while printing progress,
/// writes the report, and returns the process exit status (0 all succeeded,
/// 1 some input failed, 130 interrupted). Needs a QCoreApplication.
int runCliBatch(const CliOptions &options, const FilterRegistry &registry);

/// `--dry-run`: prints "input -> output" for every input (stdout), marks
/// clashes, renames, overwrites and skips, and processes nothing. Returns the
/// exit status (0, or 1 when some input cannot even be planned).
int runCliDryRun(const CliOptions &options, const FilterRegistry &registry);

} // namespace pixelmill

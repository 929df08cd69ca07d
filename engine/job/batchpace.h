// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>

namespace pixelmill {

/// How long the `remaining` jobs of a batch may still take, at the pace of the
/// jobs that did the work so far: `worked` (written or failed) in `seconds`.
/// Skips are left out of the pace: skipping an existing output takes no time,
/// and a re-run that skips what it made before would show the new files, which
/// come last, as all but done. Negative before any job has worked (unknown).
double secondsLeft(int remaining, int worked, double seconds);

/// "m:ss", from an hour on "h:mm:ss"; "-:--" for a negative (unknown) time.
QString clockText(double seconds);

} // namespace pixelmill

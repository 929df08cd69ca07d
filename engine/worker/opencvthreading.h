// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

namespace pixelmill {

/// Sets OpenCV's internal thread count for a pool of `workers` threads so the
/// two never oversubscribe the cores. The rule and the measurements behind it
/// are in README.md ("Threading"). Process-wide; call from one thread.
void applyOpenCvThreadingRule(int workers);

/// The OpenCV thread count the rule picks for `workers` on `cores` cores.
int openCvThreadsFor(int workers, int cores);

} // namespace pixelmill

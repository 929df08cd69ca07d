// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core/utility.hpp>

namespace pixelmill {

/// Runs `body` over bands of the rows [0, rows) on OpenCV's threads (as many as
/// the threading rule gives it: see worker/opencvthreading). The bands must
/// share nothing they write. OpenCV hands them to its threads through TBB,
/// whose synchronisation ThreadSanitizer cannot see, so a ThreadSanitizer
/// build runs all rows in one go instead of reporting every read as a race.
template <typename Body> void forRowBands(int rows, const Body &body)
{
#if defined(__SANITIZE_THREAD__)
    body(cv::Range(0, rows));
#else
    cv::parallel_for_(cv::Range(0, rows), body);
#endif
}

} // namespace pixelmill

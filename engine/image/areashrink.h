// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

namespace pixelmill {

/// Shrinks an 8-bit image of 1 to 4 channels by area averaging, as
/// cv::resize(INTER_AREA) does, to within one level where the exact mean lies
/// on a half (about one sample in a thousand for most factors; up to one in a
/// hundred for whole factors with an even area, such as 3 by 4). OpenCV's area resize is fast only
/// for halving; for any other factor (a 24 MP photo to 1920 pixels,
/// 3840 to 2560) it runs a scalar loop, and took 25 to 56 ms for a 4K to 8 MP
/// image. This one weighs rows first, with SSE2 over whole rows, then columns
/// a pixel at a time, about four times faster. OpenCV's whole-number factors
/// are vectorised only for 2 (a 4224x3168 photo to a third: 17.5 ms against
/// 10.8 here, one thread). Uses OpenCV's thread count. False, with `out`
/// untouched, for anything else (other depths, enlarging either side, the
/// same size, halving both sides exactly: OpenCV is three times faster there).
bool shrinkByArea(const cv::Mat &in, cv::Size target, cv::Mat &out);

/// cv::resize(INTER_AREA), through shrinkByArea where that applies.
void resizeByArea(const cv::Mat &in, cv::Size target, cv::Mat &out);

} // namespace pixelmill

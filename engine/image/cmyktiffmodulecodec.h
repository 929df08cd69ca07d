// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace pixelmill {

/// The first page of a CMYK TIFF, 8- or 16-bit, as its inks (0 = no ink): C, M,
/// Y, K and, when the first extra sample is alpha, that alpha; and its ICC
/// profile, if any, in `icc`. The engine turns inks into light (cmykToBgr):
/// OpenCV 4.6 refuses 16-bit inks and turns 8-bit ones into RGB itself,
/// without the profile. Strips or tiles, interleaved or planar, any
/// compression libtiff reads. Empty with `error` set when the page is no such
/// image or its data cannot be read.
cv::Mat cmykTiffInks(const cv::Mat &raw, std::vector<uchar> &icc, std::string &error);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>

namespace pixelmill {

/// The first page of a 16-bit CMYK TIFF, which OpenCV 4.6 refuses (its RGBA
/// path takes 8-bit inks only), as 16-bit BGR, or BGRA when an extra sample is
/// alpha. Inks become light as libtiff turns 8-bit CMYK into RGB, without
/// colour management: R = (1 − C)(1 − K), and so on. Strips or tiles,
/// interleaved or planar, any compression libtiff reads. Empty with `error`
/// set when the page is no such image or its data cannot be read.
cv::Mat cmykTiffDecode(const cv::Mat &raw, std::string &error);

} // namespace pixelmill

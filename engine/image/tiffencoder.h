// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace pixelmill {

/// Writes grey, BGR or BGRA pixels, 8- or 16-bit, as a TIFF with libtiff:
/// one page, RGB(A) or grey samples interleaved, alpha declared as
/// unassociated (ExtraSamples), strips of about 64 KiB, compressed with
/// `compression` (libtiff's COMPRESSION_NONE, _LZW or _ADOBE_DEFLATE; the
/// last two with the horizontal predictor). OpenCV 4.6's writer left alpha
/// undeclared, so libtiff and readers built on it took it for premultiplied.
/// BigTIFF when the samples alone pass 3.9 GB. False with `error` set when
/// the layout is not one of those or libtiff fails.
bool tiffEncode(const cv::Mat &image, int compression, std::vector<uchar> &bytes, std::string &error);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>

namespace pixelmill {

/// The size a camera RAW develops to at full size, turned as the camera
/// recorded it. False with `error` set when LibRaw does not take the bytes as
/// a RAW it can read (a plain TIFF or JPEG is not one).
bool rawImageSize(const cv::Mat &raw, cv::Size &size, std::string &error);

/// Develops a camera RAW as a photographer's converter does by default: the
/// camera's white balance, AHD demosaicing, sRGB, upright; 16-bit BGR (grey for
/// monochrome sensors). `halfSize` takes each 2×2 sensor block as one pixel
/// instead of demosaicing: half the size, several times faster.
/// `warning` is set when LibRaw met damaged data but still made an image.
/// Empty with `error` set on failure.
cv::Mat rawDecode(const cv::Mat &raw, bool halfSize, std::string &warning, std::string &error);

} // namespace pixelmill

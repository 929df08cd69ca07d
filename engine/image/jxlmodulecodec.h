// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>

namespace pixelmill {

/// The size a JPEG XL image decodes to (its orientation applied). False with
/// `error` set when the header cannot be read.
bool jxlImageSize(const cv::Mat &raw, cv::Size &size, std::string &error);

/// The first frame as BGR or BGRA (grey images as BGR too), upright: 8-bit, or
/// 16-bit for deeper images. Empty with `error` set on failure.
cv::Mat jxlDecode(const cv::Mat &raw, std::string &error);

} // namespace pixelmill

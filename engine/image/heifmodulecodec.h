// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace pixelmill {

/// The primary image's size as it will be decoded (rotation and mirroring
/// applied). False with `error` set when the file cannot be parsed.
bool heifImageSize(const cv::Mat &raw, cv::Size &size, std::string &error);

/// The primary image's EXIF (from its TIFF header on, as exiv2's ExifParser
/// reads it) and raw ICC profile; each empty when the file has none.
/// False with `error` set when the file cannot be parsed.
bool heifMetadata(const cv::Mat &raw, std::vector<uchar> &exif, std::vector<uchar> &icc, std::string &error);

/// The primary image as BGR, or BGRA when it has an alpha plane, with the
/// file's rotation and mirroring applied: 8-bit, or 16-bit (full range) for
/// 10- and 12-bit images. Empty with `error` set on failure.
cv::Mat heifDecode(const cv::Mat &raw, std::string &error);

} // namespace pixelmill

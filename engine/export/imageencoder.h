// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/encodedimage.h"
#include "engine/export/exportoptions.h"

#include <opencv2/core.hpp>

namespace pixelmill {

/// Encodes to memory in the chosen format. Formats without alpha (JPEG, BMP)
/// get the image composited onto white; 8-bit-only formats get 16-bit scaled
/// down. Never throws. Thread-safe.
EncodedImage encodeImage(const cv::Mat &image, const ExportOptions &options);

/// The image as the format can store it (the conversions encodeImage applies).
/// `pngBitDepth` 8 or 16 forces PNG's sample depth (0 keeps the image's).
cv::Mat convertForFormat(const cv::Mat &image, ImageFormat format, int pngBitDepth = 0);

} // namespace pixelmill

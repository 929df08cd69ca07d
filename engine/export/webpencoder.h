// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/encodedimage.h"
#include "engine/export/exportoptions.h"

#include <opencv2/core.hpp>

namespace pixelmill {

struct WebpSettings
{
    int quality = 85; ///< 1..100 (lossy); for lossless, how hard to try
    bool lossless = false;
    int effort = 4; ///< libwebp "method", 0..6
    WebpAlphaFilter alphaFilter = WebpAlphaFilter::Fast;
};

/// WebP through libwebp's advanced API (OpenCV 4.6 exposes neither the effort
/// nor exact lossless alpha). Takes 8-bit BGR or BGRA; never throws; thread-safe.
EncodedImage encodeWebp(const cv::Mat &image, const WebpSettings &settings);

/// Puts `icc` into an encoded WebP as its ICCP chunk, keeping its other chunks.
bool embedWebpIccProfile(std::vector<unsigned char> &webp, const std::vector<unsigned char> &icc, QString *error);

} // namespace pixelmill

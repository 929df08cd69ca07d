// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/encodedimage.h"
#include "engine/export/exportoptions.h"

#include <opencv2/core.hpp>

namespace pixelmill {

/// JPEG through libjpeg(-turbo) directly: OpenCV 4.6's imencode cannot choose the
/// chroma subsampling. Takes 8-bit grey or BGR; never throws; thread-safe.
EncodedImage encodeJpeg(const cv::Mat &image, int quality, bool progressive, ChromaSubsampling subsampling);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/encodedimage.h"

#include <opencv2/core.hpp>

namespace pixelmill {

/// PNG with libpng's adaptive row filters and libdeflate for the zlib stream:
/// same format, same compression levels (0..9, as zlib counts them), but
/// libdeflate compresses about twice as fast as zlib at an equal or smaller size.
/// Takes 8/16-bit grey, BGR or BGRA; stores grey pixels as grey and leaves out
/// an alpha that is opaque everywhere (lossless). Never throws; thread-safe.
EncodedImage encodePng(const cv::Mat &image, int compressionLevel);

} // namespace pixelmill

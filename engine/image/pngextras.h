// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>

namespace pixelmill {

// What the PNG decoders leave out, read from the chunks before the image data.

/// A grey PNG's colour-key transparency (its tRNS chunk names one grey level
/// that is transparent): `grey`, as decoded (8-bit for 1 to 8 bits, levels
/// scaled as libpng scales them, or 16-bit), with an alpha channel, 0 where it
/// is that level; `grey` itself when the PNG has no such key. OpenCV 4.6 drops
/// the key (an RGB image's key it applies).
cv::Mat withGreyColourKey(const QByteArray &png, const cv::Mat &grey);

/// How many frames an animated PNG (APNG) declares in its acTL chunk; 0 for a
/// still PNG. The decoders give its default image only.
int apngFrameCount(const QByteArray &png);

} // namespace pixelmill

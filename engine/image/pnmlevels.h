// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>

namespace pixelmill {

/// A PGM or PPM whose maximum value is not its depth's full scale (a 10-bit
/// camera's 1023, 4-bit levels' 15) as the full scale: `image` (as OpenCV
/// 4.6 decoded `pnm`) stretched to 255 or 65535. OpenCV stretches only ASCII
/// files of at most 255 levels; binary ones came out dark (1023 of 65535).
/// `image` itself for bitmaps, full-scale files and what is not PNM.
cv::Mat withFullPnmRange(const QByteArray &pnm, const cv::Mat &image);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QImage>

namespace pixelmill {

/// Converts an 8/16-bit, 1/3/4-channel Mat to a QImage that owns its pixels
/// (deep copy, safe to send across threads). The only Mat→QImage conversion.
QImage toQImage(const cv::Mat &mat);

/// A thumbnail whose long edge is at most `maxEdge` (never enlarged). Thread-safe.
QImage makeThumbnail(const cv::Mat &image, int maxEdge = 256);

} // namespace pixelmill

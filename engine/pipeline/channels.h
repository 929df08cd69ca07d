// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QString>

#include <functional>

namespace pixelmill {

/// Largest sample value of a depth (255 for CV_8U, 65535 for CV_16U).
double depthMax(int depth);

/// Runs `fn` on the colour channels only and re-attaches an alpha channel
/// untouched, so tone operations never change transparency.
cv::Mat applyToColorChannels(const cv::Mat &in, const std::function<cv::Mat(const cv::Mat &)> &fn);

/// A colour parameter ("#rrggbb" / "#aarrggbb") as a Scalar in the image's
/// channel order and depth (grey for 1 channel, BGR, BGRA).
cv::Scalar colorScalar(const QString &color, int channels, int depth);

} // namespace pixelmill

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

/// The luminance of a grey, BGR or BGRA image, in the image's own depth
/// (the image itself when it is already grey).
cv::Mat luminance(const cv::Mat &image);

/// An 8-bit result (0..255, e.g. an edge map) in the depth and channel count of
/// `like`, a grey or BGR image: grey stays one channel, colour gets it in all three.
cv::Mat grey8Like(const cv::Mat &grey8, const cv::Mat &like);

/// A colour parameter ("#rrggbb" / "#aarrggbb") as a Scalar in the image's
/// channel order and depth (grey for 1 channel, BGR, BGRA).
cv::Scalar colorScalar(const QString &color, int channels, int depth);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QString>
#include <QStringList>

namespace pixelmill {

/// The nine placements overlays offer ("top_left" … "bottom_right").
const QStringList &anchorNames();

/// Top-left corner of a `box` placed at `anchor` inside `canvas`, `margin` px from the edges.
cv::Point anchoredOrigin(const QString &anchor, cv::Size canvas, cv::Size box, int margin);

/// Blends a single colour into `image` through an 8-bit coverage mask placed at
/// `origin` (clipped to the image), scaled by `opacity` 0..1. Any depth and
/// channel layout; alpha, where present, becomes at least the mark's coverage.
/// Alpha-blends an 8-bit BGRA `overlay` onto `image` at `origin` (clipped),
/// its alpha scaled by `opacity` 0..1; any depth and channel layout.
void blendOverlay(cv::Mat &image, const cv::Mat &overlay, cv::Point origin, double opacity);

void blendColourThroughMask(cv::Mat &image, const cv::Mat &mask, cv::Point origin, const QString &colour,
                            double opacity);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>

namespace pixelmill {

/// Decodes a still WebP (lossy or lossless) with libwebp into BGR, or BGRA when
/// it has an alpha channel: OpenCV's IMREAD_UNCHANGED layout. On failure
/// returns an empty Mat and says why in `error` (animations are refused).
/// Never throws; thread-safe.
cv::Mat decodeWebp(const QByteArray &bytes, QString &error);

} // namespace pixelmill

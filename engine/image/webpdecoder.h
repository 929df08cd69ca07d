// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// Decodes a WebP (lossy or lossless) with libwebp into BGR, or BGRA when it
/// has an alpha channel: OpenCV's IMREAD_UNCHANGED layout. An animation gives
/// its first frame as shown (BGRA) and a warning naming its frame count. On
/// failure returns an empty Mat and says why in `error`. Never throws; thread-safe.
cv::Mat decodeWebp(const QByteArray &bytes, QString &error, QStringList &warnings);

} // namespace pixelmill

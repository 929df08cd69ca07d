// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// The first frame of a GIF, through Qt's GIF reader (OpenCV 4.6 has none):
/// BGRA when the frame has a transparent colour, BGR otherwise. On failure
/// returns an empty Mat and says why in `error`. Appends to `warnings` when
/// the frame is cut off (Qt leaves the rest blank without a word) and when
/// the GIF is an animation, whose other frames are not processed. `maxPixels`
/// replaces Qt's own allocation limit, so the engine's limit is the one that
/// applies. Never throws; thread-safe.
cv::Mat decodeGif(const QByteArray &bytes, qint64 maxPixels, QString &error, QStringList &warnings);

} // namespace pixelmill

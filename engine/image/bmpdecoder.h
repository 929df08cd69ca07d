// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// A BMP through Qt's reader: BGRA when it has alpha (32-bit with an alpha
/// mask), grey when its palette is all greys, BGR otherwise. OpenCV 4.6 turned
/// OS/2 bitmaps (12-byte header) into one grey channel and refused 16-bit
/// ones with bit fields (RGB565, as screenshots and small devices write them);
/// Qt reads those, and all OpenCV read. Pixels the data never sets (a cut
/// file's missing rows, those an RLE move skips) are black, never what the
/// allocator last held; a file cut short also adds a warning to `warnings`. Empty with `error` set on
/// failure. `maxPixels` replaces Qt's own allocation limit. Never throws;
/// thread-safe.
cv::Mat decodeBmp(const QByteArray &bytes, qint64 maxPixels, QString &error, QStringList &warnings);

} // namespace pixelmill

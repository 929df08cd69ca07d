// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QImageReader>

namespace pixelmill {

/// Bytes read through one of Qt's image plugins (GIF, BMP: formats OpenCV 4.6
/// lacks or reads wrongly). `maxPixels` replaces Qt's own allocation limit
/// (128 MiB), so the engine's limit is the one that applies.
struct QtImageReader
{
    QtImageReader(const QByteArray &bytes, const char *format, qint64 maxPixels);
    QtImageReader(const QtImageReader &) = delete;
    QtImageReader &operator=(const QtImageReader &) = delete;

    QByteArray data; ///< a shallow copy: QBuffer needs a non-const array
    QBuffer buffer;
    QImageReader reader;
};

/// `image` in the pipeline's layout: BGRA when it has an alpha channel
/// (unpremultiplied), grey when every colour it can hold is grey (a grey
/// format, or a palette of greys), BGR otherwise.
cv::Mat pipelineMat(QImage image);

} // namespace pixelmill

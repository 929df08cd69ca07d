// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/qtimagereader.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <climits>

namespace pixelmill {

QtImageReader::QtImageReader(const QByteArray &bytes, const char *format, qint64 maxPixels)
    : data(bytes), buffer(&data), reader(&buffer, format)
{
    buffer.open(QIODevice::ReadOnly);
    const qint64 limitMiB = maxPixels * 4 / (1 << 20) + 1; // Qt decodes to 32-bit pixels at most
    reader.setAllocationLimit(int(std::min<qint64>(INT_MAX, limitMiB)));
}

namespace {

bool onlyGreys(const QImage &image)
{
    if (image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_Grayscale16)
        return true;
    const QList<QRgb> colours = image.colorTable();
    return !colours.isEmpty() && std::all_of(colours.begin(), colours.end(), [](QRgb c) {
        return qRed(c) == qGreen(c) && qGreen(c) == qBlue(c) && qAlpha(c) == 255;
    });
}

} // namespace

cv::Mat pipelineMat(QImage image)
{
    cv::Mat out;
    if (!image.hasAlphaChannel() && onlyGreys(image)) {
        image.convertTo(QImage::Format_Grayscale8);
        cv::Mat(image.height(), image.width(), CV_8UC1, image.bits(), size_t(image.bytesPerLine()))
            .copyTo(out);
        return out;
    }
    // RGBA8888 is byte order on every platform, unlike ARGB32.
    const bool alpha = image.hasAlphaChannel();
    image.convertTo(QImage::Format_RGBA8888);
    const cv::Mat rgba(image.height(), image.width(), CV_8UC4, image.bits(), size_t(image.bytesPerLine()));
    cv::cvtColor(rgba, out, alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGBA2BGR);
    return out;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/gifdecoder.h"

#include <opencv2/imgproc.hpp>

#include <QBuffer>
#include <QImage>
#include <QImageReader>

#include <algorithm>
#include <climits>

namespace pixelmill {

namespace {

// Reads from a shallow copy: QBuffer needs a non-const array.
struct GifReader
{
    explicit GifReader(const QByteArray &bytes) : data(bytes), buffer(&data), reader(&buffer, "gif")
    {
        buffer.open(QIODevice::ReadOnly);
    }
    QByteArray data;
    QBuffer buffer;
    QImageReader reader;
};

// Steps over a run of data sub-blocks (length byte, data; a zero length ends
// it). False when the bytes end first.
bool skipSubBlocks(const QByteArray &bytes, qsizetype &at)
{
    for (;;) {
        if (at >= bytes.size())
            return false;
        const int length = uchar(bytes.at(at++));
        if (length == 0)
            return true;
        at += length;
    }
}

qsizetype colourTableBytes(uchar flags)
{
    return (flags & 0x80) ? qsizetype(3) << ((flags & 0x07) + 1) : 0;
}

// Walks the blocks up to the end of the first image's pixel data.
bool firstFrameIsComplete(const QByteArray &bytes)
{
    constexpr qsizetype kScreenDescriptorEnd = 13;
    if (bytes.size() < kScreenDescriptorEnd)
        return false;
    qsizetype at = kScreenDescriptorEnd + colourTableBytes(uchar(bytes.at(10)));
    while (at < bytes.size()) {
        const uchar introducer = uchar(bytes.at(at));
        if (introducer == 0x21) { // extension: label, then sub-blocks
            at += 2;
            if (!skipSubBlocks(bytes, at))
                return false;
        } else if (introducer == 0x2c) { // image: descriptor, colour table, LZW code size, data
            constexpr qsizetype kImageDescriptorBytes = 10;
            if (bytes.size() - at < kImageDescriptorBytes)
                return false;
            at += kImageDescriptorBytes + colourTableBytes(uchar(bytes.at(at + 9))) + 1;
            return skipSubBlocks(bytes, at);
        } else {
            return false;
        }
    }
    return false;
}

} // namespace

cv::Mat decodeGif(const QByteArray &bytes, qint64 maxPixels, QString &error, QStringList &warnings)
{
    GifReader gif(bytes);
    const qint64 limitMiB = maxPixels * 4 / (1 << 20) + 1; // Qt decodes to 32-bit pixels
    gif.reader.setAllocationLimit(int(std::min<qint64>(INT_MAX, limitMiB)));
    QImage frame;
    if (!gif.reader.read(&frame) || frame.isNull()) {
        error = QStringLiteral("the GIF data is corrupt or truncated and could not be decoded (%1)")
                    .arg(gif.reader.errorString());
        return {};
    }
    if (!firstFrameIsComplete(bytes))
        warnings << QStringLiteral("the GIF is truncated: the part of the image after the cut is blank");
    if (const int frames = gif.reader.imageCount(); frames > 1)
        warnings << QStringLiteral("the GIF is an animation of %1 frames; only the first was processed").arg(frames);
    const bool transparent = frame.hasAlphaChannel();
    // RGBA8888 is byte order on every platform, unlike ARGB32; a GIF's
    // transparency is all or nothing, so nothing is premultiplied.
    frame.convertTo(QImage::Format_RGBA8888);
    const cv::Mat rgba(frame.height(), frame.width(), CV_8UC4, frame.bits(), size_t(frame.bytesPerLine()));
    cv::Mat out;
    cv::cvtColor(rgba, out, transparent ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGBA2BGR);
    return out;
}

} // namespace pixelmill

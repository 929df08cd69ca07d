// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/gifdecoder.h"

#include "engine/image/qtimagereader.h"

#include <utility>

namespace pixelmill {

namespace {

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
    QtImageReader gif(bytes, "gif", maxPixels);
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
    // A GIF's transparency is all or nothing: nothing is premultiplied.
    return pipelineMat(std::move(frame));
}

} // namespace pixelmill

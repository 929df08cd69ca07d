// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/jpegframe.h"

#include <algorithm>

namespace pixelmill {

namespace {

constexpr int kBlock = 8;
constexpr int kCoefficientBytes = 2; // JCOEF

// Start-of-frame markers; C4 (Huffman tables), C8 (reserved) and CC (arithmetic
// conditioning) share the range but are no frame.
bool isFrameHeader(uchar marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Progressive DCT (C2, C6 differential, CA arithmetic, CE arithmetic differential).
bool isProgressive(uchar marker)
{
    return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

// The frame header's payload: precision, height, width, then per component
// its id, sampling factors (h << 4 | v) and quantisation table.
qint64 coefficientBytes(const uchar *frame, qsizetype length)
{
    if (length < 6)
        return 0;
    const qint64 height = frame[1] << 8 | frame[2];
    const qint64 width = frame[3] << 8 | frame[4];
    const int components = frame[5];
    if (width == 0 || height == 0 || components == 0 || length < 6 + 3 * components)
        return 0;
    int maxH = 1;
    int maxV = 1;
    for (int c = 0; c < components; ++c) {
        maxH = std::max(maxH, frame[6 + 3 * c + 1] >> 4);
        maxV = std::max(maxV, frame[6 + 3 * c + 1] & 0x0F);
    }
    qint64 total = 0;
    for (int c = 0; c < components; ++c) {
        const int h = std::max(1, frame[6 + 3 * c + 1] >> 4);
        const int v = std::max(1, frame[6 + 3 * c + 1] & 0x0F);
        // libjpeg pads each component's blocks to whole sampling units (jdcoefct.c).
        const qint64 blocksWide = ceilDiv(ceilDiv(width * h, maxH), kBlock);
        const qint64 blocksHigh = ceilDiv(ceilDiv(height * v, maxV), kBlock);
        total
            += ceilDiv(blocksWide, h) * h * ceilDiv(blocksHigh, v) * v * kBlock * kBlock * kCoefficientBytes;
    }
    return total;
}

} // namespace

qint64 jpegCoefficientBufferBytes(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype size = bytes.size();
    if (size < 4 || data[0] != 0xFF || data[1] != 0xD8)
        return 0;
    const uchar *frame = nullptr;
    qsizetype frameLength = 0;
    qsizetype at = 2;
    while (at + 4 <= size) {
        if (data[at] != 0xFF)
            return 0; // not at a marker: damaged before the frame
        const uchar marker = data[at + 1];
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // TEM, RSTn: no length
            at += 2;
            continue;
        }
        if (marker == 0xD9)
            return 0;
        const qsizetype length = qsizetype(data[at + 2]) << 8 | data[at + 3];
        if (length < 2 || at + 2 + length > size)
            return 0;
        if (marker == 0xDA) {
            // A sequential frame whose first scan leaves components out comes in
            // several scans, and libjpeg buffers it whole as well.
            if (frame == nullptr || length < 3)
                return 0;
            const int scanComponents = data[at + 4];
            return scanComponents < frame[5] ? coefficientBytes(frame, frameLength) : 0;
        }
        if (isFrameHeader(marker)) {
            if (frame != nullptr)
                return 0; // a second frame: not a file libjpeg reads
            frame = data + at + 4;
            frameLength = length - 2;
            if (isProgressive(marker))
                return coefficientBytes(frame, frameLength);
        }
        at += 2 + length;
    }
    return 0;
}

} // namespace pixelmill

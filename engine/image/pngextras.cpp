// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pngextras.h"

#include "engine/image/bigendian.h"

#include <cstring>
#include <functional>

namespace pixelmill {

namespace {

constexpr uchar kColourTypeGrey = 0;

// Calls `visit(type, body, length)` for each whole chunk up to the first IDAT.
void forEachChunkBeforeImageData(const QByteArray &png,
    const std::function<void(const char *type, const uchar *body, uint32_t length)> &visit)
{
    const auto *data = reinterpret_cast<const uchar *>(png.constData());
    const size_t size = size_t(png.size());
    for (size_t at = 8; at < size && size - at >= 12;) {
        const uint32_t length = readBigEndian32(data + at);
        if (length > size - at - 12)
            return;
        const char *type = reinterpret_cast<const char *>(data + at + 4);
        if (std::memcmp(type, "IDAT", 4) == 0)
            return;
        visit(type, data + at + 8, length);
        at += size_t(length) + 12;
    }
}

} // namespace

cv::Mat withGreyColourKey(const QByteArray &png, const cv::Mat &grey)
{
    if (grey.channels() != 1)
        return grey; // only grey images have a grey key: no walk for the others
    int bitDepth = 0;
    int key = -1;
    forEachChunkBeforeImageData(png, [&](const char *type, const uchar *body, uint32_t length) {
        if (std::memcmp(type, "IHDR", 4) == 0 && length >= 13 && body[9] == kColourTypeGrey)
            bitDepth = body[8];
        else if (std::memcmp(type, "tRNS", 4) == 0 && length == 2 && bitDepth > 0)
            key = readBigEndian16(body);
    });
    if (key < 0 || key >= (1 << bitDepth))
        return grey;
    // libpng widens 1, 2 and 4-bit levels to 8 bits by repeating their bits: level × 255 / (2^bits − 1).
    const int level = bitDepth < 8 ? key * 255 / ((1 << bitDepth) - 1) : key;
    cv::Mat alpha;
    cv::compare(grey, cv::Scalar(level), alpha, cv::CMP_NE); // 255 where visible
    if (grey.depth() == CV_16U)
        alpha.convertTo(alpha, CV_16U, 257.0);
    cv::Mat out;
    cv::merge(std::vector<cv::Mat> {grey, alpha}, out);
    return out;
}

int apngFrameCount(const QByteArray &png)
{
    int frames = 0;
    forEachChunkBeforeImageData(png, [&](const char *type, const uchar *body, uint32_t length) {
        if (std::memcmp(type, "acTL", 4) == 0 && length >= 8)
            frames = int(std::min<uint32_t>(readBigEndian32(body), INT32_MAX));
    });
    return frames;
}

} // namespace pixelmill

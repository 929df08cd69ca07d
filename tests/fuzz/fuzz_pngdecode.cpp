// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target, differential: whatever the fast PNG path decodes, OpenCV
// (libpng) must decode to exactly the same pixels; everything else must be
// left to OpenCV (an empty result), never crash.
#include "engine/image/pngdecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <libdeflate.h>

#include <cstdint>
#include <cstdlib>

namespace {

// Random mutations almost never keep a chunk's CRC right; fixing them lets the
// fuzzer reach the header, chunk-order and stream checks behind it.
void fixChunkCrcs(QByteArray &png)
{
    auto *d = reinterpret_cast<uchar *>(png.data());
    for (qsizetype at = 8; at + 12 <= png.size();) {
        const uint32_t length = uint32_t(d[at]) << 24 | uint32_t(d[at + 1]) << 16 | uint32_t(d[at + 2]) << 8 | d[at + 3];
        if (length > uint32_t(png.size() - at - 12))
            return;
        const uint32_t crc = libdeflate_crc32(0, d + at + 4, size_t(length) + 4);
        for (int i = 0; i < 4; ++i)
            d[at + 8 + qsizetype(length) + i] = uchar(crc >> (24 - 8 * i));
        at += qsizetype(length) + 12;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (size > 0 && (data[size - 1] & 1))
        fixChunkCrcs(bytes); // the last byte (after IEND, ignored by decoders) picks the mode
    const cv::Mat fast = pixelmill::decodePngFast(bytes, 4'000'000);
    if (fast.empty())
        return 0;
    const cv::Mat raw(1, int(bytes.size()), CV_8U, bytes.data());
    cv::Mat reference;
    try {
        reference = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &) {
    }
    if (reference.empty() || reference.type() != fast.type() || reference.size() != fast.size()
        || cv::norm(reference, fast, cv::NORM_INF) != 0.0)
        std::abort();
    return 0;
}

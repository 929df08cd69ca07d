// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target, differential: whatever the fast PNG path decodes, OpenCV
// (libpng) must decode to exactly the same pixels; everything else must be
// left to OpenCV (an empty result), never crash. Inputs that do not start with
// the PNG signature are scanlines wrapped into a valid PNG (see pngAroundRows).
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

void appendChunk(QByteArray &png, const char *type, const QByteArray &body)
{
    for (int i = 0; i < 4; ++i)
        png.append(char(uint32_t(body.size()) >> (24 - 8 * i)));
    const qsizetype typeAt = png.size();
    png.append(type, 4).append(body);
    const uint32_t crc = libdeflate_crc32(0, png.constData() + typeAt, size_t(body.size()) + 4);
    for (int i = 0; i < 4; ++i)
        png.append(char(crc >> (24 - 8 * i)));
}

// A valid PNG around fuzzed scanlines: byte 0 picks the layout, bytes 1-2 the
// width, the rest are rows (filter byte, then samples). Mutations of a
// compressed stream rarely survive its checksum; these reach every filter,
// in every order, over any pixel values.
QByteArray pngAroundRows(const uint8_t *data, size_t size)
{
    static const int layouts[][2] = {{0, 8}, {0, 16}, {2, 8}, {2, 16}, {4, 8}, {4, 16}, {6, 8}, {6, 16}};
    const int colourType = layouts[data[0] % 8][0];
    const int bitDepth = layouts[data[0] % 8][1];
    const int width = 1 + (data[1] << 8 | data[2]) % 64;
    const int samples = colourType == 0 ? 1 : colourType == 2 ? 3 : colourType == 4 ? 2 : 4;
    const size_t rowBytes = size_t(width) * size_t(samples) * size_t(bitDepth / 8);
    const size_t height = (size - 3) / (rowBytes + 1);
    if (height == 0)
        return {};
    QByteArray rows(reinterpret_cast<const char *>(data + 3), qsizetype(height * (rowBytes + 1)));
    for (size_t y = 0; y < height; ++y)
        rows[qsizetype(y * (rowBytes + 1))] = char(uint8_t(rows[qsizetype(y * (rowBytes + 1))]) % 5);
    libdeflate_compressor *c = libdeflate_alloc_compressor(1);
    QByteArray zlib(qsizetype(libdeflate_zlib_compress_bound(c, size_t(rows.size()))), Qt::Uninitialized);
    zlib.truncate(qsizetype(
        libdeflate_zlib_compress(c, rows.constData(), size_t(rows.size()), zlib.data(), size_t(zlib.size()))));
    libdeflate_free_compressor(c);
    QByteArray header;
    for (uint32_t v : {uint32_t(width), uint32_t(height)})
        for (int i = 0; i < 4; ++i)
            header.append(char(v >> (24 - 8 * i)));
    header.append(char(bitDepth)).append(char(colourType)).append(3, '\0');
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    appendChunk(png, "IHDR", header);
    appendChunk(png, "IDAT", zlib);
    appendChunk(png, "IEND", {});
    return png;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && data[0] != 0x89) {
        const QByteArray png = pngAroundRows(data, size);
        if (png.isEmpty())
            return 0;
        const cv::Mat fast = pixelmill::decodePngFast(png, 4'000'000);
        const cv::Mat raw(1, int(png.size()), CV_8U, const_cast<char *>(png.constData()));
        const cv::Mat reference = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
        if (fast.empty() || reference.empty() || reference.type() != fast.type()
            || cv::norm(reference, fast, cv::NORM_INF) != 0.0)
            std::abort(); // a valid PNG the fast path must decode, exactly as libpng
        return 0;
    }
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

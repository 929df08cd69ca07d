// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pngdecoder.h"

#include "engine/export/pngrows.h"
#include "engine/image/pngunfilter.h"

#include <libdeflate.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace pixelmill {

namespace {

struct Header
{
    uint32_t width = 0;
    uint32_t height = 0;
    int bitDepth = 0;
    int colourType = 0;
};

int samplesPerPixel(int colourType)
{
    switch (colourType) {
    case 0:
        return 1; // grey
    case 2:
        return 3; // RGB
    case 4:
        return 2; // grey + alpha
    case 6:
        return 4; // RGBA
    default:
        return 0;
    }
}

// Walks the chunks; fills the header and the concatenated IDAT data. False
// for anything the fast path leaves to OpenCV.
bool readChunks(const QByteArray &bytes, Header &header, std::vector<uchar> &idat)
{
    static constexpr uchar kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    const size_t size = size_t(bytes.size());
    if (size < 8 || std::memcmp(data, kSignature, 8) != 0)
        return false;
    bool sawHeader = false;
    bool idatDone = false;
    for (size_t at = 8;;) {
        if (size - at < 12)
            return false; // truncated before IEND
        const uint32_t length = readBigEndian32(data + at);
        if (length > size - at - 12)
            return false;
        const uchar *type = data + at + 4;
        const uchar *body = data + at + 8;
        // What libpng refuses, this path must not accept: names are four ASCII letters.
        const auto isLetter = [](uchar c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
        if (length > 0x7fffffffu || !std::all_of(type, type + 4, isLetter))
            return false;
        if (libdeflate_crc32(0, type, size_t(length) + 4) != readBigEndian32(body + length))
            return false;
        const auto is = [type](const char *name) { return std::memcmp(type, name, 4) == 0; };
        if (!sawHeader) {
            if (!is("IHDR") || length != 13)
                return false;
            header.width = readBigEndian32(body);
            header.height = readBigEndian32(body + 4);
            header.bitDepth = body[8];
            header.colourType = body[9];
            const bool plain = body[10] == 0 && body[11] == 0 && body[12] == 0; // deflate, adaptive, no interlace
            if (!plain || header.width == 0 || header.height == 0 || header.width > INT32_MAX
                || header.height > INT32_MAX || (header.bitDepth != 8 && header.bitDepth != 16)
                || samplesPerPixel(header.colourType) == 0)
                return false;
            sawHeader = true;
        } else if (is("IDAT")) {
            if (idatDone)
                return false;
            idat.insert(idat.end(), body, body + length);
        } else if (is("IEND")) {
            return !idat.empty();
        } else {
            if (!idat.empty())
                idatDone = true;
            // Colour-key transparency and palettes (even a truecolour image's
            // suggested one, whose rules libpng enforces) are OpenCV's job, as is
            // any critical chunk this path does not know.
            if (is("tRNS") || is("PLTE") || is("IHDR") || (type[0] & 0x20) == 0)
                return false;
        }
        at += size_t(length) + 12;
    }
}

// One unfiltered PNG row into the Mat's row: BGR(A) order, native-endian samples.
template<typename T, int ColourType>
void storeRow(const uchar *png, size_t width, T *out)
{
    const auto sample = [png](size_t i) -> T {
        if constexpr (sizeof(T) == 1)
            return png[i];
        else
            return T(png[2 * i] << 8 | png[2 * i + 1]);
    };
    if constexpr (sizeof(T) == 1 && ColourType == 6 && std::endian::native == std::endian::little) {
        // RGBA to BGRA as one word per pixel, which the compiler vectorises
        // (the masks assume R is the word's low byte).
        for (size_t x = 0; x < width; ++x) {
            uint32_t v;
            std::memcpy(&v, png + 4 * x, 4);
            v = (v & 0xff00ff00u) | (v >> 16 & 0xffu) | (v & 0xffu) << 16;
            std::memcpy(out + 4 * x, &v, 4);
        }
        return;
    }
    for (size_t x = 0; x < width; ++x) {
        if constexpr (ColourType == 0) {
            out[x] = sample(x);
        } else if constexpr (ColourType == 2) {
            out[3 * x] = sample(3 * x + 2);
            out[3 * x + 1] = sample(3 * x + 1);
            out[3 * x + 2] = sample(3 * x);
        } else if constexpr (ColourType == 4) {
            out[4 * x] = out[4 * x + 1] = out[4 * x + 2] = sample(2 * x);
            out[4 * x + 3] = sample(2 * x + 1);
        } else {
            out[4 * x] = sample(4 * x + 2);
            out[4 * x + 1] = sample(4 * x + 1);
            out[4 * x + 2] = sample(4 * x);
            out[4 * x + 3] = sample(4 * x + 3);
        }
    }
}

using RowStore = void (*)(const uchar *png, size_t width, uchar *out);

template<typename T, int ColourType>
void storeRowBytes(const uchar *png, size_t width, uchar *out)
{
    storeRow<T, ColourType>(png, width, reinterpret_cast<T *>(out));
}

template<typename T>
RowStore rowStoreFor(int colourType)
{
    switch (colourType) {
    case 0:
        return storeRowBytes<T, 0>;
    case 2:
        return storeRowBytes<T, 2>;
    case 4:
        return storeRowBytes<T, 4>;
    default:
        return storeRowBytes<T, 6>;
    }
}

struct DecompressorDeleter
{
    void operator()(libdeflate_decompressor *d) const { libdeflate_free_decompressor(d); }
};

} // namespace

cv::Mat decodePngFast(const QByteArray &bytes, qint64 maxPixels)
{
    try {
        Header header;
        std::vector<uchar> idat;
        if (!readChunks(bytes, header, idat))
            return {};
        if (qint64(header.width) * qint64(header.height) > maxPixels)
            return {};
        const size_t samples = size_t(samplesPerPixel(header.colourType));
        const size_t bytesPerSample = size_t(header.bitDepth / 8);
        const size_t bpp = samples * bytesPerSample;
        const size_t rowBytes = bpp * header.width;
        const size_t rows = header.height;
        if (rowBytes + 1 > std::numeric_limits<size_t>::max() / rows)
            return {};
        const int depth = header.bitDepth == 16 ? CV_16U : CV_8U;
        // The stream inflates into the memory that becomes the image, allocated
        // with enough spare rows for the filter bytes: each row is unfiltered,
        // then stored at its final place, which only ever lies before unread data.
        // Mat::resize then drops the spare rows without copying. Only grey+alpha,
        // which grows to BGRA, needs a second buffer.
        const size_t rawBytes = (rowBytes + 1) * rows;
        const size_t spareRows = (rows + rowBytes - 1) / rowBytes;
        if (rows + spareRows > size_t(std::numeric_limits<int>::max()))
            return {};
        cv::Mat image(int(rows + spareRows), int(header.width), CV_MAKETYPE(depth, int(samples)));
        uchar *raw = image.data;
        std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> inflater(libdeflate_alloc_decompressor());
        if (!inflater
            || libdeflate_zlib_decompress(inflater.get(), idat.data(), idat.size(), raw, rawBytes, nullptr)
                != LIBDEFLATE_SUCCESS)
            return {}; // short, long or damaged stream: let OpenCV say what is wrong
        idat = {};
        const bool expands = header.colourType == 4;
        cv::Mat expanded = expands ? cv::Mat(int(rows), int(header.width), CV_MAKETYPE(depth, 4)) : cv::Mat();
        const RowStore store = depth == CV_8U ? rowStoreFor<uchar>(header.colourType)
                                              : rowStoreFor<ushort>(header.colourType);
        // Two rows as PNG has them, unfiltered: the current one and the one above
        // (zeros above row 0).
        std::vector<uchar> rowPair(2 * rowBytes, 0);
        uchar *prior = rowPair.data();
        uchar *current = prior + rowBytes;
        for (size_t y = 0; y < rows; ++y) {
            const uchar *line = raw + y * (rowBytes + 1);
            if (!unfilterPngRow(line[0], line + 1, prior, current, rowBytes, bpp))
                return {};
            // Row y lands at y * rowBytes, before the next row's data: safe in place.
            store(current, header.width, expands ? expanded.ptr(int(y)) : image.ptr(int(y)));
            std::swap(prior, current);
        }
        if (expands)
            return expanded;
        image.resize(rows);
        return image;
    } catch (const std::bad_alloc &) {
        return {}; // OpenCV's row-by-row decode may still fit
    } catch (const cv::Exception &) {
        return {};
    }
}

} // namespace pixelmill

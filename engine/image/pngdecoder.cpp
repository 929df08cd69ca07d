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

#if defined(__SSE2__)
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

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

} // namespace

QString pngChunkOverrun(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    const size_t size = size_t(bytes.size());
    for (size_t at = 8; size - at >= 8 && at < size;) {
        const uint32_t length = readBigEndian32(data + at);
        if (length > size - at - 8 || size - at - 8 - length < 4)
            return QStringLiteral("the PNG data is corrupt or truncated: a chunk declares %1 bytes, %2 are left")
                .arg(length)
                .arg(size - at - 8);
        if (std::memcmp(data + at + 4, "IEND", 4) == 0)
            return {};
        at += size_t(length) + 12;
    }
    return {};
}

namespace {

// 8-bit RGBA to BGRA, a word per pixel (the masks assume R is the word's low
// byte), four pixels a step where SSE2 is there.
void rgbaToBgra(const uchar *png, size_t width, uchar *out)
{
    size_t x = 0;
#if defined(__SSE2__)
    const __m128i keep = _mm_set1_epi32(int(0xff00ff00u));
    const __m128i lowByte = _mm_set1_epi32(0xff);
    for (; x + 4 <= width; x += 4) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(png + 4 * x));
        const __m128i swapped = _mm_or_si128(_mm_and_si128(v, keep),
                                             _mm_or_si128(_mm_and_si128(_mm_srli_epi32(v, 16), lowByte),
                                                          _mm_slli_epi32(_mm_and_si128(v, lowByte), 16)));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + 4 * x), swapped);
    }
#endif
    for (; x < width; ++x) {
        uint32_t v;
        std::memcpy(&v, png + 4 * x, 4);
        v = (v & 0xff00ff00u) | (v >> 16 & 0xffu) | (v & 0xffu) << 16;
        std::memcpy(out + 4 * x, &v, 4);
    }
}

#if defined(__SSE2__) && defined(__GNUC__)
#define PIXELMILL_HAS_SSSE3_PATH 1
// 8-bit RGB to BGR five pixels a step; SSE2 has no byte shuffle, so this is
// chosen at run time on CPUs with SSSE3 (every x86-64 since 2006 but a few).
// Each step stores 16 bytes: the last is the next step's first, written again.
__attribute__((target("ssse3"))) void rgbToBgrSsse3(const uchar *png, size_t width, uchar *out)
{
    const __m128i order = _mm_setr_epi8(2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9, 14, 13, 12, 15);
    size_t x = 0;
    for (; 3 * x + 16 <= 3 * width; x += 5) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(png + 3 * x));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + 3 * x), _mm_shuffle_epi8(v, order));
    }
    for (; x < width; ++x) {
        out[3 * x] = png[3 * x + 2];
        out[3 * x + 1] = png[3 * x + 1];
        out[3 * x + 2] = png[3 * x];
    }
}
#endif

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
        rgbaToBgra(png, width, out);
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
#if defined(PIXELMILL_HAS_SSSE3_PATH)
        if (sizeof(T) == 1 && __builtin_cpu_supports("ssse3"))
            return rgbToBgrSsse3;
#endif
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
        // Rows as PNG has them, unfiltered: the one above (zeros above row 0)
        // first, then room for the one to four being unfiltered. A pass that
        // unfilters n rows makes the last of them the next prior by swapping.
        std::vector<uchar> rowBuffers(5 * rowBytes, 0);
        uchar *buffers[5];
        for (size_t i = 0; i < 5; ++i)
            buffers[i] = rowBuffers.data() + i * rowBytes;
        const auto storeRows = [&](size_t y, size_t count) {
            // Row y lands at y * rowBytes, before the data of rows not yet read: safe in place.
            for (size_t i = 0; i < count; ++i)
                store(buffers[1 + i], header.width, expands ? expanded.ptr(int(y + i)) : image.ptr(int(y + i)));
            std::swap(buffers[0], buffers[count]);
        };
        constexpr int kPaeth = 4;
        const auto line = [&](size_t y) { return raw + y * (rowBytes + 1); };
        const auto paethRows = [&](size_t y, size_t count) {
            for (size_t i = 0; i < count; ++i) {
                if (y + i >= rows || line(y + i)[0] != kPaeth)
                    return false;
            }
            return true;
        };
        for (size_t y = 0; y < rows;) {
            if (paethRows(y, 4)) {
                const uchar *const filtered[4] = {line(y) + 1, line(y + 1) + 1, line(y + 2) + 1, line(y + 3) + 1};
                if (unfilterPaethRowQuad(filtered, buffers[0], buffers + 1, rowBytes, bpp)) {
                    storeRows(y, 4);
                    y += 4;
                    continue;
                }
            }
            if (paethRows(y, 2)
                && unfilterPaethRowPair(line(y) + 1, line(y + 1) + 1, buffers[0], buffers[1], buffers[2], rowBytes,
                                        bpp)) {
                storeRows(y, 2);
                y += 2;
                continue;
            }
            if (!unfilterPngRow(line(y)[0], line(y) + 1, buffers[0], buffers[1], rowBytes, bpp))
                return {};
            storeRows(y, 1);
            ++y;
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

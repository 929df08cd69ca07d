// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pngdecoder.h"

#include "engine/export/pngrows.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
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

// Undoes one row's filter in place; `prior` is the row above, already unfiltered (zeros for row 0).
bool unfilterRow(int filter, uchar *row, const uchar *prior, size_t length, size_t bpp)
{
    const size_t head = std::min(bpp, length);
    switch (filter) {
    case 0:
        return true;
    case 1:
        for (size_t i = head; i < length; ++i)
            row[i] = uchar(row[i] + row[i - bpp]);
        return true;
    case 2:
        for (size_t i = 0; i < length; ++i)
            row[i] = uchar(row[i] + prior[i]);
        return true;
    case 3:
        for (size_t i = 0; i < head; ++i)
            row[i] = uchar(row[i] + prior[i] / 2);
        for (size_t i = head; i < length; ++i)
            row[i] = uchar(row[i] + (int(row[i - bpp]) + int(prior[i])) / 2);
        return true;
    case 4:
        for (size_t i = 0; i < head; ++i)
            row[i] = uchar(row[i] + prior[i]);
        for (size_t i = head; i < length; ++i)
            row[i] = uchar(row[i] + paethPredictor(row[i - bpp], prior[i], prior[i - bpp]));
        return true;
    default:
        return false;
    }
}

// One unfiltered PNG row into the Mat's row: BGR(A) order, native-endian samples.
template<typename T>
void storeRow(const uchar *png, int colourType, int width, T *out)
{
    const auto sample = [png](size_t i) -> T {
        if constexpr (sizeof(T) == 1)
            return png[i];
        else
            return T(png[2 * i] << 8 | png[2 * i + 1]);
    };
    for (size_t x = 0; x < size_t(width); ++x) {
        switch (colourType) {
        case 0:
            out[x] = sample(x);
            break;
        case 2:
            out[3 * x] = sample(3 * x + 2);
            out[3 * x + 1] = sample(3 * x + 1);
            out[3 * x + 2] = sample(3 * x);
            break;
        case 4:
            out[4 * x] = out[4 * x + 1] = out[4 * x + 2] = sample(2 * x);
            out[4 * x + 3] = sample(2 * x + 1);
            break;
        default:
            out[4 * x] = sample(4 * x + 2);
            out[4 * x + 1] = sample(4 * x + 1);
            out[4 * x + 2] = sample(4 * x);
            out[4 * x + 3] = sample(4 * x + 3);
            break;
        }
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
        std::vector<uchar> prior(rowBytes, 0); // the row above as PNG has it (zeros above row 0)
        for (size_t y = 0; y < rows; ++y) {
            uchar *line = raw + y * (rowBytes + 1);
            if (!unfilterRow(line[0], line + 1, prior.data(), rowBytes, bpp))
                return {};
            std::memcpy(prior.data(), line + 1, rowBytes);
            // Row y lands at y * rowBytes, before the next row's data: safe in place.
            uchar *out = expands ? expanded.ptr(int(y)) : image.ptr(int(y));
            if (depth == CV_8U)
                storeRow(prior.data(), header.colourType, int(header.width), out);
            else
                storeRow(prior.data(), header.colourType, int(header.width), reinterpret_cast<ushort *>(out));
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

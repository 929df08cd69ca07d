// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/pngencoder.h"

#include "engine/export/pngrows.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace pixelmill {

namespace {

enum RowFilter : uint8_t { None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4 };

void putBigEndian32(std::vector<uchar> &out, uint32_t v)
{
    out.push_back(uchar(v >> 24));
    out.push_back(uchar(v >> 16));
    out.push_back(uchar(v >> 8));
    out.push_back(uchar(v));
}

void putChunk(std::vector<uchar> &out, const char type[4], const uchar *data, size_t size)
{
    putBigEndian32(out, uint32_t(size));
    const size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data, data + size);
    putBigEndian32(out, libdeflate_crc32(0, out.data() + typeAt, size + 4));
}

// One row as PNG stores it: RGB(A) order, big-endian samples.
void toPngSamples(const cv::Mat &image, int y, uchar *dst)
{
    const int channels = image.channels();
    const bool swapRedBlue = channels >= 3;
    if (image.depth() == CV_8U) {
        const uchar *src = image.ptr<uchar>(y);
        if (!swapRedBlue) {
            std::copy_n(src, size_t(image.cols) * size_t(channels), dst);
            return;
        }
        for (int x = 0; x < image.cols; ++x, src += channels, dst += channels) {
            dst[0] = src[2];
            dst[1] = src[1];
            dst[2] = src[0];
            if (channels == 4)
                dst[3] = src[3];
        }
        return;
    }
    const uint16_t *src = image.ptr<uint16_t>(y);
    static constexpr std::array<int, 4> kBgrOrder = {2, 1, 0, 3};
    for (int x = 0; x < image.cols; ++x, src += channels) {
        for (int c = 0; c < channels; ++c) {
            const uint16_t v = src[swapRedBlue ? kBgrOrder[size_t(c)] : c];
            *dst++ = uchar(v >> 8);
            *dst++ = uchar(v);
        }
    }
}

// Applies one filter; `bpp` is bytes per pixel, `prior` the unfiltered row above (zeros for row 0).
// One loop per filter, with the first pixel split off, so the compiler can vectorise each.
void filterRow(RowFilter filter, const uchar *row, const uchar *prior, size_t length, size_t bpp, uchar *out)
{
    const size_t head = std::min(bpp, length);
    switch (filter) {
    case None:
        std::copy_n(row, length, out);
        return;
    case Sub:
        std::copy_n(row, head, out);
        for (size_t i = head; i < length; ++i)
            out[i] = uchar(row[i] - row[i - bpp]);
        return;
    case Up:
        for (size_t i = 0; i < length; ++i)
            out[i] = uchar(row[i] - prior[i]);
        return;
    case Average:
        for (size_t i = 0; i < head; ++i)
            out[i] = uchar(row[i] - prior[i] / 2);
        for (size_t i = head; i < length; ++i)
            out[i] = uchar(row[i] - (int(row[i - bpp]) + int(prior[i])) / 2);
        return;
    case Paeth:
        for (size_t i = 0; i < head; ++i)
            out[i] = uchar(row[i] - prior[i]); // with no left pixel Paeth predicts "up"
        for (size_t i = head; i < length; ++i)
            out[i] = uchar(row[i] - paethPredictor(row[i - bpp], prior[i], prior[i - bpp]));
        return;
    }
}

// libpng's heuristic: the filter whose output, read as signed bytes, sums smallest.
uint64_t signedSum(const uchar *data, size_t length)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < length; ++i)
        sum += uint64_t(std::abs(int(int8_t(data[i]))));
    return sum;
}

struct CompressorDeleter
{
    void operator()(libdeflate_compressor *c) const { libdeflate_free_compressor(c); }
};

} // namespace

EncodedImage encodePng(const cv::Mat &image, int compressionLevel)
{
    EncodedImage result;
    const int channels = image.channels();
    if ((image.depth() != CV_8U && image.depth() != CV_16U) || channels == 2 || channels > 4 || image.empty()) {
        result.error = QStringLiteral("the PNG encoder takes 8/16-bit grey, colour or colour+alpha images");
        return result;
    }
    const size_t bytesPerSample = image.depth() == CV_16U ? 2 : 1;
    const size_t bpp = bytesPerSample * size_t(channels);
    const size_t rowBytes = bpp * size_t(image.cols);
    const size_t rows = size_t(image.rows);

    // Every row: one filter-type byte, then the filtered samples.
    std::vector<uchar> filtered;
    std::vector<uchar> current(rowBytes);
    std::vector<uchar> prior(rowBytes, 0);
    std::array<std::vector<uchar>, 5> candidates;
    try {
        filtered.resize(rows * (rowBytes + 1));
        for (auto &c : candidates)
            c.resize(rowBytes);
    } catch (const std::bad_alloc &) {
        result.error = QStringLiteral("not enough memory to encode a %1×%2 PNG").arg(image.cols).arg(image.rows);
        return result;
    }
    const bool adaptive = compressionLevel > 0;
    for (size_t y = 0; y < rows; ++y) {
        toPngSamples(image, int(y), current.data());
        uchar *out = filtered.data() + y * (rowBytes + 1);
        RowFilter best = None;
        if (adaptive) {
            uint64_t bestSum = UINT64_MAX;
            for (RowFilter f : {None, Sub, Up, Average, Paeth}) {
                filterRow(f, current.data(), prior.data(), rowBytes, bpp, candidates[f].data());
                const uint64_t sum = signedSum(candidates[f].data(), rowBytes);
                if (sum < bestSum) {
                    bestSum = sum;
                    best = f;
                }
            }
            std::copy(candidates[best].begin(), candidates[best].end(), out + 1);
        } else {
            std::copy(current.begin(), current.end(), out + 1);
        }
        out[0] = best;
        current.swap(prior);
    }

    std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(
        libdeflate_alloc_compressor(std::clamp(compressionLevel, 0, 9)));
    if (!compressor) {
        result.error = QStringLiteral("the PNG encoder could not start libdeflate");
        return result;
    }
    std::vector<uchar> zlib(libdeflate_zlib_compress_bound(compressor.get(), filtered.size()));
    const size_t zlibSize
        = libdeflate_zlib_compress(compressor.get(), filtered.data(), filtered.size(), zlib.data(), zlib.size());
    if (zlibSize == 0) {
        result.error = QStringLiteral("the PNG encoder failed to compress the pixels");
        return result;
    }
    filtered = {};

    static constexpr uchar kSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static constexpr size_t kIdatChunk = size_t(1) << 20; // readers stream 1 MiB chunks happily
    std::vector<uchar> &png = result.bytes;
    png.reserve(zlibSize + zlibSize / kIdatChunk * 12 + 64);
    png.insert(png.end(), std::begin(kSignature), std::end(kSignature));
    std::vector<uchar> header;
    putBigEndian32(header, uint32_t(image.cols));
    putBigEndian32(header, uint32_t(image.rows));
    static constexpr std::array<uchar, 5> kColourType = {0, 0, 0, 2, 6}; // by channel count
    header.push_back(uchar(bytesPerSample * 8));
    header.push_back(kColourType[size_t(channels)]);
    header.push_back(0); // deflate
    header.push_back(0); // adaptive filtering
    header.push_back(0); // not interlaced
    putChunk(png, "IHDR", header.data(), header.size());
    for (size_t at = 0; at < zlibSize; at += kIdatChunk)
        putChunk(png, "IDAT", zlib.data() + at, std::min(kIdatChunk, zlibSize - at));
    putChunk(png, "IEND", nullptr, 0);
    return result;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/pngencoder.h"

#include "engine/export/pngchunks.h"
#include "engine/export/pngrows.h"
#include "engine/image/bigendian.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>

namespace pixelmill {

namespace {

enum RowFilter : uint8_t { None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4 };

// What the file stores of the image. Lossless reductions, as ImageMagick
// makes them: grey pixels (B = G = R everywhere) are stored as grey, an alpha
// that is opaque everywhere is left out. A grey+alpha PNG, which decodes to
// BGRA, so comes back as grey+alpha instead of at twice the size.
struct PngLayout
{
    bool grey = false;
    bool alpha = false;
    int samples() const { return (grey ? 1 : 3) + (alpha ? 1 : 0); }
    uchar colourType() const { return grey ? (alpha ? 4 : 0) : (alpha ? 6 : 2); }
};

template <typename T>
PngLayout layoutOf(const cv::Mat &image)
{
    const int channels = image.channels();
    PngLayout layout{true, channels == 4};
    if (channels == 1)
        return layout;
    bool opaque = channels == 4;
    for (int y = 0; y < image.rows && (layout.grey || opaque); ++y) {
        const T *p = image.ptr<T>(y);
        for (int x = 0; x < image.cols; ++x, p += channels) {
            layout.grey = layout.grey && p[0] == p[1] && p[1] == p[2];
            opaque = opaque && p[channels - 1] == std::numeric_limits<T>::max();
        }
    }
    layout.alpha = channels == 4 && !opaque;
    return layout;
}

template <typename T>
void putSample(uchar *&dst, T v)
{
    if constexpr (sizeof(T) == 1) {
        *dst++ = v;
    } else {
        *dst++ = uchar(v >> 8); // PNG samples are big-endian
        *dst++ = uchar(v);
    }
}

// One row as PNG stores it in `layout`: grey or RGB order, then alpha.
template <typename T>
void toPngSamples(const cv::Mat &image, int y, PngLayout layout, uchar *dst)
{
    const int channels = image.channels();
    const T *src = image.ptr<T>(y);
    if (sizeof(T) == 1 && channels == 1) {
        std::copy_n(reinterpret_cast<const uchar *>(src), size_t(image.cols), dst);
        return;
    }
    // One loop per layout: the colour one is the hot path of photo batches.
    if (!layout.grey && !layout.alpha) {
        for (int x = 0; x < image.cols; ++x, src += channels) {
            putSample(dst, src[2]);
            putSample(dst, src[1]);
            putSample(dst, src[0]);
        }
    } else if (!layout.grey) {
        for (int x = 0; x < image.cols; ++x, src += channels) {
            putSample(dst, src[2]);
            putSample(dst, src[1]);
            putSample(dst, src[0]);
            putSample(dst, src[3]);
        }
    } else {
        for (int x = 0; x < image.cols; ++x, src += channels) {
            putSample(dst, src[0]);
            if (layout.alpha)
                putSample(dst, src[3]);
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
    const bool deep = image.depth() == CV_16U;
    const PngLayout layout = deep ? layoutOf<uint16_t>(image) : layoutOf<uchar>(image);
    const size_t bytesPerSample = deep ? 2 : 1;
    const size_t bpp = bytesPerSample * size_t(layout.samples());
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
        if (deep)
            toPngSamples<uint16_t>(image, int(y), layout, current.data());
        else
            toPngSamples<uchar>(image, int(y), layout, current.data());
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
    appendBigEndian32(header, uint32_t(image.cols));
    appendBigEndian32(header, uint32_t(image.rows));
    header.push_back(uchar(bytesPerSample * 8));
    header.push_back(layout.colourType());
    header.push_back(0); // deflate
    header.push_back(0); // adaptive filtering
    header.push_back(0); // not interlaced
    putPngChunk(png, "IHDR", header.data(), header.size());
    for (size_t at = 0; at < zlibSize; at += kIdatChunk)
        putPngChunk(png, "IDAT", zlib.data() + at, std::min(kIdatChunk, zlibSize - at));
    putPngChunk(png, "IEND", nullptr, 0);
    return result;
}

} // namespace pixelmill

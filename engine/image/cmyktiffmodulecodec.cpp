// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/cmyktiffmodulecodec.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <tiffio.h>

namespace pixelmill {

namespace {

// libtiff reads the file's bytes in memory through these callbacks.
struct MemoryFile
{
    const uchar *data;
    toff_t size;
    toff_t at;
    std::string firstError;
};

tmsize_t readBytes(thandle_t handle, void *into, tmsize_t count)
{
    auto *f = static_cast<MemoryFile *>(handle);
    const toff_t n
        = std::min<toff_t>(toff_t(std::max<tmsize_t>(count, 0)), f->at < f->size ? f->size - f->at : 0);
    if (n == 0)
        return 0; // at or past the end: no pointer into the bytes to form
    std::memcpy(into, f->data + f->at, size_t(n));
    f->at += n;
    return tmsize_t(n);
}

tmsize_t refuseWrite(thandle_t, void *, tmsize_t)
{
    return 0;
}

toff_t seekTo(thandle_t handle, toff_t offset, int whence)
{
    auto *f = static_cast<MemoryFile *>(handle);
    const toff_t base = whence == SEEK_CUR ? f->at : whence == SEEK_END ? f->size : 0;
    f->at = base + offset; // reads past the end return nothing
    return f->at;
}

int closeNothing(thandle_t)
{
    return 0;
}

toff_t sizeOf(thandle_t handle)
{
    return static_cast<MemoryFile *>(handle)->size;
}

int keepFirstError(TIFF *, void *handle, const char *module, const char *format, va_list args)
{
    auto *f = static_cast<MemoryFile *>(handle);
    if (f->firstError.empty()) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        f->firstError = module ? std::string(module) + ": " + text : std::string(text);
    }
    return 1; // handled: nothing on the console
}

int ignoreWarning(TIFF *, void *, const char *, const char *, va_list)
{
    return 1;
}

struct TiffCloser
{
    void operator()(TIFF *tif) const { TIFFClose(tif); }
};

// One decoded strip or tile (`rows` × `columns` pixels of `pixelBytes` each,
// `strideBytes` a row) copied into the whole page, `firstByte` into each of
// its pixels.
void place(const uchar *from, size_t strideBytes, uint32_t rows, uint32_t columns, size_t pixelBytes,
    cv::Mat &page, uint32_t top, uint32_t left, size_t firstByte)
{
    const size_t pagePixelBytes = page.elemSize();
    for (uint32_t y = 0; y < rows && top + y < uint32_t(page.rows); ++y) {
        const uchar *in = from + size_t(y) * strideBytes;
        uchar *out = page.ptr(int(top + y)) + size_t(left) * pagePixelBytes + firstByte;
        const uint32_t width = std::min<uint32_t>(columns, uint32_t(page.cols) - left);
        for (uint32_t x = 0; x < width; ++x)
            std::memcpy(out + size_t(x) * pagePixelBytes, in + size_t(x) * pixelBytes, pixelBytes);
    }
}

bool readPage(TIFF *tif, cv::Mat &page, bool planar, std::string &error)
{
    const size_t sampleBytes = page.elemSize1();
    const int samples = page.channels();
    const int planes = planar ? samples : 1;
    const size_t pixelBytes = sampleBytes * size_t(planar ? 1 : samples);
    std::vector<uchar> buffer;
    const auto failed = [&](const char *what) {
        error = what;
        return false;
    };
    if (TIFFIsTiled(tif)) {
        uint32_t tileWidth = 0;
        uint32_t tileHeight = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tileWidth);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &tileHeight);
        const tmsize_t tileBytes = TIFFTileSize(tif);
        if (tileWidth == 0 || tileHeight == 0
            || tileBytes < tmsize_t(size_t(tileWidth) * tileHeight * pixelBytes))
            return failed("its tile size is invalid");
        buffer.resize(size_t(tileBytes));
        for (int plane = 0; plane < planes; ++plane)
            for (uint32_t top = 0; top < uint32_t(page.rows); top += tileHeight)
                for (uint32_t left = 0; left < uint32_t(page.cols); left += tileWidth) {
                    if (TIFFReadTile(tif, buffer.data(), left, top, 0, uint16_t(plane)) < tileBytes)
                        return failed("a tile is damaged or missing");
                    place(buffer.data(), size_t(tileWidth) * pixelBytes, tileHeight, tileWidth, pixelBytes,
                        page, top, left, size_t(plane) * sampleBytes);
                }
        return true;
    }
    uint32_t rowsPerStrip = 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
    rowsPerStrip = std::clamp<uint32_t>(rowsPerStrip, 1, uint32_t(page.rows));
    const size_t rowBytes = size_t(page.cols) * pixelBytes;
    buffer.resize(rowBytes * rowsPerStrip);
    const uint32_t stripsPerPlane = (uint32_t(page.rows) + rowsPerStrip - 1) / rowsPerStrip;
    for (int plane = 0; plane < planes; ++plane)
        for (uint32_t strip = 0; strip < stripsPerPlane; ++strip) {
            const uint32_t top = strip * rowsPerStrip;
            const uint32_t rows = std::min(rowsPerStrip, uint32_t(page.rows) - top);
            const tmsize_t want = tmsize_t(rowBytes * rows);
            if (TIFFReadEncodedStrip(tif, uint32_t(plane) * stripsPerPlane + strip, buffer.data(), want)
                < want)
                return failed("a strip is damaged or missing");
            place(buffer.data(), rowBytes, rows, uint32_t(page.cols), pixelBytes, page, top, 0,
                size_t(plane) * sampleBytes);
        }
    return true;
}

// C, M, Y, K and, when the first extra sample is alpha, that alpha: other
// extra samples (spot colours, masks) are left out.
cv::Mat inksOf(const cv::Mat &page, bool alpha)
{
    if (page.channels() == (alpha ? 5 : 4))
        return page;
    cv::Mat inks(page.size(), CV_MAKETYPE(page.depth(), alpha ? 5 : 4));
    const int pairs[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
    cv::mixChannels(&page, 1, &inks, 1, pairs, size_t(inks.channels()));
    return inks;
}

} // namespace

cv::Mat cmykTiffInks(const cv::Mat &raw, std::vector<uchar> &icc, std::string &error)
{
    MemoryFile file {raw.ptr<uchar>(), toff_t(raw.total() * raw.elemSize()), 0, {}};
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, &keepFirstError, &file);
    TIFFOpenOptionsSetWarningHandlerExtR(options, &ignoreWarning, nullptr);
    const std::unique_ptr<TIFF, TiffCloser> tif(TIFFClientOpenExt("image", "rm", &file, &readBytes,
        &refuseWrite, &seekTo, &closeNothing, &sizeOf, nullptr, nullptr, options));
    TIFFOpenOptionsFree(options);
    const auto fail = [&](const std::string &why) {
        error = file.firstError.empty() ? why : why + " (" + file.firstError + ")";
        return cv::Mat();
    };
    if (!tif)
        return fail("it is not a TIFF libtiff can open");
    uint32_t width = 0;
    uint32_t height = 0;
    uint16_t bits = 0;
    uint16_t samples = 0;
    uint16_t photometric = 0;
    uint16_t inkSet = INKSET_CMYK;
    uint16_t sampleFormat = SAMPLEFORMAT_UINT;
    uint16_t planarConfig = PLANARCONFIG_CONTIG;
    uint16_t extraCount = 0;
    uint16_t *extraKinds = nullptr;
    TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetField(tif.get(), TIFFTAG_PHOTOMETRIC, &photometric);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_INKSET, &inkSet);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLEFORMAT, &sampleFormat);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_PLANARCONFIG, &planarConfig);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_EXTRASAMPLES, &extraCount, &extraKinds);
    if (photometric != PHOTOMETRIC_SEPARATED || inkSet != INKSET_CMYK || samples < 4)
        return fail("its first page is not CMYK");
    if ((bits != 8 && bits != 16) || sampleFormat != SAMPLEFORMAT_UINT)
        return fail("its inks are not 8- or 16-bit integers");
    if (samples > CV_CN_MAX)
        return fail("it has too many samples per pixel");
    if (width == 0 || height == 0 || width > (1u << 20) || height > (1u << 20))
        return fail("its size is invalid");
    cv::Mat page(int(height), int(width), CV_MAKETYPE(bits == 16 ? CV_16U : CV_8U, samples));
    if (!readPage(tif.get(), page, planarConfig == PLANARCONFIG_SEPARATE, error))
        return fail(error);
    const bool alpha = samples >= 5 && extraCount >= 1 && extraKinds
        && (extraKinds[0] == EXTRASAMPLE_ASSOCALPHA || extraKinds[0] == EXTRASAMPLE_UNASSALPHA);
    uint32_t iccBytes = 0;
    const void *iccData = nullptr;
    if (TIFFGetField(tif.get(), TIFFTAG_ICCPROFILE, &iccBytes, &iccData) && iccData)
        icc.assign(static_cast<const uchar *>(iccData), static_cast<const uchar *>(iccData) + iccBytes);
    return inksOf(page, alpha);
}

} // namespace pixelmill

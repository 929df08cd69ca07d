// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/tiffmemoryreader.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

namespace pixelmill {

namespace {

using Bytes = TiffMemoryReader::Bytes;

tmsize_t readBytes(thandle_t handle, void *into, tmsize_t count)
{
    auto *f = static_cast<Bytes *>(handle);
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
    auto *f = static_cast<Bytes *>(handle);
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
    return static_cast<Bytes *>(handle)->size;
}

// The bytes are in memory already: libtiff takes them as a mapped file and
// decodes compressed strips from there instead of copying each one first.
int mapBytes(thandle_t handle, void **base, toff_t *size)
{
    auto *f = static_cast<Bytes *>(handle);
    *base = const_cast<uchar *>(f->data); // libtiff only reads a file opened "r"
    *size = f->size;
    return 1;
}

void unmapNothing(thandle_t, void *, toff_t)
{ }

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
        if (pixelBytes == pagePixelBytes) {
            std::memcpy(out, in, size_t(width) * pixelBytes);
            continue;
        }
        for (uint32_t x = 0; x < width; ++x)
            std::memcpy(out + size_t(x) * pagePixelBytes, in + size_t(x) * pixelBytes, pixelBytes);
    }
}

} // namespace

int keepFirstTiffError(TIFF *, void *firstError, const char *module, const char *format, va_list args)
{
    auto *kept = static_cast<std::string *>(firstError);
    if (kept->empty()) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        *kept = module ? std::string(module) + ": " + text : std::string(text);
    }
    return 1; // handled: nothing on the console
}

int ignoreTiffWarning(TIFF *, void *, const char *, const char *, va_list)
{
    return 1;
}

TiffMemoryReader::TiffMemoryReader(const cv::Mat &raw)
    : m_bytes {raw.ptr<uchar>(), toff_t(raw.total() * raw.elemSize()), 0, {}}
{
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, &keepFirstTiffError, &m_bytes.firstError);
    TIFFOpenOptionsSetWarningHandlerExtR(options, &ignoreTiffWarning, nullptr);
    // libtiff sizes its own buffers (a tile, a strip) from the header; bound what a hostile one can ask.
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t(1) << 31);
    m_tiff = TIFFClientOpenExt("image", "r", &m_bytes, &readBytes, &refuseWrite, &seekTo, &closeNothing,
        &sizeOf, &mapBytes, &unmapNothing, options);
    TIFFOpenOptionsFree(options);
}

TiffMemoryReader::~TiffMemoryReader()
{
    if (m_tiff)
        TIFFClose(m_tiff);
}

TiffPageLayout TiffMemoryReader::pageLayout() const
{
    TIFF *tif = m_tiff;
    TiffPageLayout page;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &page.width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &page.height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &page.bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &page.samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &page.sampleFormat);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &page.planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &page.orientation);
    if (page.orientation < ORIENTATION_TOPLEFT || page.orientation > ORIENTATION_LEFTBOT)
        page.orientation = ORIENTATION_TOPLEFT;
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &page.photometric))
        page.photometric = page.samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK; // as libtiff guesses
    TIFFGetFieldDefaulted(tif, TIFFTAG_INKSET, &page.inkSet);
    const bool oneColour = page.greyLevels() || page.photometric == PHOTOMETRIC_PALETTE;
    page.colours = oneColour ? 1 : page.photometric == PHOTOMETRIC_SEPARATED ? 4 : 3;
    uint16_t extraCount = 0;
    uint16_t *extraKinds = nullptr;
    const bool tagged = TIFFGetField(tif, TIFFTAG_EXTRASAMPLES, &extraCount, &extraKinds);
    if (tagged && extraCount >= 1 && extraKinds) {
        page.alpha = extraKinds[0] == EXTRASAMPLE_ASSOCALPHA || extraKinds[0] == EXTRASAMPLE_UNASSALPHA;
        page.associated = extraKinds[0] == EXTRASAMPLE_ASSOCALPHA;
    } else if (!tagged) {
        page.alpha = page.samples == page.colours + 1; // writers that leave the tag out mean alpha
    }
    page.alpha = page.alpha && page.samples > page.colours;
    return page;
}

std::string TiffPageLayout::unreadableShape() const
{
    constexpr int kMostSamples = 8;
    if (width == 0 || height == 0 || width > (1u << 20) || height > (1u << 20))
        return "its size is invalid";
    if (samples == 0 || samples > kMostSamples)
        return "it has " + std::to_string(samples) + " samples per pixel; Pixelmill reads 1 to "
            + std::to_string(kMostSamples);
    return {};
}

std::string TiffMemoryReader::explained(const std::string &why) const
{
    return m_bytes.firstError.empty() ? why : why + " (" + m_bytes.firstError + ")";
}

bool TiffMemoryReader::readSamples(cv::Mat &page, bool planar, std::string &error,
    const std::function<void(cv::Mat rows)> &rowsDone, Damage *damage) const
{
    TIFF *tif = m_tiff;
    const size_t sampleBytes = page.elemSize1();
    const int samples = page.channels();
    const int planes = planar ? samples : 1;
    const size_t pixelBytes = sampleBytes * size_t(planar ? 1 : samples);
    std::vector<uchar> buffer;
    const auto failed = [&](const char *what) {
        error = what;
        return false;
    };
    const auto done = [&](uint32_t top, uint32_t rows) {
        if (rowsDone && !planar)
            rowsDone(page.rowRange(int(top), int(std::min(top + rows, uint32_t(page.rows)))));
    };
    // A block that cannot be read: the whole read fails, or (with `damage`) it
    // is zeroed (libtiff may have half-filled it) and counted.
    const auto unreadable = [&](uchar *bytes, size_t count, const char *what) {
        if (!damage)
            return failed(what);
        std::fill_n(bytes, count, uchar(0));
        ++damage->unreadable;
        return true;
    };
    const auto pageDone = [&] {
        if (damage && damage->blocks > 0 && damage->unreadable == damage->blocks)
            return failed("no strip or tile of it could be read");
        if (rowsDone && planar)
            rowsDone(page);
        return true;
    };
    if (TIFFIsTiled(tif)) {
        uint32_t tileWidth = 0;
        uint32_t tileHeight = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tileWidth);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &tileHeight);
        const tmsize_t tileBytes = TIFFTileSize(tif);
        // A tile may overhang a small page, but a 230-byte file declaring tiles of 65520 × 65520
        // pixels must not cost 12 GB.
        const uint64_t mostTilePixels = std::max<uint64_t>(uint64_t(page.total()) * 4, uint64_t(4096) * 4096);
        if (tileWidth == 0 || tileHeight == 0 || uint64_t(tileWidth) * tileHeight > mostTilePixels
            || tileBytes < tmsize_t(size_t(tileWidth) * tileHeight * pixelBytes))
            return failed("its tile size is invalid");
        buffer.resize(size_t(tileBytes));
        if (damage)
            damage->blocks = int(TIFFNumberOfTiles(tif));
        for (int plane = 0; plane < planes; ++plane)
            for (uint32_t top = 0; top < uint32_t(page.rows); top += tileHeight) {
                for (uint32_t left = 0; left < uint32_t(page.cols); left += tileWidth) {
                    if (TIFFReadTile(tif, buffer.data(), left, top, 0, uint16_t(plane)) < tileBytes
                        && !unreadable(buffer.data(), buffer.size(), "a tile is damaged or missing"))
                        return false;
                    place(buffer.data(), size_t(tileWidth) * pixelBytes, tileHeight, tileWidth, pixelBytes,
                        page, top, left, size_t(plane) * sampleBytes);
                }
                done(top, tileHeight);
            }
        return pageDone();
    }
    uint32_t rowsPerStrip = 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
    rowsPerStrip = std::clamp<uint32_t>(rowsPerStrip, 1, uint32_t(page.rows));
    const size_t rowBytes = size_t(page.cols) * pixelBytes;
    // Interleaved strips are decoded straight into the page: no copy of what can be gigabytes.
    const bool direct = !planar && page.isContinuous();
    if (!direct)
        buffer.resize(rowBytes * rowsPerStrip);
    const uint32_t stripsPerPlane = (uint32_t(page.rows) + rowsPerStrip - 1) / rowsPerStrip;
    if (damage)
        damage->blocks = int(stripsPerPlane) * planes;
    for (int plane = 0; plane < planes; ++plane)
        for (uint32_t strip = 0; strip < stripsPerPlane; ++strip) {
            const uint32_t top = strip * rowsPerStrip;
            const uint32_t rows = std::min(rowsPerStrip, uint32_t(page.rows) - top);
            const tmsize_t want = tmsize_t(rowBytes * rows);
            uchar *into = direct ? page.ptr(int(top)) : buffer.data();
            if (TIFFReadEncodedStrip(tif, uint32_t(plane) * stripsPerPlane + strip, into, want) < want
                && !unreadable(into, size_t(want), "a strip is damaged or missing"))
                return false;
            if (!direct)
                place(buffer.data(), rowBytes, rows, uint32_t(page.cols), pixelBytes, page, top, 0,
                    size_t(plane) * sampleBytes);
            done(top, rows);
        }
    return pageDone();
}

} // namespace pixelmill

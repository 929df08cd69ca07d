// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/tiffencoder.h"

#include "engine/image/tiffmemoryreader.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <tiffio.h>

namespace pixelmill {

namespace {

// libtiff writes into a growing vector through these callbacks.
struct GrowingBytes
{
    std::vector<uchar> *bytes;
    toff_t at;
    std::string firstError;
};

tmsize_t readBack(thandle_t handle, void *into, tmsize_t count)
{
    auto *f = static_cast<GrowingBytes *>(handle);
    const toff_t size = f->bytes->size();
    const toff_t n = std::min<toff_t>(toff_t(std::max<tmsize_t>(count, 0)), f->at < size ? size - f->at : 0);
    if (n == 0)
        return 0;
    std::memcpy(into, f->bytes->data() + f->at, size_t(n));
    f->at += n;
    return tmsize_t(n);
}

tmsize_t writeOn(thandle_t handle, void *from, tmsize_t count)
{
    auto *f = static_cast<GrowingBytes *>(handle);
    if (count <= 0)
        return 0;
    if (f->at + toff_t(count) > f->bytes->size())
        f->bytes->resize(size_t(f->at + toff_t(count)));
    std::memcpy(f->bytes->data() + f->at, from, size_t(count));
    f->at += toff_t(count);
    return count;
}

toff_t seekTo(thandle_t handle, toff_t offset, int whence)
{
    auto *f = static_cast<GrowingBytes *>(handle);
    const toff_t base = whence == SEEK_CUR ? f->at : whence == SEEK_END ? f->bytes->size() : 0;
    f->at = base + offset;
    return f->at;
}

int closeNothing(thandle_t)
{
    return 0;
}

toff_t sizeOf(thandle_t handle)
{
    return static_cast<GrowingBytes *>(handle)->bytes->size();
}

} // namespace

bool tiffEncode(const cv::Mat &image, int compression, std::vector<uchar> &bytes, std::string &error)
{
    const int channels = image.channels();
    if ((image.depth() != CV_8U && image.depth() != CV_16U)
        || (channels != 1 && channels != 3 && channels != 4) || image.empty()) {
        error = "TIFF output takes 8- or 16-bit grey, BGR or BGRA pixels";
        return false;
    }
    bytes.clear();
    GrowingBytes out {&bytes, 0, {}};
    const size_t rowBytes = size_t(image.cols) * image.elemSize();
    const bool big = double(rowBytes) * image.rows > 3.9e9; // classic TIFF offsets are 32-bit
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, &keepFirstTiffError, &out.firstError);
    TIFFOpenOptionsSetWarningHandlerExtR(options, &ignoreTiffWarning, nullptr);
    TIFF *tif = TIFFClientOpenExt("output", big ? "w8" : "w", &out, &readBack, &writeOn, &seekTo,
        &closeNothing, &sizeOf, nullptr, nullptr, options);
    TIFFOpenOptionsFree(options);
    const auto fail = [&](const char *why) {
        error = out.firstError.empty() ? std::string(why) : std::string(why) + " (" + out.firstError + ")";
        bytes.clear();
        return false;
    };
    if (!tif)
        return fail("libtiff could not start the file");
    const uint32_t rowsPerStrip
        = uint32_t(std::clamp<size_t>((64 << 10) / std::max<size_t>(rowBytes, 1), 1, size_t(image.rows)));
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, uint32_t(image.cols));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, uint32_t(image.rows));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, uint16_t(image.elemSize1() * 8));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, uint16_t(channels));
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, channels == 1 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_RGB);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rowsPerStrip);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, uint16_t(compression));
    if (compression == COMPRESSION_LZW || compression == COMPRESSION_ADOBE_DEFLATE)
        TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
    if (channels == 4) {
        const uint16_t kinds[] = {EXTRASAMPLE_UNASSALPHA};
        TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, uint16_t(1), kinds);
    }
    cv::Mat strip;
    bool ok = true;
    for (int top = 0, index = 0; ok && top < image.rows; top += int(rowsPerStrip), ++index) {
        const cv::Mat rows = image.rowRange(top, std::min(image.rows, top + int(rowsPerStrip)));
        if (channels == 1)
            rows.copyTo(strip); // libtiff's predictor works in place on what it is given
        else
            cv::cvtColor(rows, strip, channels == 4 ? cv::COLOR_BGRA2RGBA : cv::COLOR_BGR2RGB);
        ok = TIFFWriteEncodedStrip(
                 tif, uint32_t(index), strip.data, tmsize_t(strip.total() * strip.elemSize()))
            >= 0;
    }
    ok = ok && TIFFFlush(tif); // the directory, written once
    TIFFClose(tif);
    return ok ? true : fail("libtiff could not write the file");
}

} // namespace pixelmill

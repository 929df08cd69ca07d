// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/tiffwriter.h"

#include "tests/common/testutils.h"

#include <algorithm>
#include <cstring>

namespace pixelmill::test {

namespace {

// Sample `s` of pixel (x, y) as `bits` bits: the high bits of a wider
// integer sample from 8 bits on; below, the value itself (a level, an index).
uint64_t sampleBits(const cv::Mat &image, int y, int x, int s, int bits)
{
    const uchar *at = image.ptr(y) + (size_t(x) * image.channels() + size_t(s)) * image.elemSize1();
    uint64_t v = 0;
    std::memcpy(&v, at, image.elemSize1()); // little-endian, as TIFF's "II" files libtiff writes here
    const int stored = int(image.elemSize1()) * 8;
    const bool integer = image.depth() != CV_32F && image.depth() != CV_64F && image.depth() != CV_16F;
    return integer && bits >= 8 && bits < stored ? v >> (stored - bits) : v;
}

} // namespace

QByteArray writeTiff(const cv::Mat &samples, const TiffLayout &layout, const QString &path)
{
    TIFF *tif = TIFFOpen(path.toLocal8Bit().constData(), "w");
    if (!tif)
        return {};
    const int count = samples.channels();
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, uint32_t(samples.cols));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, uint32_t(samples.rows));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, layout.bits);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, uint16_t(count));
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, layout.sampleFormat);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, layout.photometric);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, layout.compression);
    if (layout.predictor)
        TIFFSetField(tif, TIFFTAG_PREDICTOR, layout.predictor);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, layout.planar ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG);
    if (layout.inkSet)
        TIFFSetField(tif, TIFFTAG_INKSET, layout.inkSet);
    if (layout.orientation)
        TIFFSetField(tif, TIFFTAG_ORIENTATION, layout.orientation);
    if (!layout.icc.isEmpty())
        TIFFSetField(tif, TIFFTAG_ICCPROFILE, uint32_t(layout.icc.size()), layout.icc.constData());
    if (!layout.extraSamples.empty())
        TIFFSetField(
            tif, TIFFTAG_EXTRASAMPLES, uint16_t(layout.extraSamples.size()), layout.extraSamples.data());
    if (!layout.colormap.empty()) {
        const size_t entries = layout.colormap.size() / 3;
        TIFFSetField(tif, TIFFTAG_COLORMAP, layout.colormap.data(), layout.colormap.data() + entries,
            layout.colormap.data() + 2 * entries);
    }
    const int planes = layout.planar ? count : 1;
    const int planeSamples = layout.planar ? 1 : count;
    // One plane's block of rows × columns from (top, left), each row packed to whole bytes.
    const auto block = [&](int plane, int top, int left, int rows, int columns) {
        const size_t rowBytes = (size_t(columns) * planeSamples * layout.bits + 7) / 8;
        std::vector<uchar> out(rowBytes * size_t(rows), 0);
        for (int y = 0; y < rows && top + y < samples.rows; ++y) {
            uchar *row = out.data() + size_t(y) * rowBytes;
            for (int x = 0; x < columns && left + x < samples.cols; ++x)
                for (int s = 0; s < planeSamples; ++s) {
                    const uint64_t v = sampleBits(samples, top + y, left + x, plane + s, layout.bits);
                    const size_t bit = (size_t(x) * planeSamples + size_t(s)) * layout.bits;
                    if (layout.bits >= 8)
                        std::memcpy(row + bit / 8, &v, layout.bits / 8);
                    else // most significant bits first
                        row[bit / 8] |= uchar(v << (8 - layout.bits - bit % 8));
                }
        }
        return out;
    };
    bool ok = true;
    if (layout.tile) {
        TIFFSetField(tif, TIFFTAG_TILEWIDTH, layout.tile);
        TIFFSetField(tif, TIFFTAG_TILELENGTH, layout.tile);
        for (int plane = 0; plane < planes; ++plane)
            for (int top = 0; top < samples.rows; top += int(layout.tile))
                for (int left = 0; left < samples.cols; left += int(layout.tile)) {
                    std::vector<uchar> tile = block(plane, top, left, int(layout.tile), int(layout.tile));
                    ok = ok
                        && TIFFWriteTile(tif, tile.data(), uint32_t(left), uint32_t(top), 0, uint16_t(plane))
                            > 0;
                }
    } else {
        const uint32_t rows = layout.rowsPerStrip ? layout.rowsPerStrip : TIFFDefaultStripSize(tif, 0);
        TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows);
        const auto strips = uint32_t((uint64_t(samples.rows) + rows - 1) / rows);
        for (int plane = 0; plane < planes; ++plane)
            for (uint32_t strip = 0; strip < strips; ++strip) {
                const int top = int(strip * rows);
                const int height = int(std::min<uint64_t>(rows, uint64_t(samples.rows - top)));
                std::vector<uchar> data = block(plane, top, 0, height, samples.cols);
                ok = ok
                    && TIFFWriteEncodedStrip(
                           tif, uint32_t(plane) * strips + strip, data.data(), tmsize_t(data.size()))
                        >= 0;
            }
    }
    TIFFClose(tif);
    return ok ? readFile(path) : QByteArray();
}

} // namespace pixelmill::test

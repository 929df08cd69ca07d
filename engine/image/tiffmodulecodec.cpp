// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/tiffmodulecodec.h"

#include "engine/image/tiffmemoryreader.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <tiffio.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace pixelmill {

namespace {

// The OpenCV depth that holds one stored sample, or -1 when the page is not
// read sample by sample.
int storedDepth(const TiffPageLayout &page)
{
    const bool grey = page.greyLevels();
    if (!grey && page.photometric != PHOTOMETRIC_RGB)
        return -1;
    switch (page.sampleFormat) {
    case SAMPLEFORMAT_UINT:
        return page.bits == 8 ? CV_8U : page.bits == 16 ? CV_16U : page.bits == 32 ? CV_32S : -1;
    case SAMPLEFORMAT_INT:
        return page.bits == 8 ? CV_8S : page.bits == 16 ? CV_16S : page.bits == 32 ? CV_32S : -1;
    case SAMPLEFORMAT_IEEEFP:
        return page.bits == 16 ? CV_16F : page.bits == 32 ? CV_32F : page.bits == 64 ? CV_64F : -1;
    default:
        return -1;
    }
}

// Stored samples to the pipeline's depths: unsigned 8/16-bit, or float.
cv::Mat unsignedOrFloat(const cv::Mat &plane, const TiffPageLayout &page)
{
    cv::Mat out;
    switch (plane.depth()) {
    case CV_8S:
        plane.convertTo(out, CV_8U, 1.0, 128.0);
        return out;
    case CV_16S:
        plane.convertTo(out, CV_16U, 1.0, 32768.0);
        return out;
    case CV_32S: {
        // OpenCV has no unsigned 32-bit type: the high 16 bits, by hand.
        out.create(plane.size(), CV_MAKETYPE(CV_16U, plane.channels()));
        const bool isSigned = page.sampleFormat == SAMPLEFORMAT_INT;
        for (int y = 0; y < plane.rows; ++y) {
            const auto *in = plane.ptr<uint32_t>(y);
            auto *to = out.ptr<uint16_t>(y);
            for (size_t i = 0; i < size_t(plane.cols) * size_t(plane.channels()); ++i)
                to[i] = uint16_t((isSigned ? in[i] ^ 0x80000000u : in[i]) >> 16);
        }
        return out;
    }
    default:
        return plane;
    }
}

void invert(cv::Mat &plane)
{
    if (plane.depth() == CV_32F || plane.depth() == CV_64F)
        cv::subtract(cv::Scalar::all(1.0), plane, plane);
    else
        cv::bitwise_not(plane, plane);
}

// Premultiplied colours divided by their alpha, in place (0 where alpha is 0).
void unpremultiply(cv::Mat &colours, const cv::Mat &alpha)
{
    const double opaque = colours.depth() == CV_8U ? 255.0 : colours.depth() == CV_16U ? 65535.0 : 1.0;
    std::vector<cv::Mat> planes;
    cv::split(colours, planes);
    for (cv::Mat &plane : planes) {
        cv::divide(plane, alpha, plane, opaque);
        if (plane.depth() == CV_32F || plane.depth() == CV_64F)
            plane.setTo(0, alpha == 0); // integer division gives 0 there; float division infinity
    }
    cv::merge(planes, colours);
}

// Grey or BGR, then alpha if any, from the colour and alpha planes (RGB order).
cv::Mat pipelineLayout(const cv::Mat &colours, const cv::Mat &alpha)
{
    const int channels = colours.channels() + (alpha.empty() ? 0 : 1);
    cv::Mat out(colours.size(), CV_MAKETYPE(colours.depth(), channels));
    const cv::Mat sources[] = {colours, alpha.empty() ? colours : alpha};
    const int rgb[] = {0, 2, 1, 1, 2, 0, 3, 3};
    const int grey[] = {0, 0, 1, 1};
    const int *pairs = colours.channels() == 3 ? rgb : grey;
    cv::mixChannels(sources, 2, &out, 1, pairs, size_t(channels));
    return out;
}

cv::Mat sampleBySample(const TiffMemoryReader &reader, const TiffPageLayout &page, int depth,
    TiffMemoryReader::Damage &damage, std::string &error)
{
    cv::Mat stored(int(page.height), int(page.width), CV_MAKETYPE(depth, page.samples));
    const bool planar = page.planar == PLANARCONFIG_SEPARATE;
    const bool asStored = (depth == CV_8U || depth == CV_16U) && page.photometric != PHOTOMETRIC_MINISWHITE
        && !page.associated && page.samples == page.colours + (page.alpha ? 1 : 0);
    if (asStored) { // the common pages need no copy (a page can take gigabytes): RGB turns BGR in place
        std::function<void(cv::Mat)> toBgr;
        if (page.colours == 3)
            toBgr = [&page](cv::Mat rows) {
                cv::cvtColor(rows, rows, page.alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
            };
        return reader.readSamples(stored, planar, error, toBgr, &damage) ? stored : cv::Mat();
    }
    if (!reader.readSamples(stored, planar, error, {}, &damage))
        return {};
    if (depth == CV_16F) { // OpenCV 4.6's mixChannels crashes on half floats
        stored.convertTo(stored, CV_32F);
        depth = CV_32F;
    }
    cv::Mat colours(stored.size(), CV_MAKETYPE(depth, page.colours));
    cv::Mat alpha;
    const int colourPairs[] = {0, 0, 1, 1, 2, 2};
    cv::mixChannels(&stored, 1, &colours, 1, colourPairs, size_t(page.colours));
    colours = unsignedOrFloat(colours, page);
    if (page.photometric == PHOTOMETRIC_MINISWHITE)
        invert(colours);
    if (page.alpha) {
        alpha.create(stored.size(), depth);
        const int alphaPair[] = {page.colours, 0};
        cv::mixChannels(&stored, 1, &alpha, 1, alphaPair, 1);
        alpha = unsignedOrFloat(alpha, page);
        if (page.associated)
            unpremultiply(colours, alpha);
    }
    return pipelineLayout(colours, alpha);
}

// What libtiff's RGBA interface reads at once: a strip, or a row of tiles.
struct RgbaBand
{
    uint32_t rows = 1;
    int blocks = 1; ///< strips or tiles in it
    bool tiled = false;
};

RgbaBand rgbaBand(TIFF *tif, const TiffPageLayout &page)
{
    uint32_t rows = 0;
    if (TIFFIsTiled(tif)) {
        uint32_t tileWidth = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tileWidth);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &rows);
        const int across = tileWidth > 0 ? int((page.width + tileWidth - 1) / tileWidth) : 1;
        return {std::clamp<uint32_t>(rows, 1, page.height), across, true};
    }
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rows);
    return {std::clamp<uint32_t>(rows, 1, page.height), 1, false};
}

// libtiff's RGBA interface: 8-bit R, G, B, A whatever the page holds, alpha
// premultiplied. Asked for the page's own orientation, it turns nothing. Read
// a band at a time: libtiff stops at the first strip or tile it cannot read
// (or, told to go on, repeats the one before in its place), and a cut scan
// should keep what it holds, as the other layouts do.
cv::Mat throughRgba(const TiffMemoryReader &reader, const TiffPageLayout &page,
    TiffMemoryReader::Damage &damage, std::string &error)
{
    char why[1024] = {};
    TIFFRGBAImage image;
    if (!TIFFRGBAImageOK(reader.tiff(), why) || !TIFFRGBAImageBegin(&image, reader.tiff(), 1, why)) {
        error = why;
        return {};
    }
    image.req_orientation = page.orientation;
    // Zeroed by calloc, which takes a large block fresh from the kernel without
    // touching it: a hostile header declaring 100 MP whose strips all fail
    // costs neither the time nor the memory of clearing them. libtiff writes
    // a strip only once it has read it whole, so a failed strip needs no
    // clearing; a failed row of tiles may have some of its tiles written.
    const std::unique_ptr<void, decltype(&std::free)> pixels(
        std::calloc(size_t(page.width) * page.height, sizeof(uint32_t)), &std::free);
    if (!pixels) {
        error = "out of memory";
        return {};
    }
    cv::Mat rgba(int(page.height), int(page.width), CV_8UC4, pixels.get());
    static_assert(sizeof(uint32_t) == 4);
    const RgbaBand band = rgbaBand(reader.tiff(), page);
    for (uint32_t top = 0; top < page.height; top += band.rows) {
        const uint32_t rows = std::min(band.rows, page.height - top);
        image.row_offset = int(top);
        image.col_offset = 0;
        damage.blocks += band.blocks;
        if (!TIFFRGBAImageGet(&image, rgba.ptr<uint32_t>(int(top)), page.width, rows)) {
            if (band.tiled)
                rgba.rowRange(int(top), int(top + rows)).setTo(0);
            damage.unreadable += band.blocks;
        }
    }
    TIFFRGBAImageEnd(&image);
    if (damage.unreadable == damage.blocks) {
        error = "the image data is damaged or missing";
        return {};
    }
    // Each pixel is one uint32 with red in its low byte: R, G, B, A in memory on little-endian machines.
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);
    const bool grey = page.greyLevels();
    cv::Mat colours(rgba.size(), grey ? CV_8UC1 : CV_8UC3);
    const int pairs[] = {0, 0, 1, 1, 2, 2};
    cv::mixChannels(&rgba, 1, &colours, 1, pairs, size_t(colours.channels()));
    cv::Mat alpha;
    if (page.alpha) {
        alpha.create(rgba.size(), CV_8UC1);
        cv::extractChannel(rgba, alpha, 3);
        unpremultiply(colours, alpha);
    }
    return pipelineLayout(colours, alpha);
}

} // namespace

cv::Mat tiffDecode(const cv::Mat &raw, std::string &warning, std::string &error)
{
    const TiffMemoryReader reader(raw);
    const auto fail = [&](const std::string &why) {
        error = reader.explained(why);
        return cv::Mat();
    };
    if (!reader.tiff())
        return fail("it is not a TIFF libtiff can open");
    const TiffPageLayout page = reader.pageLayout();
    if (const std::string why = page.unreadableShape(); !why.empty())
        return fail(why);
    uint16_t compression = COMPRESSION_NONE;
    TIFFGetFieldDefaulted(reader.tiff(), TIFFTAG_COMPRESSION, &compression);
    if (!TIFFIsCODECConfigured(compression)) {
        const TIFFCodec *codec = TIFFFindCODEC(compression);
        return fail("its compression (" + (codec ? std::string(codec->name) : std::to_string(compression))
            + ") is not one this libtiff reads");
    }
    const int depth = storedDepth(page);
    if (depth >= 0 && page.samples < page.colours)
        return fail("it has too few samples per pixel for its colours");
    std::string why;
    TiffMemoryReader::Damage damage;
    cv::Mat image = depth >= 0 ? sampleBySample(reader, page, depth, damage, why)
                               : throughRgba(reader, page, damage, why);
    if (image.empty())
        return fail(why);
    if (damage.unreadable > 0)
        warning = reader.explained("the TIFF is damaged or truncated: " + std::to_string(damage.unreadable)
            + " of its " + std::to_string(damage.blocks)
            + " strips or tiles could not be read, and that part of "
              "the picture is blank");
    return image;
}

} // namespace pixelmill

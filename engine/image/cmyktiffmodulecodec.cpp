// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/cmyktiffmodulecodec.h"

#include "engine/image/tiffmemoryreader.h"

#include <tiffio.h>

namespace pixelmill {

namespace {

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
    const TiffMemoryReader reader(raw);
    TIFF *tif = reader.tiff();
    const auto fail = [&](const std::string &why) {
        error = reader.explained(why);
        return cv::Mat();
    };
    if (!tif)
        return fail("it is not a TIFF libtiff can open");
    const TiffPageLayout page = reader.pageLayout();
    if (page.photometric != PHOTOMETRIC_SEPARATED || page.inkSet != INKSET_CMYK || page.samples < 4)
        return fail("its first page is not CMYK");
    if ((page.bits != 8 && page.bits != 16) || page.sampleFormat != SAMPLEFORMAT_UINT)
        return fail("its inks are not 8- or 16-bit integers");
    if (const std::string why = page.unreadableShape(); !why.empty())
        return fail(why);
    cv::Mat inks(
        int(page.height), int(page.width), CV_MAKETYPE(page.bits == 16 ? CV_16U : CV_8U, page.samples));
    if (std::string why; !reader.readSamples(inks, page.planar == PLANARCONFIG_SEPARATE, why))
        return fail(why);
    uint32_t iccBytes = 0;
    const void *iccData = nullptr;
    if (TIFFGetField(tif, TIFFTAG_ICCPROFILE, &iccBytes, &iccData) && iccData)
        icc.assign(static_cast<const uchar *>(iccData), static_cast<const uchar *>(iccData) + iccBytes);
    return inksOf(inks, page.alpha);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/pressprofile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>
#include <lcms2.h>

namespace pixelmill::test {

namespace {

// sRGB to Lab (D50, the profile connection space), for filling the table.
struct Sampler
{
    cmsHTRANSFORM srgbToLab;
};

cmsInt32Number sampleInks(const cmsUInt16Number in[], cmsUInt16Number out[], void *cargo)
{
    const auto *sampler = static_cast<const Sampler *>(cargo);
    const cv::Vec3d rgb
        = swappedPressColour(in[0] / 65535.0, in[1] / 65535.0, in[2] / 65535.0, in[3] / 65535.0);
    const double rgbIn[3] = {rgb[0], rgb[1], rgb[2]};
    cmsCIELab lab;
    cmsDoTransform(sampler->srgbToLab, rgbIn, &lab, 1);
    cmsFloat2LabEncoded(out, &lab);
    return TRUE;
}

} // namespace

cv::Vec3d swappedPressColour(double c, double m, double y, double k)
{
    return {(1 - m) * (1 - k), (1 - y) * (1 - k), (1 - c) * (1 - k)};
}

cv::Vec3b swappedPressBgr(double c, double m, double y, double k)
{
    const cv::Vec3d rgb = swappedPressColour(c, m, y, k);
    const auto level = [](double v) { return uchar(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    return {level(rgb[2]), level(rgb[1]), level(rgb[0])};
}

QByteArray swappedPressProfile(int gridPoints)
{
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsHPROFILE lab = cmsCreateLab4Profile(nullptr);
    Sampler sampler {
        cmsCreateTransform(srgb, TYPE_RGB_DBL, lab, TYPE_Lab_DBL, INTENT_RELATIVE_COLORIMETRIC, 0)};
    cmsCloseProfile(srgb);
    cmsCloseProfile(lab);

    cmsHPROFILE press = cmsCreateProfilePlaceholder(nullptr);
    cmsSetProfileVersion(press, 4.3);
    cmsSetDeviceClass(press, cmsSigOutputClass);
    cmsSetColorSpace(press, cmsSigCmykData);
    cmsSetPCS(press, cmsSigLabData);
    cmsWriteTag(press, cmsSigMediaWhitePointTag, cmsD50_XYZ());
    cmsPipeline *toLab = cmsPipelineAlloc(nullptr, 4, 3);
    cmsStage *table = cmsStageAllocCLut16bit(nullptr, cmsUInt32Number(gridPoints), 4, 3, nullptr);
    cmsStageSampleCLut16bit(table, &sampleInks, &sampler, 0);
    // lutAtoBType wants curves on both sides of a table: identities here.
    cmsPipelineInsertStage(toLab, cmsAT_END, cmsStageAllocToneCurves(nullptr, 4, nullptr));
    cmsPipelineInsertStage(toLab, cmsAT_END, table);
    cmsPipelineInsertStage(toLab, cmsAT_END, cmsStageAllocToneCurves(nullptr, 3, nullptr));
    cmsWriteTag(press, cmsSigAToB0Tag, toLab);
    cmsPipelineFree(toLab);
    cmsDeleteTransform(sampler.srgbToLab);

    cmsUInt32Number size = 0;
    cmsSaveProfileToMem(press, nullptr, &size);
    QByteArray bytes(qsizetype(size), '\0');
    cmsSaveProfileToMem(press, bytes.data(), &size);
    cmsCloseProfile(press);
    return bytes;
}

QByteArray adobeCmykJpeg(const cv::Mat &invertedInks, const QByteArray &profile, int quality)
{
    jpeg_compress_struct cinfo;
    jpeg_error_mgr errors;
    cinfo.err = jpeg_std_error(&errors);
    jpeg_create_compress(&cinfo);
    unsigned char *buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = JDIMENSION(invertedInks.cols);
    cinfo.image_height = JDIMENSION(invertedInks.rows);
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo); // writes the Adobe marker for CMYK
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    if (!profile.isEmpty())
        jpeg_write_icc_profile(
            &cinfo, reinterpret_cast<const JOCTET *>(profile.constData()), unsigned(profile.size()));
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(invertedInks.ptr<uchar>(int(cinfo.next_scanline)));
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    QByteArray out(reinterpret_cast<const char *>(buffer), qsizetype(size));
    std::free(buffer);
    return out;
}

} // namespace pixelmill::test

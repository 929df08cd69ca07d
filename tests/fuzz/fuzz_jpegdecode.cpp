// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target, differential: the JPEG decoder drives libjpeg itself
// (error and warning hooks that longjmp, a scan limit, CMYK conversion), so
// whatever both decode intact must be the same pixels, and it may not fail where
// OpenCV succeeds, except for the scan and pixel limits.
#include "engine/image/jpegdecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 200'000)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The last byte (after the end marker, where decoders stop reading) picks the
    // mode decodeImage would ask for: 1/1..1/8, colour or luma.
    const int reduction = 1 << (data[size - 1] & 3);
    const bool luma = data[size - 1] & 4;
    const pixelmill::JpegDecodeResult ours = pixelmill::decodeJpeg(bytes, reduction, luma, 4'000'000);
    if (ours.image.empty() == ours.error.isEmpty()) // an error exactly when there is no image
        std::abort();
    int flags = (luma ? cv::IMREAD_GRAYSCALE : cv::IMREAD_ANYCOLOR) | cv::IMREAD_IGNORE_ORIENTATION;
    flags |= reduction == 2 ? cv::IMREAD_REDUCED_GRAYSCALE_2
        : reduction == 4   ? cv::IMREAD_REDUCED_GRAYSCALE_4
        : reduction == 8   ? cv::IMREAD_REDUCED_GRAYSCALE_8
                           : 0;
    // OpenCV has no such limit: asking it would only measure the machine's memory.
    if (ours.error.contains(QStringLiteral("over the limit")))
        return 0;
    // imdecode picks its decoder by signature: without JPEG's, mutated bytes reach
    // GDCM's DICOM reader, whose assertions abort the process.
    if (size < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
        return 0;
    const cv::Mat raw(1, int(size), CV_8U, const_cast<uint8_t *>(data));
    cv::Mat reference;
    try {
        reference = cv::imdecode(raw, flags);
    } catch (const cv::Exception &) {
    }
    if (ours.image.empty()) {
        if (!reference.empty() && !ours.error.contains(QStringLiteral("progressive scans")))
            std::abort();
        return 0;
    }
    // OpenCV refuses a few layouts libjpeg decodes (e.g. 2-component files); that is its loss.
    // Damaged data is made up differently: OpenCV's reader repeats rows past a cut where
    // libjpeg's own fills grey, so only intact files must agree to the pixel.
    // CMYK with its own profile is colour-managed on purpose; OpenCV ignores the profile.
    if (reference.empty() || !ours.warnings.isEmpty() || ours.inks == pixelmill::InkLight::ThroughProfile)
        return 0;
    if (reference.type() != ours.image.type() || reference.size() != ours.image.size()
        || cv::norm(reference, ours.image, cv::NORM_INF) != 0.0)
        std::abort();
    return 0;
}

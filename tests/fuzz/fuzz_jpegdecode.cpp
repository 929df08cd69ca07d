// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target, differential: the JPEG decoder drives libjpeg itself
// (error and warning hooks that longjmp, a scan limit, CMYK conversion), so
// whatever both it and OpenCV decode must be the same pixels, and neither may
// succeed where the other fails, except for the scan limit.
#include "engine/image/jpegdecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 200'000)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The first byte picks the mode, as decodeImage would ask: 1/1..1/8, colour or luma.
    const int reduction = 1 << (data[0] & 3);
    const bool luma = data[0] & 4;
    const pixelmill::JpegDecodeResult ours = pixelmill::decodeJpeg(bytes, reduction, luma);
    int flags = (luma ? cv::IMREAD_GRAYSCALE : cv::IMREAD_ANYCOLOR) | cv::IMREAD_IGNORE_ORIENTATION;
    flags |= reduction == 2 ? cv::IMREAD_REDUCED_GRAYSCALE_2
        : reduction == 4   ? cv::IMREAD_REDUCED_GRAYSCALE_4
        : reduction == 8   ? cv::IMREAD_REDUCED_GRAYSCALE_8
                           : 0;
    const cv::Mat raw(1, int(size), CV_8U, const_cast<uint8_t *>(data));
    cv::Mat reference;
    try {
        reference = cv::imdecode(raw, flags);
    } catch (const cv::Exception &) {
    }
    if (ours.image.empty() != ours.error.isEmpty())
        std::abort();
    if (ours.image.empty()) {
        if (!reference.empty() && !ours.error.contains(QStringLiteral("progressive scans")))
            std::abort();
        return 0;
    }
    // OpenCV refuses a few layouts libjpeg decodes (e.g. 2-component files); that is its loss.
    if (reference.empty())
        return 0;
    if (reference.type() != ours.image.type() || reference.size() != ours.image.size()
        || cv::norm(reference, ours.image, cv::NORM_INF) != 0.0)
        std::abort();
    return 0;
}

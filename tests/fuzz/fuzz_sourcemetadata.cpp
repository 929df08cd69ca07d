// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: metadata of hostile files, read with exiv2 and written into
// a small JPEG and a small PNG as an export does. A file's metadata may be
// unreadable (a warning), but it must never take the process down.
#include "engine/export/jpegencoder.h"
#include "engine/export/pngencoder.h"
#include "engine/image/sourcemetadata.h"

#include <opencv2/core.hpp>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cv::Mat pixels(8, 8, CV_8UC3, cv::Scalar(40, 120, 200));
    static const std::vector<uchar> target
        = pixelmill::encodeJpeg(pixels, 90, false, pixelmill::ChromaSubsampling::S420).bytes;
    // PNG: the EXIF is re-encoded for its eXIf chunk, and the profile goes into iCCP.
    static const std::vector<uchar> pngTarget = pixelmill::encodePng(pixels, 6).bytes;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString warning;
    const pixelmill::SourceMetadata metadata = pixelmill::SourceMetadata::read(bytes, &warning);
    metadata.cameraModel();
    metadata.dateTaken();
    std::vector<uchar> encoded = target;
    metadata.embedInto(encoded, pixelmill::ImageFormat::Jpeg, pixelmill::MetadataPolicy::StripLocation, true,
                       cv::Size(8, 8), &warning);
    std::vector<uchar> png = pngTarget;
    metadata.embedInto(png, pixelmill::ImageFormat::Png, pixelmill::MetadataPolicy::KeepAll, true, cv::Size(8, 8),
                       &warning);
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: the whole path a file's bytes take in a job — Qt's header
// probe, the pixel limit, our JPEG, PNG and WebP readers, OpenCV's codecs,
// libheif, libjxl and LibRaw through the module —
// must give a picture or a reason, never a crash, an abort (one bad file must
// not end the batch) or a picture without its reason.
#include "engine/image/imagedecoder.h"
#include "engine/image/tiffdirectories.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Qt's image plugins (JPEG, TIFF, WebP) load through the application's plugin paths.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 300'000)
        return 0;
    pixelmill::DecodeOptions options;
    options.maxPixels = 4'000'000;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const pixelmill::DecodedImage decoded = pixelmill::decodeImage(bytes, options);
    if (decoded.image.empty() == decoded.error.isEmpty())
        std::abort();
    // The TIFF directory walk runs on every file a decode succeeds on; here on all of them.
    pixelmill::TiffDirectories(bytes).pageCount();
    // The window's RAW thumbnails come from this walk (never from LibRaw's preview reader).
    pixelmill::TiffDirectories(bytes).largestJpeg();
    return 0;
}

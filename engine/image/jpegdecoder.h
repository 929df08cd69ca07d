// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/cmykconversion.h"
#include "engine/image/decodeoptions.h"

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

struct JpegDecodeResult
{
    cv::Mat image; ///< CV_8UC3 (BGR) or CV_8UC1; empty on error
    QStringList warnings; ///< damage libjpeg recovered from, in words a user understands
    QString error;
    /// Refused for the pixel limit; then `countedSize` is what counted: the whole
    /// frame of a progressive file (libjpeg holds all its coefficients until the
    /// last scan), else the DCT-scaled size (a sequential frame is decoded a
    /// band at a time, and only the result is held).
    bool overPixelLimit = false;
    bool progressive = false;
    cv::Size countedSize;
    /// For CMYK: whether through the file's own profile (see cmykToBgr).
    InkLight inks = InkLight::NotCmyk;
};

/// Decodes a JPEG with libjpeg-turbo straight into OpenCV's layout: BGR, or grey
/// for grey files (and for any file when `grayscale`, which skips the chroma
/// planes). `reduction` 1, 2, 4 or 8 scales in the DCT, as OpenCV's
/// IMREAD_REDUCED_* flags do; the pixels are the same as cv::imdecode's.
/// CMYK and YCCK files (Adobe's inverted convention) become BGR, through their
/// ICC profile when they carry a usable one (see cmykToBgr). A truncated or
/// damaged scan still yields the pixels libjpeg could reconstruct, with a
/// warning; a fatal error yields an error text. A frame whose counted size (see
/// JpegDecodeResult) is over `maxPixels` is refused before anything is
/// allocated, and libjpeg's own memory is capped accordingly: a 400 MP panorama
/// shrinks on load to 1920 pixels, a 400 MP progressive file is refused at the
/// default limit. Never throws; thread-safe.
JpegDecodeResult decodeJpeg(const QByteArray &bytes, int reduction, bool grayscale,
                            qint64 maxPixels = DecodeOptions {}.maxPixels);

} // namespace pixelmill

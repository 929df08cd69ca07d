// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/cmykconversion.h"

#include "engine/image/opencvcodectable.h"

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace pixelmill {

// OpenCV's imgcodecs links about a hundred shared libraries (GDAL, HDF5, DICOM,
// OpenEXR, ...) whose loading costs ~58 ms at every start of every process,
// more than the whole engine needs for a small batch. JPEG, PNG and WebP have
// decoders and encoders of our own (GIF and BMP go through Qt's readers, PNM
// and PAM through ours); the rarer ones (PNGs with palettes or interlacing,
// BMP output, ...)
// reach imgcodecs through a module that is
// loaded on first use, which also holds the readers that need other libraries
// (TIFF through libtiff, HEIF, JPEG XL, camera RAW).

/// Decodes `bytes` as cv::imdecode with IMREAD_UNCHANGED would, if they are
/// PNG, BMP, TIFF or JPEG 2000. Returns an empty Mat when the data cannot be decoded; `error`
/// is set when the bytes are none of those or the codec module is unavailable.
/// May throw cv::Exception as imdecode does. Thread-safe.
cv::Mat decodeWithOpenCv(const QByteArray &bytes, QString &error);

/// Formats whose decoders live in the same module: HEIC/HEIF and AVIF
/// (libheif), JPEG XL (libjxl), camera RAW (LibRaw).
enum class ModuleFormat {
    Heif,
    JpegXl,
    CameraRaw,
};

/// The image's size as decoded (its rotation applied), or an error text when
/// the header cannot be read. Thread-safe.
QString moduleImageSize(ModuleFormat format, const QByteArray &bytes, cv::Size &size);

/// The (primary or first) image as BGR or BGRA, upright, 16-bit for deeper
/// images; a camera RAW developed by LibRaw (see rawmodulecodec.h) as 16-bit
/// BGR, at half size when `halfSize` (other formats ignore it). Damaged data
/// that still gave an image adds a warning. Empty with `error` set on failure.
/// Thread-safe.
cv::Mat decodeWithModule(ModuleFormat format, const QByteArray &bytes, QString &error, QStringList &warnings,
                         bool halfSize = false);

/// A TIFF whose first page has 8- or 16-bit CMYK inks (see cmykTiffInks),
/// turned into light of the same depth by cmykToBgr, through the file's ICC
/// profile when it is usable; an empty `bgr` with `error` set on failure.
/// Thread-safe.
CmykToBgr decodeCmykTiffWithModule(const QByteArray &bytes, QString &error);

/// A TIFF's first page as tiffDecode reads it (grey, grey + alpha, BGR or
/// BGRA; rows as stored; a warning for blank damaged parts appended to
/// `warnings`), or empty with `why` set: libtiff's reason, or that the module
/// is unavailable. Thread-safe.
cv::Mat decodeTiffWithModule(const QByteArray &bytes, QString &why, QStringList &warnings);

/// Its EXIF (from the TIFF header on) and ICC profile, each empty when
/// absent; an error text when the file cannot be parsed. Thread-safe.
QString heifMetadata(const QByteArray &bytes, std::vector<uchar> &exif, std::vector<uchar> &icc);

/// `image` (grey, BGR or BGRA, 8- or 16-bit) as a TIFF, by tiffEncode with
/// libtiff's `compression` scheme. False with `error` set on failure.
/// Thread-safe.
bool encodeTiffWithModule(const cv::Mat &image, int compression, std::vector<uchar> &bytes, QString &error);

/// Encodes as cv::imencode would. Returns false with `error` set on failure.
/// May throw cv::Exception as imencode does. Thread-safe.
bool encodeWithOpenCv(const std::string &extension, const cv::Mat &image, const std::vector<int> &params,
                      std::vector<uchar> &bytes, QString &error);

} // namespace pixelmill

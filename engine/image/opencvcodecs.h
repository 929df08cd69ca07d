// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/opencvcodectable.h"

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

namespace pixelmill {

// OpenCV's imgcodecs links about a hundred shared libraries (GDAL, HDF5, DICOM,
// OpenEXR, ...) whose loading costs ~58 ms at every start of every process,
// more than the whole engine needs for a small batch. JPEG, PNG and WebP have
// decoders and encoders of our own; the rarer formats (TIFF, BMP, PNM, PNGs
// with palettes or interlacing, ...) reach imgcodecs through a module that is
// loaded on first use.

/// Decodes `bytes` as cv::imdecode with IMREAD_UNCHANGED would, if they are BMP,
/// PNG, PNM or TIFF. Returns an empty Mat when the data cannot be decoded; `error`
/// is set when the bytes are none of those or the codec module is unavailable.
/// May throw cv::Exception as imdecode does. Thread-safe.
cv::Mat decodeWithOpenCv(const QByteArray &bytes, QString &error);

/// HEIC/HEIF and AVIF (libheif, in the same module): the primary image's size
/// as decoded, or an error text when it cannot be parsed. Thread-safe.
QString heifImageSize(const QByteArray &bytes, cv::Size &size);

/// The primary image as 8-bit BGR or BGRA, rotation and mirroring applied;
/// empty with `error` set on failure. Thread-safe.
cv::Mat decodeHeif(const QByteArray &bytes, QString &error);

/// Its EXIF (from the TIFF header on) and ICC profile, each empty when
/// absent; an error text when the file cannot be parsed. Thread-safe.
QString heifMetadata(const QByteArray &bytes, std::vector<uchar> &exif, std::vector<uchar> &icc);

/// Encodes as cv::imencode would. Returns false with `error` set on failure.
/// May throw cv::Exception as imencode does. Thread-safe.
bool encodeWithOpenCv(const std::string &extension, const cv::Mat &image, const std::vector<int> &params,
                      std::vector<uchar> &bytes, QString &error);

} // namespace pixelmill

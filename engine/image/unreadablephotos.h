// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QString>

namespace pixelmill {

/// "DNG", "CR2" or "TIFF-based RAW" (NEF, ARW, ...: sensor data in a
/// sub-directory) for camera RAW that is TIFF inside, else empty. Its first
/// TIFF image is often a small preview that a TIFF reader would happily hand
/// over as if it were the photo, so such bytes must never reach one.
QString cameraRawKind(const QByteArray &bytes);

/// HEIC/HEIF or AVIF, by the brand of its ISO media "ftyp" box: read through
/// libheif, not Qt or OpenCV.
bool isHeifContainer(const QByteArray &bytes);

/// JPEG XL, container or bare codestream: read through libjxl.
bool isJpegXl(const QByteArray &bytes);

/// What the user is told about a format Pixelmill has no reader for ("SVG",
/// "HEIC/HEIF", ...).
QString unsupportedFormatRefusal(const QString &kind);

} // namespace pixelmill

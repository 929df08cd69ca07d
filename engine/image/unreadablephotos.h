// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QString>

namespace pixelmill {

/// Why these bytes, in a photo format Pixelmill cannot read, are refused; empty
/// for anything else. Camera RAW that is TIFF inside (DNG, CR2) is recognised
/// by content because its first TIFF image is a small preview that a TIFF
/// reader would happily hand over as if it were the photo.
QString unreadablePhotoReason(const QByteArray &bytes);

/// HEIC/HEIF or AVIF, by the brand of its ISO media "ftyp" box: read through
/// libheif, not Qt or OpenCV.
bool isHeifContainer(const QByteArray &bytes);

/// JPEG XL, container or bare codestream: read through libjxl.
bool isJpegXl(const QByteArray &bytes);

/// What the user is told about a camera RAW file of that kind.
QString cameraRawRefusal(const QString &kind);

/// What the user is told about a format Pixelmill has no reader for ("SVG",
/// "HEIC/HEIF", ...).
QString unsupportedFormatRefusal(const QString &kind);

} // namespace pixelmill

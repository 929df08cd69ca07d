// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QString>

namespace pixelmill {

/// "DNG" or "CR2" when TIFF-structured bytes are a camera RAW file, else empty.
/// Their first TIFF image is a small preview, which a TIFF reader would
/// happily hand over as if it were the photo.
QString cameraRawKind(const QByteArray &tiff);

/// What the user is told about a camera RAW file of that kind.
QString cameraRawRefusal(const QString &kind);

} // namespace pixelmill

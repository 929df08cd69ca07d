// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>
#include <QStringList>

namespace pixelmill {

/// Lower-case extensions (no dot) that folder scans pick up. GIF is included
/// so that it fails with a reason rather than vanishing from the count.
const QStringList &supportedImageExtensions();

/// True when the file name has one of supportedImageExtensions().
bool hasImageExtension(const QString &fileName);

/// True for the extensions of camera RAW formats (CR2, NEF, ARW, DNG, ...).
/// Many are TIFF inside, and a TIFF reader sees only their small embedded
/// preview, so they are never processed: a photographer gets a reason, not a
/// thumbnail-sized "conversion".
bool hasCameraRawExtension(const QString &fileName);

/// True when the first bytes of a regular file look like a readable image.
bool looksLikeImage(const QString &path);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>
#include <QStringList>

namespace pixelmill {

/// Lower-case extensions (no dot) that folder scans pick up.
const QStringList &supportedImageExtensions();

/// True when the file name has one of supportedImageExtensions().
bool hasImageExtension(const QString &fileName);

/// For photo formats Pixelmill cannot read, by extension: "camera RAW" (CR2,
/// NEF, ARW, DNG, ...: many are TIFF inside, and a TIFF reader sees only their
/// small embedded preview, so they are never processed). Empty for anything else.
QString unreadablePhotoKind(const QString &fileName);

/// Why a file of such a kind (see unreadablePhotoKind()) is refused; empty
/// for any other file name.
QString unreadablePhotoRefusal(const QString &fileName);

/// True when the first bytes of a regular file look like a readable image.
bool looksLikeImage(const QString &path);

} // namespace pixelmill

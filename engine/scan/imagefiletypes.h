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

/// For photo formats Pixelmill cannot read, by extension: "Photoshop (PSD)",
/// so a scan counts them by kind instead of among files that are no images.
/// Empty for anything else.
QString unreadablePhotoKind(const QString &fileName);

/// Why a file of such a kind (see unreadablePhotoKind()) is refused; empty
/// for any other file name.
QString unreadablePhotoRefusal(const QString &fileName);

/// True when the first bytes of a regular file look like a readable image.
bool looksLikeImage(const QString &path);

} // namespace pixelmill

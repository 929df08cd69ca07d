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

/// True when the first bytes of a regular file look like a readable image.
bool looksLikeImage(const QString &path);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>
#include <QStringList>

namespace pixelmill {

/// Finds font files for the text watermark without a GUI font database (the
/// engine runs headless). A name matches a file in the system and user font
/// folders when both read the same without spaces, dashes and case:
/// "DejaVu Sans Bold" finds DejaVuSans-Bold.ttf. A path to a .ttf/.otf file is
/// taken as it is. Thread-safe; the folders are indexed once.
QString fontFileFor(const QString &nameOrPath);

/// Installed font names, as fontFileFor accepts them ("DejaVuSans-Bold"), sorted.
QStringList installedFontNames();

} // namespace pixelmill

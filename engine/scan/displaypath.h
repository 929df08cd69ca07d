// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>

namespace pixelmill {

/// A path (or a message quoting one) as people should read it. A file name may
/// hold anything but '/' and NUL: a newline breaks a console line or a queue row,
/// an escape sequence recolours or rewrites the terminal, a right-to-left
/// override shows "photo\u202Egpj.exe" as "photoexe.jpg", and bytes that are not
/// UTF-8 (an old camera card's Latin-1) have no glyph. Those show as escapes:
/// \n, \r, \t, \xNN for other control characters and for non-UTF-8 bytes, \uXXXX
/// for C1 controls, line separators and bidirectional controls. Everything else
/// is left as it is, so ordinary names read unchanged.
QString displayPath(const QString &path);

} // namespace pixelmill

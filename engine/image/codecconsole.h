// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

namespace pixelmill {

/// Qt's image plugins and libtiff print their complaints (an odd ICC profile,
/// a directory past the end of a cut file) straight to the console, with no
/// file name. Everything that matters reaches the user as that file's own
/// warning or error, so this turns the console copies off, once per process.
/// QT_LOGGING_RULES still re-enables Qt's for debugging.
void keepCodecLibrariesOffTheConsole();

} // namespace pixelmill

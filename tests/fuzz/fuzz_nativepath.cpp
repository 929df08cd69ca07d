// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: the file-name byte codec. Any byte string without NUL must
// come back unchanged, and what it reads as must hold no U+FFFD it did not contain.
#include "engine/scan/nativepath.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (bytes.contains('\0'))
        return 0; // no file name can hold NUL
    const QString path = pixelmill::pathFromNative(bytes);
    if (pixelmill::nativePath(path) != bytes)
        std::abort();
    if (path.contains(QChar(0xFFFD)) && !bytes.contains("\xEF\xBF\xBD"))
        std::abort();
    return 0;
}

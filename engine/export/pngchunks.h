// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>

#include <cstddef>
#include <vector>

namespace pixelmill {

/// Appends one PNG chunk: length, type, data, CRC.
void putPngChunk(
    std::vector<unsigned char> &out, const char type[4], const unsigned char *data, std::size_t size);

/// Puts a chunk of `type` right after a finished PNG's IHDR, replacing any
/// chunk of that type already there. False with `error` set when `png` does
/// not start with a PNG signature and IHDR, or is damaged further on; `png`
/// is then unchanged.
bool putPngChunkAfterHeader(std::vector<unsigned char> &png, const char type[4],
    const std::vector<unsigned char> &data, QString *error);

/// Puts `icc` into a finished PNG as its iCCP chunk, right after IHDR (any
/// iCCP already there is replaced), named "ICC Profile". exiv2 0.27 writes
/// this chunk with an empty name, which the PNG specification forbids and
/// libpng rejects, so Qt and the many viewers built on libpng lost the
/// profile. Fails as putPngChunkAfterHeader does.
bool embedPngIccProfile(
    std::vector<unsigned char> &png, const std::vector<unsigned char> &icc, QString *error);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <cstddef>
#include <cstdint>

namespace pixelmill {

/// Undoes one PNG row filter (None, Sub, Up, Average, Paeth): `filtered` is the
/// row as stored (without its filter byte), `prior` the row above already
/// unfiltered (zeros for the first row), `out` receives the unfiltered row and
/// may not overlap either. `bpp` is the bytes per pixel (1…8). False for an
/// unknown filter type.
/// 3-, 4-, 6- and 8-byte pixels (8- and 16-bit RGB and RGBA, 16-bit grey+alpha:
/// nearly every real PNG but grey) take whole pixels per step with SSE2: Sub,
/// Average and Paeth depend on the pixel to the left, so they cannot run wider
/// than one pixel, but one pixel at a time is several times faster than one
/// byte at a time.
bool unfilterPngRow(int filter, const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length,
                    size_t bpp);

} // namespace pixelmill

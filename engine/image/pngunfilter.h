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
/// Pixels of 2, 3, 4, 6 and 8 bytes (every layout but 8-bit grey: nearly
/// every real PNG) take whole pixels per step with SSE2: Sub,
/// Average and Paeth depend on the pixel to the left, so they cannot run wider
/// than one pixel, but one pixel at a time is several times faster than one
/// byte at a time.
bool unfilterPngRow(int filter, const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length,
                    size_t bpp);

/// Two consecutive Paeth rows in one pass, about twice as fast as one after
/// the other: Paeth, the filter encoders pick most for photographs, is the
/// slowest to undo. `prior` is the row above the upper one; the outputs may
/// not overlap the inputs or each other. False, with nothing written, where
/// this path does not apply (it takes pixels of 2 to 4 bytes).
bool unfilterPaethRowPair(const uint8_t *filteredUpper, const uint8_t *filteredLower, const uint8_t *prior,
                          uint8_t *outUpper, uint8_t *outLower, size_t length, size_t bpp);

/// Four consecutive Paeth rows in one pass, as the pair above but about
/// twice as fast again: `filtered` and `out` list the rows top to bottom.
bool unfilterPaethRowQuad(const uint8_t *const filtered[4], const uint8_t *prior, uint8_t *const out[4],
                          size_t length, size_t bpp);

} // namespace pixelmill

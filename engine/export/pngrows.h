// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/bigendian.h" // PNG stores every length and dimension big-endian

#include <cstdint>
#include <cstdlib>

namespace pixelmill {

/// PNG's Paeth predictor (the filter type 4 reference), shared by the writer
/// and the reader so both sides of a row agree by construction.
inline uint8_t paethPredictor(int left, int up, int upLeft)
{
    const int p = left + up - upLeft;
    const int toLeft = std::abs(p - left);
    const int toUp = std::abs(p - up);
    const int toUpLeft = std::abs(p - upLeft);
    if (toLeft <= toUp && toLeft <= toUpLeft)
        return uint8_t(left);
    return uint8_t(toUp <= toUpLeft ? up : upLeft);
}

} // namespace pixelmill

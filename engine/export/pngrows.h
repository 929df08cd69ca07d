// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

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

/// PNG stores every length and dimension big-endian.
inline uint32_t readBigEndian32(const unsigned char *p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

} // namespace pixelmill

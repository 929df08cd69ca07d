// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <cstdint>
#include <vector>

namespace pixelmill {

/// Big-endian fields, as PNG chunks and ISO base media (HEIF) boxes store
/// every length and dimension.
inline uint16_t readBigEndian16(const unsigned char *p)
{
    return uint16_t(p[0] << 8 | p[1]);
}

inline uint32_t readBigEndian32(const unsigned char *p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

inline void appendBigEndian32(std::vector<unsigned char> &out, uint32_t v)
{
    out.push_back(static_cast<unsigned char>(v >> 24));
    out.push_back(static_cast<unsigned char>(v >> 16));
    out.push_back(static_cast<unsigned char>(v >> 8));
    out.push_back(static_cast<unsigned char>(v));
}

} // namespace pixelmill

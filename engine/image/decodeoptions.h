// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QtGlobal>

namespace pixelmill {

/// The pixel limit's default and the most it can be raised to (the CLI's
/// --max-megapixels, the window's Settings).
inline constexpr int kDefaultMaxMegapixels = 200;
inline constexpr int kMostMaxMegapixels = 100'000;

struct DecodeOptions
{
    /// Images with more pixels than this are refused before any pixel buffer
    /// is allocated: from their header, or, for a JPEG, at the size its
    /// decoder would hold (see decodeJpeg).
    qint64 maxPixels = qint64(kDefaultMaxMegapixels) * 1'000'000;
    /// Deliver the pixels as stored, leaving the EXIF orientation to an explicit
    /// auto-orient step; `minimumSize` is then in stored coordinates too.
    bool keepStoredOrientation = false;
};

} // namespace pixelmill

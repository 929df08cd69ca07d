// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QtGlobal>

namespace pixelmill {

struct DecodeOptions
{
    /// Images declaring more pixels than this are refused from their header,
    /// before any pixel buffer is allocated.
    qint64 maxPixels = 200'000'000;
    /// Deliver the pixels as stored, leaving the EXIF orientation to an explicit
    /// auto-orient step; `minimumSize` is then in stored coordinates too.
    bool keepStoredOrientation = false;
};

} // namespace pixelmill

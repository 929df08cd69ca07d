// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>

namespace pixelmill::test {

/// How heifGridAroundTile lays its grid out.
struct HeifGridLayout
{
    int canvasWidth = 0;  // in the grid's own description
    int canvasHeight = 0;
    int declaredWidth = 0; // in the grid item's ispe property
    int declaredHeight = 0;
    int descriptionOffset = 0; // where the 8-byte description starts in the 8-byte idat box
};

/// A HEIF file whose primary image is a grid of one tile: the HEVC picture of
/// `singleImage` (a file as libheif writes one image: its hvcC box and its
/// mdat), as phones store photos. libheif 1.15 has no grid encoder. Empty if
/// `singleImage` lacks either box.
QByteArray heifGridAroundTile(const QByteArray &singleImage, int tileWidth, int tileHeight,
                              const HeifGridLayout &layout);

} // namespace pixelmill::test

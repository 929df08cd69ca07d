// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pixelmill {

/// Reads a HEIF file's boxes and compares, for every image item, the size
/// libheif will allocate with the size the item's `ispe` property declares:
/// the picture an HEVC item's sequence parameter set codes, and the canvas a
/// grid or overlay item's own description asks for. libheif 1.15 sizes its
/// buffers from those, Pixelmill's pixel limit can only see the declared size:
/// a fuzzed 6 KB grid declaring 400×225 made libheif allocate 1.2 GB for a
/// 14441×27759 canvas, read from past the end of its idat box, before any
/// check could refuse it. Returns a reason when an item needs more than its
/// declared size plus one 64-pixel coding block on a side, or when a grid's
/// description lies outside the file; empty otherwise, and also when the boxes
/// cannot be read (libheif then says why).
std::string heifPicturesExceedDeclaredSize(const uint8_t *data, size_t size);

/// `what` followed by "W×H, not the w×h its header declares": the one wording
/// for every size a HEIF file's pictures take beyond its header's.
std::string heifSizeMismatch(
    const char *what, uint32_t width, uint32_t height, uint32_t declaredWidth, uint32_t declaredHeight);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterstep.h"

namespace pixelmill {

/// The explicit auto-orient step's id. Without such a step every image is made
/// upright as it is decoded; with one, the decoder leaves the pixels as stored
/// and the step turns them where it stands in the chain (so a crop before it
/// works in the camera's sensor coordinates).
inline const QString kAutoOrientId = QStringLiteral("auto_orient");

/// Whether an enabled auto-orient step takes over from the decoder.
bool chainOrientsExplicitly(const FilterChain &chain);

/// The chain with each auto-orient step's "from the file" setting (0) replaced
/// by the image's EXIF orientation (1..8).
FilterChain withSourceOrientation(const FilterChain &chain, int exifOrientation);

} // namespace pixelmill

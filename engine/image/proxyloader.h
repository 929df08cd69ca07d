// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/imagedecoder.h"

#include <QString>

namespace pixelmill {

/// Loads a file as a small upright proxy whose long edge is at most `maxEdge`
/// (JPEGs decode at reduced size, camera RAW at half size, so this is cheap
/// even for 40 MP photos). `header.orientedSize` still tells the full size.
/// A RAW's embedded JPEG preview is not used: LibRaw 0.20's reader for it
/// overflows a heap buffer on crafted files (found by fuzz_decodeimage).
/// Never throws. Thread-safe.
DecodedImage loadProxy(const QString &path, int maxEdge, const DecodeOptions &options = {});

} // namespace pixelmill

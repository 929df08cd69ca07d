// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/imagedecoder.h"

#include <QString>

namespace pixelmill {

/// What may stand for a camera RAW in a proxy.
enum class RawProxy {
    /// Developed as the batch would develop it (at half size when that is
    /// enough): a preview of the output must show what will be written.
    Develop,
    /// The camera's embedded JPEG preview when it is large enough, as photo
    /// browsers show RAWs: several times cheaper than developing, for
    /// thumbnails. Found by our own bounds-checked TIFF walk and decoded by our
    /// own JPEG reader: LibRaw 0.20's preview reader overflows a heap buffer on
    /// crafted files (found by fuzz_decodeimage).
    CameraPreviewWillDo,
};

/// Loads a file as a small upright proxy whose long edge is at most `maxEdge`
/// (JPEGs decode at reduced size, camera RAW at half size, so this is cheap
/// even for 40 MP photos). `header.orientedSize` still tells the full size.
/// Never throws. Thread-safe.
DecodedImage loadProxy(const QString &path, int maxEdge, const DecodeOptions &options = {},
                       RawProxy raw = RawProxy::Develop);

} // namespace pixelmill

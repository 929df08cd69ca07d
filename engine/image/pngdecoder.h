// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>

namespace pixelmill {

/// The fast path for the PNGs photographers and renderers write: 8/16-bit grey,
/// grey+alpha, RGB or RGBA, not interlaced, no PLTE or tRNS chunk.
/// libdeflate inflates the whole stream at once, about three times faster than
/// zlib's streaming inflate. Every chunk's CRC and the stream's Adler-32 are
/// checked. Returns an empty Mat for anything else, damaged files included:
/// the caller then decodes with OpenCV, which gives the same pixels the slow way
/// and the usual errors. Images over `maxPixels` are left to OpenCV too (it
/// decodes row by row; this path holds the inflated stream in memory).
/// Layout as OpenCV's IMREAD_UNCHANGED gives it: grey, BGR or BGRA (grey+alpha
/// becomes BGRA). Never throws; thread-safe.
cv::Mat decodePngFast(const QByteArray &bytes, qint64 maxPixels);

/// Why a PNG cannot be whole: a chunk declares more bytes than the file has
/// left (a cut file, or a hostile length); empty otherwise. libpng allocates a
/// chunk's declared length before reading it (1.1 GB for a 1.3 KB file found
/// by fuzzing), so OpenCV must not see such a file.
QString pngChunkOverrun(const QByteArray &bytes);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>

namespace pixelmill {

/// Samples of Netpbm's grey and colour formats (PGM, PPM, PAM): 0..maxval,
/// stored as bytes below 256 levels, as big-endian pairs from 256 to 65536,
/// or (plain PGM/PPM) as decimal text. Both readers below put them at full
/// scale, 255 or 65535 (`netpbmDepth`), to the nearest level, halves up, as
/// netpbm's own tools do (maxval 100: level 1 is 3, level 30 is 77); ImageMagick
/// reads the same at 16 bits, but its 8-bit output truncates (2 and 76). A
/// sample above maxval counts as maxval. They fill `samples`' rows from the
/// top and return how many whole rows the data held; a row read in part is
/// zeroed, the rest are left as they were.
int netpbmDepth(long maxval);

/// The largest width or height either reader takes from a header.
constexpr long kMaxNetpbmSide = 1L << 20;

/// The bytes a raw row of `samplesPerRow` samples takes (one or two each).
qsizetype rawNetpbmRowBytes(qsizetype samplesPerRow, long maxval);

/// Whether `bytes` start as one of Netpbm's formats: "P1" to "P7" and white
/// space. None of them holds metadata.
bool isNetpbm(const QByteArray &bytes);

/// Moves `at` past white space and # comments (to the end of their line);
/// false when that is the end of `text`.
bool skipNetpbmSpace(const QByteArray &text, qsizetype &at);

/// Raw samples from `raster`, of which `available` bytes are there.
int readRawNetpbmSamples(const uchar *raster, qsizetype available, long maxval, cv::Mat &samples);

/// Plain samples, decimal numbers apart by white space (or # comments), from
/// byte `at` of `text`. Reading ends at anything else, or at the end: a
/// number the data ends in counts only as the image's last sample, since a
/// cut may have taken its last digits.
int readPlainNetpbmSamples(const QByteArray &text, qsizetype at, long maxval, cv::Mat &samples);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>

namespace pixelmill {

/// The first page of a TIFF that is not CMYK (see cmykTiffInks), read by
/// libtiff: grey, grey + alpha (two channels), BGR or BGRA, 8- or 16-bit, or
/// 32/64-bit floating point for float samples (0 to 1). Rows as stored: the
/// Orientation tag is the caller's to apply. Unassociated alpha as stored;
/// associated (premultiplied) alpha is divided out. MinIsWhite is inverted,
/// signed samples are offset to unsigned and 32-bit integers keep their high
/// 16 bits.
///
/// OpenCV 4.6 reads many layouts wrongly or not at all (planar 16-bit pages
/// come out scrambled, 8-bit alpha comes out premultiplied, grey or palette
/// pages of 2 or 4 bits and half-float or 32-bit integer pages are refused,
/// and it turns pages by their Orientation although the caller does too).
/// Grey and RGB pages of 8 bits or more are read sample by sample here, in any
/// compression, strips or tiles, interleaved or planar; the rest (palette,
/// 1/2/4-bit grey, YCbCr, CIE L*a*b*, LogLuv, ...) through libtiff's RGBA
/// interface, at 8 bits. Strips or tiles of grey and RGB pages that cannot
/// be read (a cut or damaged file) are left blank, and `warning` says how
/// many; empty with `error` set when the page cannot be read at all.
cv::Mat tiffDecode(const cv::Mat &raw, std::string &warning, std::string &error);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QString>

#include <cstddef>
#include <span>

namespace pixelmill {

/// How a decoded image's light was made from CMYK inks, if it was.
enum class InkLight {
    NotCmyk,
    ByFormula, ///< without colour management: no usable profile
    ThroughProfile, ///< through the file's own CMYK profile into sRGB
};

/// How a CMYK image's inks are stored.
enum class InkEncoding {
    Inverted, ///< 0 = full ink, as Adobe applications write CMYK JPEGs
    Plain, ///< 0 = no ink, as TIFF stores them
};

struct CmykToBgr
{
    cv::Mat bgr; ///< same depth as the inks; BGRA when the inks carried a fifth, alpha channel
    /// ThroughProfile when the inks went through the file's own CMYK profile
    /// into sRGB: the profile then no longer describes the pixels, and nothing
    /// was lost. Never NotCmyk.
    InkLight inks = InkLight::ByFormula;
};

/// Turns inks (CV_8U or CV_16U with 4 channels, or 5 where the fifth is an
/// unassociated alpha, kept) into light. With a CMYK ICC profile lcms2 can
/// use, the conversion goes through it to sRGB, relative colorimetric with
/// black point compensation (what Photoshop's Convert to Profile does by
/// default): press profiles describe how much the inks darken each other,
/// which no formula knows. Without one, or when lcms2 refuses it, light is
/// the inverse of the inks, darkened by black, rounded as the reference
/// decoder for that data does (OpenCV for 8-bit JPEG, libtiff for TIFF), so
/// unprofiled files look as they do elsewhere. 8-bit inks go through the
/// profile's transform sampled into an InkGrid (lcms2's own code is several
/// times slower at it), 16-bit ones through lcms2 itself. Conversions are kept
/// for the last few profiles, since a batch from one press shares its
/// profile. Thread-safe; rows are converted on OpenCV's threads.
CmykToBgr cmykToBgr(const cv::Mat &inks, InkEncoding encoding, std::span<const unsigned char> iccProfile);

} // namespace pixelmill

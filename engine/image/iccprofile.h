// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <vector>

namespace pixelmill {

/// Why an embedded ICC profile cannot be trusted, or empty when its header
/// and tag table hold together (ICC.1 section 7). Colour-managed viewers
/// reject or misrender images whose profile is cut off or is not a profile at
/// all, so such a profile is left out of the output instead of being copied.
/// The tag data itself is not interpreted.
QString iccProfileProblem(const unsigned char *data, std::size_t size);

/// The colour space of the data a profile describes ("RGB ", "GRAY", "CMYK",
/// "Lab ", ...: ICC header bytes 16-19); empty when too short to say.
QByteArray iccDataColourSpace(const unsigned char *data, std::size_t size);

/// A JPEG's ICC profile taken out of its APP2 segments, and the JPEG without
/// them. exiv2 stops reading a JPEG's metadata at a profile it finds invalid,
/// so EXIF, XMP and IPTC are read again from `withoutProfile`.
struct SeparatedJpegProfile
{
    QByteArray withoutProfile;
    std::vector<unsigned char> profile; ///< chunks joined in sequence order; empty if none
};
SeparatedJpegProfile separateJpegIccProfile(const QByteArray &jpeg);
/// Only the profile, as separateJpegIccProfile finds it (the decoder's need:
/// no copy of the file).
std::vector<unsigned char> jpegIccProfile(const QByteArray &jpeg);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// CMYK test files with colour profiles, made with lcms2 and libjpeg.
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>

namespace pixelmill::test {

/// The sRGB colour (R, G, B, each 0..1) a test press prints for inks c, m, y,
/// k (each 0..1, 0 = no ink): cyan takes away blue, magenta red and yellow
/// green, black darkens all. Deliberately unlike the ink formula decoders use
/// without a profile, where cyan takes away red, so the two cannot be confused.
cv::Vec3d swappedPressColour(double c, double m, double y, double k);

/// The 8-bit BGR pixel swappedPressColour gives, for comparing with a decoder.
cv::Vec3b swappedPressBgr(double c, double m, double y, double k);

/// A CMYK output profile (ICC v4) describing the swapped press: a table of
/// `gridPoints` a side from inks to Lab (D50), as press profiles carry.
/// Serialized.
QByteArray swappedPressProfile(int gridPoints = 11);

/// CMYK the way Adobe applications write it for print: inverted (255 = no
/// ink), with the Adobe marker, at quality 100, and with `profile` in APP2
/// segments when given.
QByteArray adobeCmykJpeg(const cv::Mat &invertedInks, const QByteArray &profile = {}, int quality = 95);

} // namespace pixelmill::test

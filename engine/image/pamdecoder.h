// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/cmykconversion.h"

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// Whether the bytes start as Netpbm's PAM ("P7" and a line end): the format
/// of netpbm's and ImageMagick's pipelines for grey or colour with alpha.
/// Qt does not read it, and OpenCV 4.6 gives its RGB in BGR's place.
bool isPam(const QByteArray &bytes);

/// The page size from a PAM header; empty with `error` set when the header is
/// damaged, cut or describes no image this reader takes.
cv::Size pamSize(const QByteArray &bytes, QString &error);

/// A PAM as grey, grey with alpha (2 channels), BGR or BGRA: 8-bit up to a
/// MAXVAL of 255, else 16-bit, stretched to full scale when MAXVAL is below
/// it (BLACKANDWHITE's 1, a 10-bit camera's 1023). Without a tuple type the
/// depth (1 to 4) says what it holds; other types are refused by name, but
/// ImageMagick's CMYK and CMYK_ALPHA (inks, 0 = none), which become light by
/// the formula, as unprofiled CMYK files do (`inks` says so). Rows a cut file
/// does not hold are left black, with a warning; a file with no whole row fails.
cv::Mat decodePam(const QByteArray &bytes, QString &error, QStringList &warnings, InkLight &inks);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// A PBM, PGM or PPM (P1 to P6, plain or raw), the first image of the file:
/// grey or BGR, 8-bit up to a maximum value of 255, else 16-bit, stretched to
/// full scale when the maximum is below it (a 10-bit camera's 1023), rounded
/// to the nearest level as netpbm does. A bitmap is grey, black 0 and white 255.
/// Rows a cut or damaged file does not hold are left black, with a warning; a
/// file with no whole row fails, as does one over `maxPixels`. Thread-safe.
cv::Mat decodePnm(const QByteArray &bytes, qint64 maxPixels, QString &error, QStringList &warnings);

} // namespace pixelmill

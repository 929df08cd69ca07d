// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace pixelmill {

/// What libjpeg holds beside the pixels while it decodes a JPEG in several
/// scans (progressive, or sequential with components in separate scans): every
/// DCT coefficient of the whole frame, 2 bytes each, for every component at its
/// own sampling, whatever size the picture is decoded to. 0 for a single-scan
/// frame, which is decoded a band at a time, and for bytes whose frame header
/// cannot be found. Reads only the markers up to the first scan header.
qint64 jpegCoefficientBufferBytes(const QByteArray &bytes);

} // namespace pixelmill

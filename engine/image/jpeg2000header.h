// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>

namespace pixelmill {

/// True for a JP2 file (signature box) or a bare JPEG 2000 codestream (SOC + SIZ).
bool isJpeg2000(const QByteArray &bytes);

/// The image size a JPEG 2000 file declares: the JP2 header's "ihdr" box, or
/// the codestream's SIZ marker. Empty when neither can be read. Qt has no
/// JPEG 2000 reader to ask, and the size must be known (and judged against
/// the pixel limit) before anything is decoded.
cv::Size jpeg2000Size(const QByteArray &bytes);

} // namespace pixelmill

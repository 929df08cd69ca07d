// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>

namespace pixelmill::test {

/// What a camera would have recorded of a scene, as an uncompressed DNG: the
/// scene (linear 16-bit BGR) sampled through an RGGB colour mosaic, camera
/// space = linear sRGB (ColorMatrix1 is XYZ→sRGB, neutral white balance), with
/// Make, Model and the EXIF `orientation` (1..8) in IFD 0. LibRaw develops it
/// back to roughly the scene. With a JPEG, IFD 0 is that preview (stored
/// unturned, `previewSize` as its size) and the sensor data a SubIFD, as
/// cameras write DNG. Tests make camera RAW this way: no RAW file from a real
/// camera is needed or shipped.
QByteArray syntheticDng(const cv::Mat &linearBgr16, int orientation = 1, const QByteArray &previewJpeg = {},
                        cv::Size previewSize = {});

} // namespace pixelmill::test

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// TIFF test files of any layout, written with libtiff itself.
#pragma once

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

#include <tiffio.h>

namespace pixelmill::test {

struct TiffLayout
{
    uint16_t photometric = PHOTOMETRIC_RGB;
    uint16_t bits = 8; ///< 8 or more, below the image's sample size: each sample's high bits
    uint16_t sampleFormat = SAMPLEFORMAT_UINT;
    uint16_t compression = COMPRESSION_NONE;
    uint16_t predictor = 0; ///< 0: no Predictor tag
    bool planar = false;
    uint32_t tile = 0; ///< tile edge, or 0 for strips
    uint32_t rowsPerStrip = 0; ///< 0: libtiff's default
    std::vector<uint16_t> extraSamples {}; ///< their kinds; empty: no ExtraSamples tag
    uint16_t orientation = 0; ///< 0: no Orientation tag
    std::vector<uint16_t> colormap {}; ///< palette: 2^bits reds, then greens, then blues
    uint16_t inkSet = 0; ///< 0: no InkSet tag
    QByteArray icc {}; ///< an ICC profile to embed, if any
};

/// Writes `samples` (one channel per sample; any depth) as a TIFF of `layout`
/// at `path` and returns its bytes, or empty bytes when libtiff refused.
/// Integer samples wider than `layout.bits` keep their high bits; below 8
/// bits, each sample is a value of that many bits (a level, a palette index),
/// packed as TIFF packs them.
QByteArray writeTiff(const cv::Mat &samples, const TiffLayout &layout, const QString &path);

} // namespace pixelmill::test

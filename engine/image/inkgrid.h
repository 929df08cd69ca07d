// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/cmykconversion.h"

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace pixelmill {

/// A colour transform from 8-bit inks, sampled on a grid of 17 points a side
/// (lcms2's own resolution for four inputs) and interpolated as lcms2 does:
/// tetrahedral in C, M and Y, linear in K. lcms2's general code spends 55–70
/// ns a pixel on this; this one, specialised to 8-bit CMYK in and BGR out,
/// several times less, to within a level of lcms2's own result.
class InkGrid
{
public:
    static constexpr int kPoints = 17;

    /// `sample` fills BGR (16-bit) for a row of plain 16-bit inks (C, M, Y, K).
    using Sampler = std::function<void(const uint16_t *inks, uint16_t *bgr, int count)>;
    explicit InkGrid(const Sampler &sample);

    /// Converts CV_8UC4 inks (or CV_8UC(5), the fifth alpha, kept) into
    /// CV_8UC3 (CV_8UC4) light. Thread-safe.
    void apply(const cv::Mat &inks, InkEncoding encoding, cv::Mat &bgr) const;

    /// B, G, R (16-bit scale) and a spare lane: one vector load a corner.
    using Node = float __attribute__((vector_size(16)));

private:
    std::vector<Node> m_nodes; ///< C varies slowest, K fastest
};

} // namespace pixelmill

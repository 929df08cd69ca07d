// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/inkgrid.h"

#include "engine/image/rowbands.h"

#include <algorithm>

namespace pixelmill {

namespace {

constexpr int kPoints = InkGrid::kPoints;
constexpr int kCells = kPoints - 1;
// Node strides: C slowest, K fastest.
constexpr int kStrideK = 1;
constexpr int kStrideY = kStrideK * kPoints;
constexpr int kStrideM = kStrideY * kPoints;
constexpr int kStrideC = kStrideM * kPoints;

// Where an 8-bit ink falls on the grid: the cell below it and how far in.
struct AxisStep
{
    int cell;
    float fraction;
};

std::array<AxisStep, 256> axisSteps(InkEncoding encoding)
{
    std::array<AxisStep, 256> steps {};
    for (int stored = 0; stored < 256; ++stored) {
        const int ink = encoding == InkEncoding::Inverted ? 255 - stored : stored;
        const int scaled = ink * kCells; // in 255ths of a cell
        const int cell = std::min(scaled / 255, kCells - 1);
        steps[size_t(stored)] = {cell, float(scaled - cell * 255) / 255.0f};
    }
    return steps;
}

// The axes M, Y, K (0, 1, 2) in falling order of their fractions, by which of
// m ≥ y, y ≥ k and m ≥ k hold (bits 2, 1, 0); the two impossible cases get
// any order.
struct Walk
{
    int axis[3];
};
constexpr Walk kWalks[8] = {
    {{2, 1, 0}}, // k > y > m
    {{2, 1, 0}}, // impossible
    {{1, 2, 0}}, // y ≥ k > m
    {{1, 0, 2}}, // y > m ≥ k
    {{2, 0, 1}}, // k > m ≥ y
    {{0, 2, 1}}, // m ≥ k > y
    {{0, 1, 2}}, // impossible
    {{0, 1, 2}}, // m ≥ y ≥ k
};
constexpr int kAxisStride[3] = {kStrideM, kStrideY, kStrideK};

} // namespace

InkGrid::InkGrid(const Sampler &sample) : m_nodes(size_t(kStrideC) * kPoints)
{
    std::vector<uint16_t> inks(size_t(kPoints) * 4);
    std::vector<uint16_t> light(size_t(kPoints) * 3);
    const auto level = [](int node) { return uint16_t(node * 65535 / kCells); };
    for (int c = 0; c < kPoints; ++c)
        for (int m = 0; m < kPoints; ++m)
            for (int y = 0; y < kPoints; ++y) {
                for (int k = 0; k < kPoints; ++k) {
                    uint16_t *p = inks.data() + size_t(k) * 4;
                    p[0] = level(c);
                    p[1] = level(m);
                    p[2] = level(y);
                    p[3] = level(k);
                }
                sample(inks.data(), light.data(), kPoints);
                Node *row
                    = m_nodes.data() + size_t(c) * kStrideC + size_t(m) * kStrideM + size_t(y) * kStrideY;
                for (int k = 0; k < kPoints; ++k)
                    row[k] = Node {float(light[size_t(k) * 3]), float(light[size_t(k) * 3 + 1]),
                        float(light[size_t(k) * 3 + 2]), 0.0f};
            }
}

void InkGrid::apply(const cv::Mat &inks, InkEncoding encoding, cv::Mat &bgr) const
{
    CV_Assert(inks.depth() == CV_8U && (inks.channels() == 4 || inks.channels() == 5));
    const std::array<AxisStep, 256> steps = axisSteps(encoding);
    const Node *nodes = m_nodes.data();
    const int in = inks.channels();
    const int out = bgr.channels();
    forRowBands(inks.rows, [&](const cv::Range &rows) {
        for (int row = rows.start; row < rows.end; ++row) {
            const uchar *p = inks.ptr<uchar>(row);
            uchar *q = bgr.ptr<uchar>(row);
            for (int x = 0; x < inks.cols; ++x, p += in, q += out) {
                const AxisStep c = steps[p[0]];
                const AxisStep m = steps[p[1]];
                const AxisStep y = steps[p[2]];
                const AxisStep k = steps[p[3]];
                // As lcms2 does for four inputs: linear in C between two
                // tetrahedra in M, Y and K, each walked from the cell's origin
                // along the axes in order of their fractions.
                // The order comes from a table, not branches: in a photo's
                // noise it is as good as random, and mispredictions cost
                // more than the arithmetic.
                const float fraction[3] = {m.fraction, y.fraction, k.fraction};
                const Walk &walk = kWalks[(fraction[0] >= fraction[1]) << 2
                    | (fraction[1] >= fraction[2]) << 1 | (fraction[0] >= fraction[2])];
                const float f0 = fraction[walk.axis[0]];
                const float f1 = fraction[walk.axis[1]];
                const float f2 = fraction[walk.axis[2]];
                const int v1 = kAxisStride[walk.axis[0]];
                const int v2 = v1 + kAxisStride[walk.axis[1]];
                const int v3 = v2 + kAxisStride[walk.axis[2]];
                const float w0 = 1.0f - f0;
                const float w1 = f0 - f1;
                const float w2 = f1 - f2;
                const float w3 = f2;
                const Node *low
                    = nodes + c.cell * kStrideC + m.cell * kStrideM + y.cell * kStrideY + k.cell * kStrideK;
                const Node *high = low + kStrideC;
                const Node a = w0 * low[0] + w1 * low[v1] + w2 * low[v2] + w3 * low[v3];
                const Node b = w0 * high[0] + w1 * high[v1] + w2 * high[v2] + w3 * high[v3];
                const Node light = (a + (b - a) * c.fraction) * (1.0f / 257.0f) + 0.5f;
                q[0] = uchar(light[0]);
                q[1] = uchar(light[1]);
                q[2] = uchar(light[2]);
                if (out == 4)
                    q[3] = p[4];
            }
        }
    });
}

} // namespace pixelmill

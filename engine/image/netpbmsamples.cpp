// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/netpbmsamples.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <vector>

namespace pixelmill {

namespace {

template<typename Sample>
std::vector<Sample> fullScaleTable(long maxval)
{
    constexpr long full = std::numeric_limits<Sample>::max();
    std::vector<Sample> table(size_t(full) + 1);
    for (size_t v = 0; v < table.size(); ++v)
        table[v] = Sample((std::min<long>(long(v), maxval) * full + maxval / 2) / maxval);
    return table;
}

template<typename Sample>
int readRaw(const uchar *raster, qsizetype available, long maxval, cv::Mat &samples)
{
    constexpr qsizetype bytesPerSample = sizeof(Sample);
    const qsizetype values = qsizetype(samples.cols) * samples.channels();
    const int rows = int(std::min<qsizetype>(available / (values * bytesPerSample), samples.rows));
    const bool fullScale = maxval == std::numeric_limits<Sample>::max();
    const std::vector<Sample> table = fullScale ? std::vector<Sample>() : fullScaleTable<Sample>(maxval);
    for (int y = 0; y < rows; ++y) {
        const uchar *in = raster + qsizetype(y) * values * bytesPerSample;
        auto *out = samples.ptr<Sample>(y);
        if constexpr (bytesPerSample == 1) {
            if (fullScale)
                std::memcpy(out, in, size_t(values));
            else
                for (qsizetype i = 0; i < values; ++i)
                    out[i] = table[in[i]];
        } else {
            for (qsizetype i = 0; i < values; ++i) {
                const uint16_t stored = uint16_t(in[2 * i] << 8 | in[2 * i + 1]);
                out[i] = fullScale ? stored : table[stored];
            }
        }
    }
    return rows;
}

// A row read in part is cleared, as rows never reached are blank.
int clearedFrom(cv::Mat &samples, int row)
{
    samples.row(row).setTo(0);
    return row;
}

template<typename Sample>
int readPlain(const QByteArray &text, qsizetype at, long maxval, cv::Mat &samples)
{
    const std::vector<Sample> table = fullScaleTable<Sample>(maxval);
    const int values = samples.cols * samples.channels();
    for (int y = 0; y < samples.rows; ++y) {
        auto *out = samples.ptr<Sample>(y);
        for (int i = 0; i < values; ++i) {
            if (!skipNetpbmSpace(text, at) || !std::isdigit(uchar(text.at(at))))
                return clearedFrom(samples, y);
            long value = 0;
            for (; at < text.size() && std::isdigit(uchar(text.at(at))); ++at)
                value = std::min<long>(value * 10 + (text.at(at) - '0'), maxval);
            // A number the data ends in may have lost digits to a cut, unless it is the last.
            if (at == text.size() && (y + 1 < samples.rows || i + 1 < values))
                return clearedFrom(samples, y);
            out[i] = table[size_t(value)];
        }
    }
    return samples.rows;
}

} // namespace

int netpbmDepth(long maxval)
{
    return maxval < 256 ? CV_8U : CV_16U;
}

qsizetype rawNetpbmRowBytes(qsizetype samplesPerRow, long maxval)
{
    return samplesPerRow * CV_ELEM_SIZE1(netpbmDepth(maxval));
}

bool skipNetpbmSpace(const QByteArray &text, qsizetype &at)
{
    for (;;) {
        while (at < text.size() && std::isspace(uchar(text.at(at))))
            ++at;
        if (at >= text.size() || text.at(at) != '#')
            return at < text.size();
        while (at < text.size() && text.at(at) != '\n' && text.at(at) != '\r')
            ++at;
    }
}

bool isNetpbm(const QByteArray &bytes)
{
    return bytes.size() >= 3 && bytes.at(0) == 'P' && bytes.at(1) >= '1' && bytes.at(1) <= '7'
        && std::isspace(uchar(bytes.at(2)));
}

int readRawNetpbmSamples(const uchar *raster, qsizetype available, long maxval, cv::Mat &samples)
{
    return samples.depth() == CV_8U ? readRaw<uchar>(raster, available, maxval, samples)
                                    : readRaw<uint16_t>(raster, available, maxval, samples);
}

int readPlainNetpbmSamples(const QByteArray &text, qsizetype at, long maxval, cv::Mat &samples)
{
    return samples.depth() == CV_8U ? readPlain<uchar>(text, at, maxval, samples)
                                    : readPlain<uint16_t>(text, at, maxval, samples);
}

} // namespace pixelmill

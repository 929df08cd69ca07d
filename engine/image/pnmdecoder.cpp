// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pnmdecoder.h"

#include "engine/image/netpbmsamples.h"

#include <opencv2/imgproc.hpp>

#include <cctype>

namespace pixelmill {

namespace {

struct PnmHeader
{
    char kind = 0; // '1' to '6'
    long width = 0;
    long height = 0;
    long maxval = 1;
    qsizetype rasterAt = 0;

    bool plain() const { return kind <= '3'; }
    bool bitmap() const { return kind == '1' || kind == '4'; }
    int channels() const { return kind == '3' || kind == '6' ? 3 : 1; }
    QString name() const
    {
        return bitmap()       ? QStringLiteral("PBM")
            : channels() == 1 ? QStringLiteral("PGM")
                              : QStringLiteral("PPM");
    }
};

// The header's next number (after white space and # comments), or -1. Stops
// taking digits past a million: no valid field is that large.
long nextNumber(const QByteArray &bytes, qsizetype &at)
{
    skipNetpbmSpace(bytes, at);
    long value = -1;
    while (at < bytes.size() && std::isdigit(uchar(bytes.at(at))) && value < 1'000'000)
        value = (value < 0 ? 0 : value * 10) + (bytes.at(at++) - '0');
    return value;
}

QString readHeader(const QByteArray &bytes, PnmHeader &header)
{
    if (bytes.size() < 3 || bytes.at(0) != 'P' || bytes.at(1) < '1' || bytes.at(1) > '6')
        return QStringLiteral("not a PBM, PGM or PPM file");
    header.kind = bytes.at(1);
    qsizetype at = 2;
    header.width = nextNumber(bytes, at);
    header.height = nextNumber(bytes, at);
    if (!header.bitmap())
        header.maxval = nextNumber(bytes, at);
    if (header.width < 0 || header.height < 0 || header.maxval < 0)
        return QStringLiteral("cannot read the %1 header: it is damaged or truncated").arg(header.name());
    if (header.width < 1 || header.height < 1 || header.width > kMaxNetpbmSide
        || header.height > kMaxNetpbmSide)
        return QStringLiteral("cannot read the %1 header: its size %2 x %3 is invalid")
            .arg(header.name())
            .arg(header.width)
            .arg(header.height);
    if (header.maxval < 1 || header.maxval > 65535)
        return QStringLiteral("cannot read the %1 header: its maximum value %2 is invalid")
            .arg(header.name())
            .arg(header.maxval);
    // One white-space character parts the header from raw samples.
    if (at >= bytes.size() || !std::isspace(uchar(bytes.at(at))))
        return QStringLiteral("cannot read the %1 header: it is damaged or truncated").arg(header.name());
    header.rasterAt = at + 1;
    return {};
}

// Raw bitmaps pack 8 pixels a byte, rows padded to a byte; plain ones are
// 0s and 1s, white space between them optional. 1 is black.
int readBitmap(const QByteArray &bytes, const PnmHeader &header, cv::Mat &grey)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    if (!header.plain()) {
        const qsizetype rowBytes = (grey.cols + 7) / 8;
        const int rows = int(std::min<qsizetype>((bytes.size() - header.rasterAt) / rowBytes, grey.rows));
        for (int y = 0; y < rows; ++y) {
            const uchar *in = data + header.rasterAt + qsizetype(y) * rowBytes;
            uchar *out = grey.ptr<uchar>(y);
            for (int x = 0; x < grey.cols; ++x)
                out[x] = (in[x >> 3] >> (7 - (x & 7))) & 1 ? 0 : 255;
        }
        return rows;
    }
    qsizetype at = header.rasterAt;
    for (int y = 0; y < grey.rows; ++y) {
        uchar *out = grey.ptr<uchar>(y);
        for (int x = 0; x < grey.cols; ++x) {
            if (!skipNetpbmSpace(bytes, at) || (bytes.at(at) != '0' && bytes.at(at) != '1')) {
                grey.row(y).setTo(0); // black, as rows never reached
                return y;
            }
            out[x] = bytes.at(at++) == '1' ? 0 : 255;
        }
    }
    return grey.rows;
}

} // namespace

cv::Mat decodePnm(const QByteArray &bytes, qint64 maxPixels, QString &error, QStringList &warnings)
{
    PnmHeader header;
    error = readHeader(bytes, header);
    if (!error.isEmpty())
        return {};
    if (qint64(header.width) * header.height > maxPixels) {
        error = QStringLiteral("the %1 is %2 x %3 pixels, over the pixel limit")
                    .arg(header.name())
                    .arg(header.width)
                    .arg(header.height);
        return {};
    }
    const int depth = header.bitmap() ? CV_8U : netpbmDepth(header.maxval);
    const QString damage
        = header.plain() ? QStringLiteral("damaged or truncated") : QStringLiteral("truncated");
    // Whether the file can hold a row at all is known before anything is
    // allocated: a few bytes may declare 200 MP. A plain row is at least a
    // digit a sample and white space between them (bitmaps need none).
    const qsizetype samplesPerRow = qsizetype(header.width) * header.channels();
    const qsizetype leastRowBytes = !header.plain()
        ? (header.bitmap() ? (header.width + 7) / 8 : rawNetpbmRowBytes(samplesPerRow, header.maxval))
        : header.bitmap() ? samplesPerRow
                          : 2 * samplesPerRow - 1;
    if (bytes.size() - header.rasterAt < leastRowBytes) {
        error = QStringLiteral("the %1 is %2: it holds no whole row of pixels").arg(header.name(), damage);
        return {};
    }
    cv::Mat samples
        = cv::Mat::zeros(int(header.height), int(header.width), CV_MAKETYPE(depth, header.channels()));
    const int rows = header.bitmap() ? readBitmap(bytes, header, samples)
        : header.plain()
        ? readPlainNetpbmSamples(bytes, header.rasterAt, header.maxval, samples)
        : readRawNetpbmSamples(reinterpret_cast<const uchar *>(bytes.constData()) + header.rasterAt,
            bytes.size() - header.rasterAt, header.maxval, samples);
    if (rows == 0) {
        error = QStringLiteral("the %1 is %2: it holds no whole row of pixels").arg(header.name(), damage);
        return {};
    }
    if (rows < header.height)
        warnings << QStringLiteral("the %1 is %2: %3 of its %4 rows are missing and were left black")
                        .arg(header.name(), damage)
                        .arg(header.height - rows)
                        .arg(header.height);
    if (samples.channels() == 3)
        cv::cvtColor(samples, samples, cv::COLOR_RGB2BGR);
    return samples;
}

} // namespace pixelmill

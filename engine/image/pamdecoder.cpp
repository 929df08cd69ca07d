// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pamdecoder.h"

#include "engine/image/netpbmsamples.h"

#include <opencv2/imgproc.hpp>

#include <QList>

#include <optional>

namespace pixelmill {

namespace {

// Headers are a few lines; comments may make them longer, not this long.
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

struct PamHeader
{
    long width = 0;
    long height = 0;
    long depth = 0;
    long maxval = 0;
    QByteArray tupleType;
    qsizetype rasterAt = 0;
    bool alpha = false;
};

std::optional<long> number(const QByteArray &text)
{
    bool ok = false;
    const long value = text.trimmed().toLong(&ok);
    return ok ? std::optional<long>(value) : std::nullopt;
}

// The channels a tuple type holds, or 0 for one this reader does not take.
// An absent type goes by the depth, as netpbm's own readers do.
int colourPlanes(const QByteArray &type, long depth, bool &alpha)
{
    alpha = type.endsWith("_ALPHA") || (type.isEmpty() && (depth == 2 || depth == 4));
    const QByteArray base = type.endsWith("_ALPHA") ? type.chopped(6) : type;
    const int colours = base == "BLACKANDWHITE" || base == "GRAYSCALE" ? 1
        : base == "RGB"                                                ? 3
        : base == "CMYK"                                               ? 4
        : base.isEmpty() && depth >= 1 && depth <= 4                   ? int(depth >= 3 ? 3 : 1)
                                                                       : 0;
    return colours > 0 && colours + (alpha ? 1 : 0) == depth ? colours : 0;
}

QString readHeader(const QByteArray &bytes, PamHeader &header)
{
    if (!isPam(bytes))
        return QStringLiteral("not a PAM file");
    qsizetype at = 3;
    QList<QByteArray> types;
    bool ended = false;
    while (!ended) {
        const qsizetype lineEnd = bytes.indexOf('\n', at);
        if (lineEnd < 0 || lineEnd > kMaxHeaderBytes)
            return QStringLiteral("cannot read the PAM header: it is damaged or truncated (no ENDHDR line)");
        const QByteArray line = bytes.mid(at, lineEnd - at).trimmed();
        at = lineEnd + 1;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.indexOf(' ') < 0 ? line.indexOf('\t') : line.indexOf(' ');
        const QByteArray key = space < 0 ? line : line.left(space);
        const QByteArray value = space < 0 ? QByteArray() : line.mid(space + 1).trimmed();
        std::optional<long> parsed;
        const auto set = [&value, &parsed](long &field) {
            parsed = number(value);
            field = parsed.value_or(-1);
        };
        if (key == "ENDHDR")
            ended = true;
        else if (key == "WIDTH")
            set(header.width);
        else if (key == "HEIGHT")
            set(header.height);
        else if (key == "DEPTH")
            set(header.depth);
        else if (key == "MAXVAL")
            set(header.maxval);
        else if (key == "TUPLTYPE")
            types << value;
        else
            return QStringLiteral("cannot read the PAM header: unknown line \"%1\"")
                .arg(QString::fromLatin1(line.left(40)));
        if (key != "ENDHDR" && key != "TUPLTYPE" && !parsed)
            return QStringLiteral("cannot read the PAM header: its %1 is not a number (\"%2\")")
                .arg(QString::fromLatin1(key), QString::fromLatin1(value.left(20)));
    }
    header.rasterAt = at;
    header.tupleType = types.join(' ');
    if (header.width < 1 || header.height < 1 || header.width > kMaxNetpbmSide
        || header.height > kMaxNetpbmSide)
        return QStringLiteral("cannot read the PAM header: its size %1 x %2 is invalid")
            .arg(header.width)
            .arg(header.height);
    if (header.maxval < 1 || header.maxval > 65535)
        return QStringLiteral("cannot read the PAM header: its MAXVAL %1 is invalid").arg(header.maxval);
    if (colourPlanes(header.tupleType, header.depth, header.alpha) == 0)
        return QStringLiteral("a PAM of tuple type \"%1\" and depth %2 is not an image Pixelmill can read")
            .arg(QString::fromLatin1(header.tupleType.isEmpty() ? QByteArray("none") : header.tupleType))
            .arg(header.depth);
    return {};
}

} // namespace

bool isPam(const QByteArray &bytes)
{
    return bytes.startsWith("P7\n") || bytes.startsWith("P7\r\n");
}

cv::Size pamSize(const QByteArray &bytes, QString &error)
{
    PamHeader header;
    error = readHeader(bytes, header);
    return error.isEmpty() ? cv::Size(int(header.width), int(header.height)) : cv::Size();
}

cv::Mat decodePam(const QByteArray &bytes, QString &error, QStringList &warnings, InkLight &inks)
{
    PamHeader header;
    error = readHeader(bytes, header);
    if (!error.isEmpty())
        return {};
    if (bytes.size() - header.rasterAt
        < rawNetpbmRowBytes(qsizetype(header.width) * header.depth, header.maxval)) {
        error = QStringLiteral("the PAM is truncated: it holds no whole row of pixels");
        return {};
    }
    cv::Mat samples = cv::Mat::zeros(
        int(header.height), int(header.width), CV_MAKETYPE(netpbmDepth(header.maxval), int(header.depth)));
    const int rows
        = readRawNetpbmSamples(reinterpret_cast<const uchar *>(bytes.constData()) + header.rasterAt,
            bytes.size() - header.rasterAt, header.maxval, samples);
    if (rows < header.height)
        warnings << QStringLiteral("the PAM is truncated: %1 of its %2 rows are missing and were left %3")
                        .arg(header.height - rows)
                        .arg(header.height)
                        .arg(header.alpha ? QStringLiteral("transparent") : QStringLiteral("black"));
    if (header.tupleType.startsWith("CMYK")) {
        const CmykToBgr light = cmykToBgr(samples, InkEncoding::Plain, {});
        inks = light.inks;
        return light.bgr;
    }
    if (samples.channels() == 3)
        cv::cvtColor(samples, samples, cv::COLOR_RGB2BGR);
    else if (samples.channels() == 4)
        cv::cvtColor(samples, samples, cv::COLOR_RGBA2BGRA);
    return samples;
}

} // namespace pixelmill

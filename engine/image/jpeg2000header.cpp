// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/jpeg2000header.h"

#include <QtEndian>

#include <limits>

namespace pixelmill {

namespace {

const QByteArray kJp2Signature("\0\0\0\x0cjP  \r\n\x87\n", 12);
const QByteArray kCodestreamStart("\xff\x4f\xff\x51", 4); // SOC, then SIZ

quint32 bigEndian32(const QByteArray &bytes, qsizetype at)
{
    return qFromBigEndian<quint32>(bytes.constData() + at);
}

// SIZ: length(2) capabilities(2) Xsiz Ysiz XOsiz YOsiz (4 bytes each).
cv::Size codestreamSize(const QByteArray &bytes, qsizetype start)
{
    if (bytes.size() - start < 4 + 2 + 2 + 16 || bytes.mid(start, 4) != kCodestreamStart)
        return {};
    const qsizetype siz = start + 8;
    const quint32 width = bigEndian32(bytes, siz) - bigEndian32(bytes, siz + 8);
    const quint32 height = bigEndian32(bytes, siz + 4) - bigEndian32(bytes, siz + 12);
    constexpr quint32 kMax = std::numeric_limits<int>::max();
    if (width == 0 || height == 0 || width > kMax || height > kMax)
        return {};
    return {int(width), int(height)};
}

// Walks boxes (length, type, body; length 1 means a 64-bit length follows,
// 0 means "to the end") for "jp2h" and in it "ihdr": height, then width.
cv::Size jp2Size(const QByteArray &bytes)
{
    qsizetype at = 0;
    qsizetype end = bytes.size();
    while (end - at >= 8) {
        quint64 length = bigEndian32(bytes, at);
        const QByteArray type = bytes.mid(at + 4, 4);
        qsizetype header = 8;
        if (length == 1) {
            if (end - at < 16)
                return {};
            length = qFromBigEndian<quint64>(bytes.constData() + at + 8);
            header = 16;
        } else if (length == 0) {
            length = quint64(end - at);
        }
        if (length < quint64(header) || length > quint64(end - at))
            return {};
        if (type == "jp2h") { // a superbox: walk its children
            end = at + qsizetype(length);
            at += header;
            continue;
        }
        if (type == "ihdr" && length >= quint64(header) + 8) {
            const quint32 height = bigEndian32(bytes, at + header);
            const quint32 width = bigEndian32(bytes, at + header + 4);
            if (width == 0 || height == 0 || width > quint32(std::numeric_limits<int>::max())
                || height > quint32(std::numeric_limits<int>::max()))
                return {};
            return {int(width), int(height)};
        }
        if (type == "jp2c") // the codestream, before any header box: read its SIZ
            return codestreamSize(bytes, at + header);
        at += qsizetype(length);
    }
    return {};
}

} // namespace

bool isJpeg2000(const QByteArray &bytes)
{
    return bytes.startsWith(kJp2Signature) || bytes.startsWith(kCodestreamStart);
}

cv::Size jpeg2000Size(const QByteArray &bytes)
{
    if (bytes.startsWith(kCodestreamStart))
        return codestreamSize(bytes, 0);
    return bytes.startsWith(kJp2Signature) ? jp2Size(bytes) : cv::Size();
}

} // namespace pixelmill

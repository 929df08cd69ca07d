// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/bmpdecoder.h"

#include "engine/image/qtimagereader.h"

#include <QtEndian>

#include <cstdlib>
#include <utility>

namespace pixelmill {

namespace {

constexpr quint32 kRle8 = 1;
constexpr quint32 kRle4 = 2;

// Walks run-length data to its end-of-bitmap code; false when the bytes end first.
bool rleIsComplete(const QByteArray &bytes, qsizetype at, bool fourBit)
{
    const auto byte = [&bytes](qsizetype i) { return uchar(bytes.at(i)); };
    while (at + 1 < bytes.size()) {
        const uchar count = byte(at);
        const uchar code = byte(at + 1);
        at += 2;
        if (count > 0 || code == 0)
            continue; // a run, or the end of a line
        if (code == 1)
            return true; // the end of the bitmap
        if (code == 2) {
            at += 2; // a move: two offsets
            continue;
        }
        const qsizetype literal = fourBit ? (code + 1) / 2 : code; // that many pixels as they are
        at += literal + (literal % 2); // padded to a 16-bit boundary
    }
    return false;
}

// Qt fills the rows a cut file no longer holds (black, or the palette's first
// colour) without a word.
// Empty when the pixel data is whole (or its size cannot be known).
QString truncationWarning(const QByteArray &bytes)
{
    constexpr qsizetype kFileHeader = 14;
    if (bytes.size() < kFileHeader + 12)
        return {};
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const quint32 pixelsAt = qFromLittleEndian<quint32>(p + 10);
    const quint32 infoSize = qFromLittleEndian<quint32>(p + kFileHeader);
    qint64 width = 0;
    qint64 height = 0;
    int bitsPerPixel = 0;
    quint32 compression = 0;
    if (infoSize == 12) { // OS/2 1.x: 16-bit sizes, no compression
        width = qFromLittleEndian<quint16>(p + 18);
        height = qFromLittleEndian<quint16>(p + 20);
        bitsPerPixel = qFromLittleEndian<quint16>(p + 24);
    } else if (infoSize >= 40 && bytes.size() >= kFileHeader + 40) {
        width = qFromLittleEndian<qint32>(p + 18);
        height = qFromLittleEndian<qint32>(p + 22);
        bitsPerPixel = qFromLittleEndian<quint16>(p + 28);
        compression = qFromLittleEndian<quint32>(p + 30);
    } else {
        return {};
    }
    const bool topDown = height < 0;
    const QString lost = topDown ? QStringLiteral("the bottom of the picture")
                                 : QStringLiteral("the top of the picture (BMP stores it last)");
    const QString warning = QStringLiteral("the BMP is truncated: %1 is missing").arg(lost);
    if (compression == kRle8 || compression == kRle4)
        return rleIsComplete(bytes, pixelsAt, compression == kRle4) ? QString() : warning;
    const qint64 rowBytes = (width * bitsPerPixel + 31) / 32 * 4;
    return qint64(pixelsAt) + rowBytes * std::abs(height) > bytes.size() ? warning : QString();
}

} // namespace

cv::Mat decodeBmp(const QByteArray &bytes, qint64 maxPixels, QString &error, QStringList &warnings)
{
    QtImageReader bmp(bytes, "bmp", maxPixels);
    QImage image;
    if (!bmp.reader.read(&image) || image.isNull()) {
        error = QStringLiteral("the BMP data is corrupt or truncated and could not be decoded (%1)")
                    .arg(bmp.reader.errorString());
        return {};
    }
    if (const QString cut = truncationWarning(bytes); !cut.isEmpty())
        warnings << cut;
    return pipelineMat(std::move(image));
}

} // namespace pixelmill

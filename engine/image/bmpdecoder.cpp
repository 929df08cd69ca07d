// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/bmpdecoder.h"

#include "engine/image/qtimagereader.h"

#include <QtEndian>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace pixelmill {

namespace {

constexpr quint32 kRle8 = 1;
constexpr quint32 kRle4 = 2;

// Which pixels the file's data sets. Qt 6.4 leaves the others as the
// allocator found them: a cut file's missing rows, or the pixels an RLE
// "move" skips, showed whatever image the process had freed last.
struct Coverage
{
    cv::Mat written; ///< 255 where the data sets the pixel, in picture rows; empty if not known
    bool truncated = false; ///< the data ends before the picture does
    bool topDown = false; ///< rows stored top first
};

// Marks stored row `row`, columns [from, to), in `written` (picture rows).
void mark(cv::Mat &written, bool topDown, qint64 row, qint64 from, qint64 to)
{
    if (row < 0 || row >= written.rows || from >= written.cols)
        return;
    const int y = topDown ? int(row) : written.rows - 1 - int(row);
    written.row(y)
        .colRange(int(std::max<qint64>(from, 0)), int(std::min<qint64>(to, written.cols)))
        .setTo(255);
}

// Walks run-length data as a decoder does, marking what it sets; true when
// it reaches the end-of-bitmap code before the bytes end.
bool walkRle(const QByteArray &bytes, qsizetype at, bool fourBit, Coverage &coverage)
{
    const auto byte = [&bytes](qsizetype i) { return uchar(bytes.at(i)); };
    qint64 x = 0;
    qint64 row = 0;
    while (at + 1 < bytes.size() && row < coverage.written.rows) {
        const uchar count = byte(at);
        const uchar code = byte(at + 1);
        at += 2;
        if (count > 0) { // a run of one index (two, alternating, in RLE4)
            mark(coverage.written, coverage.topDown, row, x, x + count);
            x += count;
            continue;
        }
        if (code == 0) { // the end of a line
            x = 0;
            ++row;
        } else if (code == 1) {
            return true; // the end of the bitmap
        } else if (code == 2) { // a move: right and up
            if (at + 1 >= bytes.size())
                return false;
            x += byte(at);
            row += byte(at + 1);
            at += 2;
        } else { // that many pixels as they are, padded to a 16-bit boundary
            const qsizetype literal = fourBit ? (code + 1) / 2 : code;
            if (at + literal > bytes.size())
                return false;
            mark(coverage.written, coverage.topDown, row, x, x + code);
            x += code;
            at += literal + (literal % 2);
        }
    }
    return row >= coverage.written.rows; // rows ended by their codes without the end code: whole enough
}

Coverage coverageOf(const QByteArray &bytes, cv::Size size)
{
    Coverage coverage;
    constexpr qsizetype kFileHeader = 14;
    if (bytes.size() < kFileHeader + 12)
        return coverage;
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const quint32 pixelsAt = qFromLittleEndian<quint32>(p + 10);
    const quint32 infoSize = qFromLittleEndian<quint32>(p + kFileHeader);
    qint64 height = 0;
    int bitsPerPixel = 0;
    quint32 compression = 0;
    if (infoSize == 12) { // OS/2 1.x: 16-bit sizes, no compression
        height = qFromLittleEndian<quint16>(p + 20);
        bitsPerPixel = qFromLittleEndian<quint16>(p + 24);
    } else if (infoSize >= 40 && bytes.size() >= kFileHeader + 40) {
        height = qFromLittleEndian<qint32>(p + 22);
        bitsPerPixel = qFromLittleEndian<quint16>(p + 28);
        compression = qFromLittleEndian<quint32>(p + 30);
    } else {
        return coverage;
    }
    coverage.topDown = height < 0;
    coverage.written = cv::Mat::zeros(size, CV_8UC1);
    if (compression == kRle8 || compression == kRle4) {
        coverage.truncated = !walkRle(bytes, pixelsAt, compression == kRle4, coverage);
        return coverage;
    }
    const qint64 rowBytes = (qint64(size.width) * bitsPerPixel + 31) / 32 * 4;
    const qint64 rowsPresent
        = rowBytes > 0 ? std::max<qint64>(bytes.size() - qint64(pixelsAt), 0) / rowBytes : 0;
    coverage.truncated = rowsPresent < size.height;
    for (qint64 row = 0; row < std::min<qint64>(rowsPresent, size.height); ++row)
        mark(coverage.written, coverage.topDown, row, 0, size.width);
    return coverage;
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
    cv::Mat out = pipelineMat(std::move(image));
    const Coverage coverage = coverageOf(bytes, out.size());
    if (!coverage.written.empty())
        out.setTo(cv::Scalar::all(0), coverage.written == 0); // black (and clear), never stale memory
    if (coverage.truncated)
        warnings << QStringLiteral("the BMP is truncated: %1 is missing and was left black")
                        .arg(coverage.topDown
                                ? QStringLiteral("the bottom of the picture")
                                : QStringLiteral("the top of the picture (BMP stores it last)"));
    return out;
}

} // namespace pixelmill

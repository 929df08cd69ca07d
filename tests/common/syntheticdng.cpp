// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/syntheticdng.h"

#include <QList>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pixelmill::test {

namespace {

enum TiffType : quint16 { Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5, SRational = 10 };

struct Entry
{
    quint16 tag;
    quint16 type;
    quint32 count;
    QByteArray value; // little-endian, as stored
};

template<typename T>
QByteArray littleEndian(std::initializer_list<T> values)
{
    QByteArray out;
    for (T v : values) {
        char b[sizeof(T)];
        qToLittleEndian(v, b);
        out.append(b, sizeof(T));
    }
    return out;
}

QByteArray shorts(std::initializer_list<quint16> values)
{
    return littleEndian(values);
}

QByteArray longs(std::initializer_list<quint32> values)
{
    return littleEndian(values);
}

QByteArray signedRationals(std::initializer_list<double> values)
{
    QByteArray out;
    for (double v : values) {
        char b[8];
        qToLittleEndian(qint32(std::lround(v * 10000)), b);
        qToLittleEndian(qint32(10000), b + 4);
        out.append(b, 8);
    }
    return out;
}

QByteArray ascii(const char *text)
{
    return QByteArray(text).append('\0');
}

struct Directory
{
    QList<Entry> entries;
    QByteArray strip;
};

constexpr quint16 kStripOffsets = 273;
constexpr quint16 kSubIfds = 330;

QByteArray outOfLineValues(const QList<Entry> &entries)
{
    QByteArray extra;
    for (const Entry &e : entries)
        if (e.value.size() > 4)
            extra.append(e.value).append(e.value.size() % 2 ? 1 : 0, '\0');
    return extra;
}

// IFD 0, whose SubIFDs tag (if any) points to the next directory, then each
// directory's out-of-line values, then the strips. StripOffsets and SubIFDs
// values are filled in here.
QByteArray tiffOf(QList<Directory> directories)
{
    QList<quint32> directoryAt;
    quint32 at = 8;
    for (const Directory &d : directories) {
        directoryAt << at;
        at += 2 + quint32(d.entries.size()) * 12 + 4 + quint32(outOfLineValues(d.entries).size());
    }
    QList<quint32> stripAt;
    for (const Directory &d : directories) {
        stripAt << at;
        at += quint32(d.strip.size());
    }
    QByteArray out("II*\0", 4);
    out.append(longs({8}));
    for (qsizetype i = 0; i < directories.size(); ++i) {
        QList<Entry> &entries = directories[i].entries;
        quint32 extraAt = directoryAt[i] + 2 + quint32(entries.size()) * 12 + 4;
        out.append(shorts({quint16(entries.size())}));
        for (Entry &e : entries) {
            if (e.tag == kStripOffsets)
                e.value = longs({stripAt[i]});
            else if (e.tag == kSubIfds)
                e.value = longs({directoryAt.value(i + 1)});
            out.append(shorts({e.tag, quint16(e.type)})).append(longs({e.count}));
            if (e.value.size() <= 4) {
                out.append(e.value.leftJustified(4, '\0'));
            } else {
                out.append(longs({extraAt}));
                extraAt += quint32(e.value.size() + e.value.size() % 2);
            }
        }
        out.append(longs({0}));
        out.append(outOfLineValues(entries));
    }
    for (const Directory &d : directories)
        out.append(d.strip);
    return out;
}

} // namespace

QByteArray syntheticDng(const cv::Mat &linearBgr16, int orientation, const QByteArray &previewJpeg,
                        cv::Size previewSize)
{
    CV_Assert(linearBgr16.type() == CV_16UC3);
    const int width = linearBgr16.cols;
    const int height = linearBgr16.rows;
    QByteArray strip(qsizetype(width) * height * 2, Qt::Uninitialized);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            // RGGB: red on even rows' even columns, blue on odd rows' odd columns.
            const int channel = (y % 2 == 0 && x % 2 == 0) ? 2 : (y % 2 == 1 && x % 2 == 1) ? 0 : 1;
            qToLittleEndian(linearBgr16.at<cv::Vec3w>(y, x)[channel], strip.data() + (qsizetype(y) * width + x) * 2);
        }
    }
    const QList<Entry> camera = {
        {271, Ascii, 10, ascii("Pixelmill")},
        {272, Ascii, 12, ascii("Test Camera")},
        {274, Short, 1, shorts({quint16(orientation)})},
        {50706, Byte, 4, QByteArray("\1\4\0\0", 4)}, // DNGVersion 1.4
        {50707, Byte, 4, QByteArray("\1\1\0\0", 4)},
        {50708, Ascii, 22, ascii("Pixelmill Test Camera")},
        {50721, SRational, 9, signedRationals({3.2406, -1.5372, -0.4986, -0.9689, 1.8758, 0.0415, 0.0557, -0.2040,
                                               1.0570})}, // ColorMatrix1: XYZ → linear sRGB
        {50728, Rational, 3, longs({1, 1, 1, 1, 1, 1})}, // AsShotNeutral: no correction
        {50778, Short, 1, shorts({21})}, // CalibrationIlluminant1: D65
    };
    QList<Entry> sensor = {
        {254, Long, 1, longs({0})}, // the main image, not a preview
        {256, Long, 1, longs({quint32(width)})},
        {257, Long, 1, longs({quint32(height)})},
        {258, Short, 1, shorts({16})},
        {259, Short, 1, shorts({1})}, // uncompressed
        {262, Short, 1, shorts({32803})}, // colour filter array
        {kStripOffsets, Long, 1, longs({0})},
        {277, Short, 1, shorts({1})},
        {278, Long, 1, longs({quint32(height)})},
        {279, Long, 1, longs({quint32(strip.size())})},
        {284, Short, 1, shorts({1})},
        {33421, Short, 2, shorts({2, 2})}, // CFARepeatPatternDim
        {33422, Byte, 4, QByteArray("\0\1\1\2", 4)}, // CFAPattern: R G / G B
        {50714, Long, 1, longs({0})}, // BlackLevel
        {50717, Long, 1, longs({65535})}, // WhiteLevel
    };
    const auto sorted = [](QList<Entry> entries) {
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.tag < b.tag; });
        return entries;
    };
    if (previewJpeg.isEmpty())
        return tiffOf({{sorted(sensor + camera), strip}});
    // As cameras write DNG: IFD 0 is the preview, the sensor data hangs off it.
    const QList<Entry> preview = {
        {254, Long, 1, longs({1})}, // a reduced-resolution copy
        {256, Long, 1, longs({quint32(previewSize.width)})},
        {257, Long, 1, longs({quint32(previewSize.height)})},
        {258, Short, 3, shorts({8, 8, 8})},
        {259, Short, 1, shorts({7})}, // JPEG
        {262, Short, 1, shorts({6})}, // YCbCr
        {kStripOffsets, Long, 1, longs({0})},
        {277, Short, 1, shorts({3})},
        {278, Long, 1, longs({quint32(previewSize.height)})},
        {279, Long, 1, longs({quint32(previewJpeg.size())})},
        {kSubIfds, Long, 1, longs({0})},
    };
    return tiffOf({{sorted(preview + camera), previewJpeg}, {sensor, strip}});
}

} // namespace pixelmill::test

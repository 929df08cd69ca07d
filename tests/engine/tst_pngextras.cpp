// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// What PNG decoding adds from the chunks the decoders leave out, through
// decodeImage: a grey image's colour key, an APNG's frame count.
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>
#include <QtEndian>

using namespace pixelmill;

namespace {

// A grey PNG of `bits` per pixel whose levels are `levels` (row-major,
// width × height), with `extra` chunks between IHDR and IDAT.
QByteArray greyPng(int width, int height, int bits, const std::vector<int> &levels, const QByteArray &extra)
{
    char header[13] = {};
    qToBigEndian<quint32>(quint32(width), header);
    qToBigEndian<quint32>(quint32(height), header + 4);
    header[8] = char(bits); // colour type 0 (grey), deflate, adaptive filters, no interlace
    QByteArray raw;
    const int rowBytes = (width * bits + 7) / 8;
    for (int y = 0; y < height; ++y) {
        QByteArray row(rowBytes, '\0');
        for (int x = 0; x < width; ++x) {
            const int v = levels[size_t(y * width + x)];
            if (bits == 16) {
                row[2 * x] = char(v >> 8);
                row[2 * x + 1] = char(v);
            } else if (bits == 8) {
                row[x] = char(v);
            } else { // most significant bits first
                const int bit = x * bits;
                row[bit / 8] = char(row[bit / 8] | (v << (8 - bits - bit % 8)));
            }
        }
        raw += '\0' + row; // filter: none
    }
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n") + test::pngChunk("IHDR", QByteArray(header, 13)) + extra
        + test::pngChunk("IDAT", qCompress(raw).mid(4)) + test::pngChunk("IEND", {});
}

QByteArray key(int level)
{
    char be[2];
    qToBigEndian<quint16>(quint16(level), be);
    return test::pngChunk("tRNS", QByteArray(be, 2));
}

} // namespace

class TestPngExtras final : public QObject
{
    Q_OBJECT

private slots:
    // OpenCV 4.6 dropped a grey PNG's transparent level: the pixels came out opaque.
    void aGreyColourKeyBecomesAlpha_data()
    {
        QTest::addColumn<int>("bits");
        for (const int bits : {1, 2, 4, 8, 16})
            QTest::addRow("%d-bit", bits) << bits;
    }

    void aGreyColourKeyBecomesAlpha()
    {
        QFETCH(int, bits);
        const int width = 13;
        const int height = 5;
        const int top = (1 << bits) - 1;
        std::vector<int> levels;
        for (int i = 0; i < width * height; ++i)
            levels.push_back((i * 7919) % (top + 1));
        const int transparent = levels[3];
        const DecodedImage d
            = decodeImage(greyPng(width, height, bits, levels, key(transparent)), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_MAKETYPE(bits == 16 ? CV_16U : CV_8U, 4));
        const double scale = bits == 16 ? 1.0 : 255.0 / top;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const int level = levels[size_t(y * width + x)];
                const cv::Scalar px = cv::mean(d.image(cv::Rect(x, y, 1, 1)));
                QCOMPARE(px[0], std::round(level * scale)); // grey, in B, G and R alike
                QCOMPARE(px[2], px[0]);
                QCOMPARE(px[3], level == transparent ? 0.0 : (bits == 16 ? 65535.0 : 255.0));
            }
    }

    void withoutAKeyGreyStaysGrey()
    {
        const DecodedImage d = decodeImage(greyPng(4, 3, 8, std::vector<int>(12, 100), {}), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_8UC1);
    }

    // An APNG's default image is what the decoders give; the rest must not go unsaid.
    void anAnimatedPngSaysSo()
    {
        char control[8] = {};
        qToBigEndian<quint32>(3, control); // frames
        const QByteArray animated
            = greyPng(4, 3, 8, std::vector<int>(12, 100), test::pngChunk("acTL", QByteArray(control, 8)));
        const DecodedImage d = decodeImage(animated, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.warnings,
            QStringList {"the PNG is an animation (APNG) of 3 frames; only its first image was processed"});
        const DecodedImage still
            = decodeImage(greyPng(4, 3, 8, std::vector<int>(12, 100), {}), DecodeOptions());
        QVERIFY(still.warnings.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPngExtras)
#include "tst_pngextras.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// PBM, PGM and PPM, plain and raw, through decodeImage: any maximum value at
// full scale, colour order, bitmaps, cut files and damaged headers.
#include "engine/image/imagedecoder.h"
#include "engine/image/pnmdecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>

using namespace pixelmill;

namespace {

// Samples 0..maximum that differ in every channel and row.
int storedSample(int x, int y, int c, int maximum)
{
    return (x * 37 + y * 11 + c * 101) % (maximum + 1);
}

// A PGM (1 channel) or PPM (3) of `width` x `height` stored samples.
QByteArray greyOrColour(
    bool plain, int channels, int width, int height, int maximum, const QByteArray &comment = {})
{
    const char kind = channels == 1 ? (plain ? '2' : '5') : (plain ? '3' : '6');
    QByteArray bytes = QByteArray("P") + kind + "\n" + comment + QByteArray::number(width) + " "
        + QByteArray::number(height) + "\n" + QByteArray::number(maximum) + "\n";
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c) {
                const int v = storedSample(x, y, c, maximum);
                if (plain)
                    bytes += QByteArray::number(v) + ' ';
                else if (maximum > 255)
                    bytes += char(v >> 8) + QByteArray(1, char(v & 0xFF));
                else
                    bytes += char(v);
            }
        if (plain)
            bytes += '\n';
    }
    return bytes;
}

// A checkered bitmap: pixel (x, y) is black (1) when x * y + x is odd.
bool black(int x, int y)
{
    return (x * y + x) % 2 == 1;
}

QByteArray bitmap(bool plain, int width, int height, bool spaced)
{
    QByteArray bytes = QByteArray(plain ? "P1\n" : "P4\n") + QByteArray::number(width) + " "
        + QByteArray::number(height) + "\n";
    for (int y = 0; y < height; ++y) {
        QByteArray packed((width + 7) / 8, '\0');
        for (int x = 0; x < width; ++x) {
            if (plain)
                bytes += QByteArray(black(x, y) ? "1" : "0") + (spaced ? " " : "");
            else if (black(x, y))
                packed[x / 8] = char(packed[x / 8] | (0x80 >> (x % 8)));
        }
        bytes += plain ? QByteArray("\n") : packed;
    }
    return bytes;
}

} // namespace

class TestPnmDecoder final : public QObject
{
    Q_OBJECT

private slots:
    // The nearest level, halves up, as netpbm: maximum 100, level 30 is 77 (76.5).
    void everySampleAtItsFullScale_data()
    {
        QTest::addColumn<bool>("plain");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("maximum");
        QTest::addColumn<QByteArray>("comment");
        for (const bool plain : {false, true}) {
            const QByteArray kind = plain ? "plain " : "raw ";
            QTest::newRow(kind + "PGM, 100 levels") << plain << 1 << 100 << QByteArray();
            QTest::newRow(kind + "PGM, full 8 bits") << plain << 1 << 255 << QByteArray();
            QTest::newRow(kind + "PGM, 10 bits, a comment") << plain << 1 << 1023 << QByteArray("# camera\n");
            QTest::newRow(kind + "PGM, full 16 bits") << plain << 1 << 65535 << QByteArray();
            QTest::newRow(kind + "PPM, 4 bits") << plain << 3 << 15 << QByteArray();
            QTest::newRow(kind + "PPM, full 8 bits") << plain << 3 << 255 << QByteArray();
            QTest::newRow(kind + "PPM, 12 bits") << plain << 3 << 4095 << QByteArray();
            QTest::newRow(kind + "PPM, full 16 bits") << plain << 3 << 65535 << QByteArray();
        }
    }

    void everySampleAtItsFullScale()
    {
        QFETCH(bool, plain);
        QFETCH(int, channels);
        QFETCH(int, maximum);
        QFETCH(QByteArray, comment);
        const DecodedImage d
            = decodeImage(greyOrColour(plain, channels, 31, 7, maximum, comment), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QVERIFY(d.warnings.isEmpty());
        const bool deep = maximum > 255;
        const long full = deep ? 65535 : 255;
        QCOMPARE(d.image.type(), CV_MAKETYPE(deep ? CV_16U : CV_8U, channels));
        QCOMPARE(d.image.size(), cv::Size(31, 7));
        for (int y = 0; y < 7; ++y)
            for (int x = 0; x < 31; ++x)
                for (int c = 0; c < channels; ++c) {
                    const int source = channels == 3 ? 2 - c : 0; // BGR out of RGB
                    const long want = (storedSample(x, y, source, maximum) * full + maximum / 2) / maximum;
                    const long got = deep ? d.image.ptr<uint16_t>(y)[x * channels + c]
                                          : d.image.ptr<uchar>(y)[x * channels + c];
                    QCOMPARE(got, want);
                }
    }

    void samplesAboveTheMaximumCountAsTheMaximum()
    {
        const DecodedImage raw
            = decodeImage(QByteArray("P5\n3 1\n100\n") + char(99) + char(100) + char(250), DecodeOptions());
        QVERIFY2(raw.error.isEmpty(), qPrintable(raw.error));
        QCOMPARE(int(raw.image.at<uchar>(0, 2)), 255);
        QCOMPARE(int(raw.image.at<uchar>(0, 0)), 252);
        const DecodedImage plain = decodeImage(QByteArray("P2\n2 1\n1000\n999999999 500\n"), DecodeOptions());
        QVERIFY2(plain.error.isEmpty(), qPrintable(plain.error));
        QCOMPARE(int(plain.image.at<uint16_t>(0, 0)), 65535);
        QCOMPARE(int(plain.image.at<uint16_t>(0, 1)), 32768);
    }

    void bitmapsAreBlackOnWhite_data()
    {
        QTest::addColumn<bool>("plain");
        QTest::addColumn<bool>("spaced");
        QTest::addColumn<int>("width");
        QTest::newRow("raw, 13 wide (rows padded)") << false << false << 13;
        QTest::newRow("raw, 16 wide") << false << false << 16;
        QTest::newRow("plain, spaced") << true << true << 13;
        QTest::newRow("plain, digits run together") << true << false << 13;
    }

    void bitmapsAreBlackOnWhite()
    {
        QFETCH(bool, plain);
        QFETCH(bool, spaced);
        QFETCH(int, width);
        const DecodedImage d = decodeImage(bitmap(plain, width, 5, spaced), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_8UC1);
        QCOMPARE(d.image.size(), cv::Size(width, 5));
        for (int y = 0; y < 5; ++y)
            for (int x = 0; x < width; ++x)
                QCOMPARE(int(d.image.at<uchar>(y, x)), black(x, y) ? 0 : 255);
    }

    void aCutFileKeepsItsWholeRows_data()
    {
        QTest::addColumn<QByteArray>("whole");
        QTest::addColumn<int>("cut");
        QTest::addColumn<int>("kept");
        QTest::addColumn<QString>("warning");
        QTest::newRow("raw PPM, 16-bit")
            << greyOrColour(false, 3, 10, 8, 1023) << 10 * 3 * 2 * 5 + 7 << 2
            << "the PPM is truncated: 6 of its 8 rows are missing and were left black";
        // The last row is 36 characters; the cut ends in the middle of row 6's
        // last number, which could have had more digits: that row is not whole.
        QTest::newRow("plain PGM, cut in a number")
            << greyOrColour(true, 1, 10, 8, 255) << 36 + 4 << 6
            << "the PGM is damaged or truncated: 2 of its 8 rows are missing and were left black";
        QTest::newRow("raw PBM") << bitmap(false, 13, 8, false) << 2 * 3 + 1 << 4
                                 << "the PBM is truncated: 4 of its 8 rows are missing and were left black";
    }

    void aCutFileKeepsItsWholeRows()
    {
        QFETCH(QByteArray, whole);
        QFETCH(int, cut);
        QFETCH(int, kept);
        QFETCH(QString, warning);
        const DecodedImage full = decodeImage(whole, DecodeOptions());
        QVERIFY2(full.error.isEmpty(), qPrintable(full.error));
        const DecodedImage part = decodeImage(whole.chopped(cut), DecodeOptions());
        QVERIFY2(part.error.isEmpty(), qPrintable(part.error));
        QCOMPARE(part.warnings, QStringList {warning});
        QCOMPARE(cv::norm(part.image.rowRange(0, kept), full.image.rowRange(0, kept), cv::NORM_INF), 0.0);
        QCOMPARE(cv::countNonZero(part.image.rowRange(kept, 8).reshape(1)), 0);
    }

    void damagedFilesAreRefusedWithTheirReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no whole row")
            << QByteArray("P6\n20 2\n255\nabc") << "the PPM is truncated: it holds no whole row of pixels";
        QTest::newRow("a word among the samples")
            << QByteArray("P2\n2 2\n255\n1 two 3 4\n")
            << "the PGM is damaged or truncated: it holds no whole row of pixels";
        QTest::newRow("a plain bitmap of 2s") << QByteArray(
            "P1\n2 2\n2 2 2 2\n") << "the PBM is damaged or truncated: it holds no whole row of pixels";
    }

    void damagedFilesAreRefusedWithTheirReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY(d.image.empty());
        QCOMPARE(d.error, reason);
    }

    // Headers Qt's probe passes: the decoder has its own word on them.
    void hostileHeadersAreRefused()
    {
        QString error;
        QStringList warnings;
        QVERIFY(decodePnm("P2\n3P1Y1023\n2 5 6\n", 200'000'000, error, warnings).empty());
        QCOMPARE(error, QStringLiteral("cannot read the PGM header: it is damaged or truncated"));
        // 180 MP in 20 bytes: no row could be there (Qt's probe refuses these too).
        QVERIFY(decodePnm("P5\n60000 3000\n255\n1 2", 200'000'000, error, warnings).empty());
        QCOMPARE(error, QStringLiteral("the PGM is truncated: it holds no whole row of pixels"));
        QVERIFY(decodePnm("P3\n60000 3000\n65535\n1 2", 200'000'000, error, warnings).empty());
        QCOMPARE(error, QStringLiteral("the PPM is damaged or truncated: it holds no whole row of pixels"));
        QVERIFY(decodePnm(QByteArray("P5\n100 100\n255\n") + QByteArray(10000, 'x'), 9999, error, warnings)
                    .empty());
        QCOMPARE(error, QStringLiteral("the PGM is 100 x 100 pixels, over the pixel limit"));
        for (const QByteArray &bytes :
            {QByteArray("P5\n2 2\n0\nabcd"), QByteArray("P5\n2 2\n70000\nabcdefgh"),
                QByteArray("P5\n0 2\n255\nabcd"), QByteArray("P5\n2 2\n255")}) {
            const DecodedImage d = decodeImage(bytes, DecodeOptions());
            QVERIFY2(d.image.empty() && !d.error.isEmpty(), bytes.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestPnmDecoder)
#include "tst_pnmdecoder.moc"

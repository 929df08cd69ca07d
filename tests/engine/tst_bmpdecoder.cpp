// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// BMPs through decodeImage (Qt's reader): the layouts OpenCV 4.6 read wrongly
// or refused, and files cut short.
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>
#include <QtEndian>

using namespace pixelmill;

namespace {

void put16(QByteArray &bytes, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    bytes.append(b, 2);
}

void put32(QByteArray &bytes, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    bytes.append(b, 4);
}

// The 14-byte file header, then `info` (the DIB header and anything before the pixels), then `pixels`.
QByteArray bmpFile(const QByteArray &info, const QByteArray &pixels)
{
    QByteArray file("BM");
    put32(file, quint32(14 + info.size() + pixels.size()));
    put32(file, 0);
    put32(file, quint32(14 + info.size()));
    return file + info + pixels;
}

// A 40-byte BITMAPINFOHEADER.
QByteArray infoHeader(int width, int height, int bits, quint32 compression, int coloursUsed = 0)
{
    QByteArray info;
    put32(info, 40);
    put32(info, quint32(width));
    put32(info, quint32(height));
    put16(info, 1);
    put16(info, quint16(bits));
    put32(info, compression);
    put32(info, 0);
    put32(info, 2835);
    put32(info, 2835);
    put32(info, quint32(coloursUsed));
    put32(info, 0);
    return info;
}

// Rows bottom up, each padded to four bytes, from `row(y)`'s bytes.
template<typename Row>
QByteArray bottomUp(int height, Row row)
{
    QByteArray pixels;
    for (int y = height - 1; y >= 0; --y) {
        QByteArray line = row(y);
        line.append(QByteArray((4 - line.size() % 4) % 4, '\0'));
        pixels += line;
    }
    return pixels;
}

} // namespace

class TestBmpDecoder final : public QObject
{
    Q_OBJECT

private slots:
    // OS/2 1.x bitmaps (a 12-byte header): OpenCV made one grey channel of them.
    void readsOs2Bitmaps()
    {
        const cv::Mat img = test::syntheticImage(21, 13);
        QByteArray core;
        put32(core, 12);
        put16(core, 21);
        put16(core, 13);
        put16(core, 1);
        put16(core, 24);
        const QByteArray bmp = bmpFile(core, bottomUp(13, [&](int y) {
            return QByteArray(reinterpret_cast<const char *>(img.ptr(y)), 21 * 3); // BGR, as BMP stores it
        }));
        const DecodedImage d = decodeImage(bmp, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_8UC3);
        QCOMPARE(test::largestDifference(d.image, img), 0);
        QVERIFY(d.warnings.isEmpty());
    }

    // 16-bit pixels with bit fields (RGB565): OpenCV refused them.
    void readsRgb565()
    {
        const cv::Mat img = test::syntheticImage(19, 11);
        QByteArray info = infoHeader(19, 11, 16, 3);
        put32(info, 0xF800);
        put32(info, 0x07E0);
        put32(info, 0x001F);
        const QByteArray bmp = bmpFile(info, bottomUp(11, [&](int y) {
            QByteArray line;
            for (int x = 0; x < 19; ++x) {
                const cv::Vec3b p = img.at<cv::Vec3b>(y, x);
                put16(line, quint16((p[2] >> 3) << 11 | (p[1] >> 2) << 5 | p[0] >> 3));
            }
            return line;
        }));
        const DecodedImage d = decodeImage(bmp, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_8UC3);
        QVERIFY2(test::largestDifference(d.image, img) <= 7, // 5 and 6 bits a channel
            qPrintable(QString::number(test::largestDifference(d.image, img))));
    }

    // A palette of greys gives one grey channel, as OpenCV gave it.
    void aPaletteOfGreysIsGrey()
    {
        QByteArray info = infoHeader(8, 4, 8, 0, 256);
        for (int i = 0; i < 256; ++i)
            put32(info, quint32(i * 0x010101));
        const QByteArray bmp = bmpFile(info, bottomUp(4, [](int y) {
            QByteArray line;
            for (int x = 0; x < 8; ++x)
                line.append(char(x * 30 + y));
            return line;
        }));
        const DecodedImage d = decodeImage(bmp, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_8UC1);
        QCOMPARE(int(d.image.at<uchar>(2, 5)), 5 * 30 + 2);
    }

    // Qt 6.4 leaves the rows a cut file lacks as its allocator found them (the
    // pixels of an image freed before) and says nothing: they must come out
    // black, and the user hears which part of the picture they were.
    void aCutFileSaysWhatIsMissing_data()
    {
        QTest::addColumn<bool>("topDown");
        QTest::addColumn<bool>("runLength");
        QTest::addColumn<QString>("lost");
        QTest::newRow("bottom up") << false << false << "the top of the picture";
        QTest::newRow("top down") << true << false << "the bottom of the picture";
        QTest::newRow("run-length coded") << false << true << "the top of the picture";
    }

    void aCutFileSaysWhatIsMissing()
    {
        QFETCH(bool, topDown);
        QFETCH(bool, runLength);
        QFETCH(QString, lost);
        const int width = 16;
        const int height = 12;
        QByteArray info = infoHeader(width, topDown ? -height : height, 8, runLength ? 1 : 0, 256);
        for (int i = 0; i < 256; ++i)
            put32(info, quint32(i << 16 | (255 - i))); // red rising, blue falling: colours, none black
        QByteArray pixels;
        if (runLength) {
            for (int y = 0; y < height; ++y) { // two runs a row, then the end of the line
                pixels.append(char(width / 2)).append(char(y * 10));
                pixels.append(char(width / 2)).append(char(y * 10 + 5));
                pixels.append('\0').append('\0');
            }
            pixels.append('\0').append('\x01');
        } else {
            pixels = bottomUp(height, [](int y) { return QByteArray(width, char(y * 10)); });
        }
        const QByteArray whole = bmpFile(info, pixels);
        const DecodedImage complete = decodeImage(whole, DecodeOptions());
        QVERIFY2(complete.error.isEmpty(), qPrintable(complete.error));
        QCOMPARE(complete.image.type(), CV_8UC3);
        QVERIFY2(complete.warnings.isEmpty(), qPrintable(complete.warnings.join(' ')));
        cv::Mat black;
        cv::inRange(complete.image, cv::Scalar::all(0), cv::Scalar::all(0), black);
        QCOMPARE(cv::countNonZero(black), 0);

        // Decoded right after the whole file, whose freed pixels the allocator hands out again.
        const DecodedImage cut = decodeImage(whole.left(whole.size() - pixels.size() / 2), DecodeOptions());
        QVERIFY2(cut.error.isEmpty(), qPrintable(cut.error));
        QCOMPARE(cut.image.size(), cv::Size(width, height));
        QCOMPARE(cut.warnings.size(), 1);
        QVERIFY2(cut.warnings.first().startsWith("the BMP is truncated: " + lost),
            qPrintable(cut.warnings.first()));
        const int storedFirst = topDown ? 0 : height - 1;
        const int storedLast = height - 1 - storedFirst;
        QCOMPARE(test::largestDifference(cut.image.row(storedFirst), complete.image.row(storedFirst)), 0);
        QCOMPARE(cv::norm(cut.image.row(storedLast), cv::NORM_INF), 0.0);
    }

    // An RLE "move" skips pixels the file never sets: black, with no warning.
    void pixelsARunLengthMoveSkipsAreBlack()
    {
        const int width = 8;
        const int height = 4;
        QByteArray info = infoHeader(width, height, 8, 1, 256);
        for (int i = 0; i < 256; ++i)
            put32(info, quint32(i << 16 | (255 - i)));
        QByteArray pixels;
        pixels.append(char(width)).append(char(50)).append('\0').append('\0'); // bottom row: index 50
        pixels.append(char(2)).append(char(60)); // next row: two pixels,
        pixels.append('\0').append('\x02').append(char(3)).append(char(1)); // then move 3 right, 1 up
        pixels.append(char(3)).append(char(70)).append('\0').append('\0'); // three more, end of line
        pixels.append('\0').append('\x01');
        const QByteArray file = bmpFile(info, pixels);
        decodeImage(bmpFile(infoHeader(width, height, 24, 0), QByteArray(width * 3 * height, '\x7f')),
            DecodeOptions()); // leaves grey behind in the allocator
        const DecodedImage d = decodeImage(file, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QVERIFY2(d.warnings.isEmpty(), qPrintable(d.warnings.join(' ')));
        QCOMPARE(d.image.at<cv::Vec3b>(3, 0), cv::Vec3b(205, 0, 50)); // BGR of index 50
        QCOMPARE(d.image.at<cv::Vec3b>(2, 1), cv::Vec3b(195, 0, 60));
        QCOMPARE(d.image.at<cv::Vec3b>(2, 2), cv::Vec3b(0, 0, 0)); // skipped
        QCOMPARE(d.image.at<cv::Vec3b>(1, 4), cv::Vec3b(0, 0, 0)); // skipped by the move from x 2 to 5
        QCOMPARE(d.image.at<cv::Vec3b>(1, 5), cv::Vec3b(185, 0, 70));
        QCOMPARE(d.image.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0)); // never reached
    }
};

QTEST_GUILESS_MAIN(TestBmpDecoder)
#include "tst_bmpdecoder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/pngencoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QTest>

using namespace pixelmill;

namespace {

// libpng (through OpenCV) checks every CRC and the zlib stream while decoding.
cv::Mat decodedByLibpng(const EncodedImage &png)
{
    if (!png.error.isEmpty())
        qFatal("%s", qPrintable(png.error));
    return cv::imdecode(png.bytes, cv::IMREAD_UNCHANGED);
}

int idatChunks(const std::vector<uchar> &png)
{
    int count = 0;
    for (size_t at = 8; at + 8 <= png.size();) {
        const size_t length = size_t(png[at]) << 24 | size_t(png[at + 1]) << 16 | size_t(png[at + 2]) << 8 | png[at + 3];
        count += std::equal(png.begin() + long(at) + 4, png.begin() + long(at) + 8, "IDAT") ? 1 : 0;
        at += length + 12;
    }
    return count;
}

} // namespace

class TestPngEncoder final : public QObject
{
    Q_OBJECT

private slots:
    void everyLayoutRoundTripsExactly_data()
    {
        test::addEveryLayoutRow(67, 41);
        QTest::newRow("one column") << int(CV_8U) << 3 << 1 << 50;
        QTest::newRow("one row") << int(CV_16U) << 4 << 50 << 1;
    }
    void everyLayoutRoundTripsExactly()
    {
        QFETCH(int, depth);
        QFETCH(int, channels);
        QFETCH(int, width);
        QFETCH(int, height);
        const cv::Mat in = test::syntheticImage(width, height, depth, channels);
        for (int level : {0, 1, 6, 9}) {
            const cv::Mat back = decodedByLibpng(encodePng(in, level));
            QCOMPARE(back.type(), in.type());
            QCOMPARE(cv::norm(back, in, cv::NORM_INF), 0.0);
        }
    }

    // Grey pixels are stored as grey and an alpha opaque everywhere is left out,
    // so a grey+alpha PNG (which decodes to BGRA) is not rewritten at twice the
    // size. The pixels stay exactly the same; one differing sample keeps the layout.
    void greyAndOpaqueAlphaAreStoredSmaller_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("colour");
        QTest::addColumn<bool>("alpha");
        QTest::addColumn<bool>("opaque");
        QTest::addColumn<int>("colourType");
        for (int depth : {CV_8U, CV_16U}) {
            const QByteArray bits = depth == CV_8U ? "8-bit " : "16-bit ";
            QTest::newRow(bits + "grey as BGR") << depth << false << false << false << 0;
            QTest::newRow(bits + "grey+alpha as BGRA") << depth << false << true << false << 4;
            QTest::newRow(bits + "grey, opaque BGRA") << depth << false << true << true << 0;
            QTest::newRow(bits + "colour, opaque BGRA") << depth << true << true << true << 2;
            QTest::newRow(bits + "colour") << depth << true << false << false << 2;
            QTest::newRow(bits + "colour+alpha") << depth << true << true << false << 6;
        }
    }
    void greyAndOpaqueAlphaAreStoredSmaller()
    {
        QFETCH(int, depth);
        QFETCH(bool, colour);
        QFETCH(bool, alpha);
        QFETCH(bool, opaque);
        QFETCH(int, colourType);
        const cv::Mat grey = test::syntheticImage(61, 37, depth, 1);
        cv::Mat pixels = colour ? test::syntheticImage(61, 37, depth, 3) : cv::Mat();
        if (!colour)
            cv::merge(std::vector<cv::Mat>{grey, grey, grey}, pixels);
        cv::Mat in = pixels;
        if (alpha) {
            const double max = depth == CV_8U ? 255 : 65535;
            cv::Mat a = opaque ? cv::Mat(grey.size(), depth, cv::Scalar(max)) : 255 - grey / 2;
            cv::merge(std::vector<cv::Mat>{pixels, a}, in);
        }
        const EncodedImage png = encodePng(in, 6);
        QCOMPARE(int(png.bytes.at(25)), colourType);
        const cv::Mat back = decodedByLibpng(png);
        const cv::Mat expected = colourType == 0 ? grey : colourType == 2 ? pixels : in;
        QCOMPARE(back.depth(), depth);
        QCOMPARE(back.channels(), expected.channels());
        QCOMPARE(cv::norm(back, expected, cv::NORM_INF), 0.0);

        // One pixel not grey and one not opaque, and nothing is reduced.
        cv::Mat spoiled = in.clone();
        const int channels = in.channels();
        const auto flip = [&](int x, int channel) {
            if (depth == CV_8U)
                spoiled.ptr<uchar>(20)[x * channels + channel] ^= 1;
            else
                spoiled.ptr<uint16_t>(20)[x * channels + channel] ^= 1;
        };
        flip(10, 0);
        if (channels == 4)
            flip(11, 3);
        const EncodedImage full = encodePng(spoiled, 6);
        QCOMPARE(int(full.bytes.at(25)), channels == 4 ? 6 : 2);
        QCOMPARE(cv::norm(decodedByLibpng(full), spoiled, cv::NORM_INF), 0.0);
    }

    void aRegionOfALargerImageIsEncodedByItsRows()
    {
        const cv::Mat whole = test::syntheticImage(100, 80, CV_8U, 3);
        const cv::Mat region = whole(cv::Rect(13, 7, 41, 29));
        QVERIFY(!region.isContinuous());
        QCOMPARE(cv::norm(decodedByLibpng(encodePng(region, 6)), region, cv::NORM_INF), 0.0);
    }

    void levelsTradeSizeForSpeedLikeZlib()
    {
        const cv::Mat smooth = test::syntheticImage(256, 256, CV_8U, 3);
        const size_t stored = encodePng(smooth, 0).bytes.size();
        const size_t fast = encodePng(smooth, 1).bytes.size();
        const size_t best = encodePng(smooth, 9).bytes.size();
        QVERIFY(stored > size_t(256 * 256 * 3)); // level 0 stores, as zlib's does
        QVERIFY(fast < stored);
        QVERIFY(best <= fast);
    }

    void largeImagesAreSplitIntoIdatChunks()
    {
        cv::Mat noise(800, 800, CV_8UC3);
        cv::randu(noise, 0, 256);
        const EncodedImage png = encodePng(noise, 0);
        QVERIFY(idatChunks(png.bytes) >= 2);
        QCOMPARE(cv::norm(decodedByLibpng(png), noise, cv::NORM_INF), 0.0);
    }

    void unsupportedLayoutsAreRefusedWithAReason()
    {
        QVERIFY(!encodePng(cv::Mat(4, 4, CV_8UC2, cv::Scalar::all(0)), 6).error.isEmpty());
        QVERIFY(!encodePng(cv::Mat(4, 4, CV_32FC3, cv::Scalar::all(0)), 6).error.isEmpty());
        QVERIFY(!encodePng(cv::Mat(), 6).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPngEncoder)
#include "tst_pngencoder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// CMYK TIFFs (prepress exports) through decodeImage: 16-bit ones, which OpenCV
// refuses, and 8-bit ones, whose ICC profile OpenCV ignores.
#include "engine/image/imagedecoder.h"
#include "tests/common/pressprofile.h"
#include "tests/common/testutils.h"
#include "tests/common/tiffwriter.h"

#include <opencv2/core.hpp>

#include <QTest>

#include <cstring>

#include <tiffio.h>

using namespace pixelmill;

namespace {

// Inks that vary across the page: cyan left to right, magenta top to bottom,
// yellow and black in a checker, alpha in steps.
cv::Mat inks(int width, int height, int samples)
{
    cv::Mat page(height, width, CV_16UC(samples));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            uint16_t *p = page.ptr<uint16_t>(y) + x * samples;
            p[0] = uint16_t(65535 * x / std::max(1, width - 1));
            p[1] = uint16_t(65535 * y / std::max(1, height - 1));
            p[2] = ((x / 4 + y / 4) % 2) ? 50000 : 3000;
            p[3] = ((x / 8 + y / 8) % 2) ? 20000 : 0;
            if (samples > 4)
                p[4] = uint16_t(65535 - 4096 * (x % 16));
        }
    return page;
}

// What the decoder must give, in floating point: each light channel is
// (1 − ink)(1 − K), BGR order, alpha carried over (to within rounding).
cv::Mat expectedLight(const cv::Mat &cmyk)
{
    std::vector<cv::Mat> ink;
    cv::split(cmyk, ink);
    const auto fraction = [](const cv::Mat &plane) {
        cv::Mat f;
        plane.convertTo(f, CV_64F, -1.0 / 65535, 1.0); // 1 − ink
        return f;
    };
    const cv::Mat paper = fraction(ink[3]);
    std::vector<cv::Mat> light {
        fraction(ink[2]).mul(paper), fraction(ink[1]).mul(paper), fraction(ink[0]).mul(paper)};
    for (cv::Mat &plane : light)
        plane.convertTo(plane, CV_16U, 65535.0);
    if (ink.size() > 4)
        light.push_back(ink[4]);
    cv::Mat bgr;
    cv::merge(light, bgr);
    return bgr;
}

// `cmyk` (16-bit, C, M, Y, K and maybe alpha) as a CMYK TIFF of `layout`;
// an 8-bit layout keeps each ink's high byte.
QByteArray cmykTiff(const cv::Mat &cmyk, test::TiffLayout layout, const QString &path)
{
    layout.photometric = PHOTOMETRIC_SEPARATED;
    layout.inkSet = INKSET_CMYK;
    if (cmyk.channels() > 4)
        layout.extraSamples = {EXTRASAMPLE_UNASSALPHA};
    return test::writeTiff(cmyk, layout, path);
}

} // namespace

class TestCmykTiffDecoding final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

private slots:
    void sixteenBitInksBecomeSixteenBitLight_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("compression");
        QTest::addColumn<bool>("planar");
        QTest::addColumn<int>("tile");
        QTest::addColumn<int>("rowsPerStrip");
        QTest::newRow("strips, uncompressed") << 64 << 48 << 4 << COMPRESSION_NONE << false << 0 << 0;
        QTest::newRow("strips of 7 rows, LZW, odd size")
            << 61 << 37 << 4 << COMPRESSION_LZW << false << 0 << 7;
        QTest::newRow("planar, deflate") << 50 << 30 << 4 << COMPRESSION_ADOBE_DEFLATE << true << 0 << 8;
        QTest::newRow("tiles of 16, partial tiles") << 40 << 35 << 4 << COMPRESSION_NONE << false << 16 << 0;
        QTest::newRow("planar tiles, LZW") << 33 << 17 << 4 << COMPRESSION_LZW << true << 16 << 0;
        QTest::newRow("with alpha") << 32 << 20 << 5 << COMPRESSION_LZW << false << 0 << 0;
        QTest::newRow("one pixel") << 1 << 1 << 4 << COMPRESSION_NONE << false << 0 << 0;
    }

    void sixteenBitInksBecomeSixteenBitLight()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, samples);
        QFETCH(int, compression);
        QFETCH(bool, planar);
        QFETCH(int, tile);
        QFETCH(int, rowsPerStrip);
        const cv::Mat page = inks(width, height, samples);
        const QByteArray bytes = cmykTiff(page,
            {.bits = 16,
                .compression = uint16_t(compression),
                .planar = planar,
                .tile = uint32_t(tile),
                .rowsPerStrip = uint32_t(rowsPerStrip)},
            m_dir.filePath("c.tif"));
        QVERIFY(!bytes.isEmpty());
        const DecodedImage decoded = decodeImage(bytes, DecodeOptions());
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QCOMPARE(decoded.image.type(), CV_16UC(samples > 4 ? 4 : 3));
        QCOMPARE(decoded.image.size(), cv::Size(width, height));
        QVERIFY(test::largestDifference(decoded.image, expectedLight(page)) <= 1);
    }

    // The 8-bit file of the same inks agrees with the 16-bit one to within rounding.
    void agreesWithTheEightBitPath()
    {
        const cv::Mat page = inks(48, 32, 4);
        const DecodedImage deep
            = decodeImage(cmykTiff(page, {.bits = 16}, m_dir.filePath("16.tif")), DecodeOptions());
        const DecodedImage shallow
            = decodeImage(cmykTiff(page, {.bits = 8}, m_dir.filePath("8.tif")), DecodeOptions());
        QVERIFY2(deep.error.isEmpty() && shallow.error.isEmpty(), qPrintable(deep.error + shallow.error));
        QCOMPARE(shallow.image.type(), CV_8UC3);
        cv::Mat deepAs8;
        deep.image.convertTo(deepAs8, CV_8U, 1.0 / 257);
        QVERIFY(test::largestDifference(deepAs8, shallow.image) <= 2);
    }

    // OpenCV reads 8-bit inks through libtiff's RGBA interface; without a
    // profile ours must give the very same pixels.
    void eightBitInksDecodeAsOpenCvDoes_data()
    {
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("tile");
        QTest::newRow("strips, LZW") << COMPRESSION_LZW << 0;
        QTest::newRow("tiles of 16") << COMPRESSION_NONE << 16;
    }

    void eightBitInksDecodeAsOpenCvDoes()
    {
        QFETCH(int, compression);
        QFETCH(int, tile);
        const QByteArray bytes = cmykTiff(inks(45, 29, 4),
            {.bits = 8, .compression = uint16_t(compression), .tile = uint32_t(tile)},
            m_dir.filePath("8.tif"));
        const DecodedImage decoded = decodeImage(bytes, DecodeOptions());
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QCOMPARE(decoded.inks, InkLight::ByFormula);
        QCOMPARE(decoded.image.type(), CV_8UC3);
        QCOMPARE(test::largestDifference(decoded.image, test::openCvDecode(bytes, cv::IMREAD_COLOR)), 0);
    }

    // A prepress TIFF's profile says what its inks look like (see tst_cmykconversion).
    void theFilesProfileIsUsed_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("samples");
        QTest::newRow("8-bit") << 8 << 4;
        QTest::newRow("16-bit") << 16 << 4;
        QTest::newRow("8-bit with alpha") << 8 << 5;
    }

    void theFilesProfileIsUsed()
    {
        QFETCH(int, bits);
        QFETCH(int, samples);
        const cv::Mat page = inks(40, 24, samples);
        const QByteArray bytes = cmykTiff(page,
            {.bits = uint16_t(bits), .compression = COMPRESSION_LZW, .icc = test::swappedPressProfile()},
            m_dir.filePath("profiled.tif"));
        const DecodedImage decoded = decodeImage(bytes, DecodeOptions());
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QCOMPARE(decoded.inks, InkLight::ThroughProfile);
        QCOMPARE(decoded.image.type(), CV_MAKETYPE(bits == 16 ? CV_16U : CV_8U, samples > 4 ? 4 : 3));
        cv::Mat light;
        decoded.image.convertTo(light, CV_8U, bits == 16 ? 1.0 / 257 : 1.0);
        double worst = 0;
        for (int y = 0; y < page.rows; ++y)
            for (int x = 0; x < page.cols; ++x) {
                const uint16_t *ink = page.ptr<uint16_t>(y) + x * samples;
                const cv::Vec3b want = test::swappedPressBgr(
                    ink[0] / 65535.0, ink[1] / 65535.0, ink[2] / 65535.0, ink[3] / 65535.0);
                const uchar *got = light.ptr<uchar>(y) + x * light.channels();
                worst = std::max(worst, cv::norm(cv::Vec3b(got[0], got[1], got[2]), want, cv::NORM_INF));
                if (samples > 4)
                    QCOMPARE(int(got[3]), ink[4] >> 8);
            }
        QVERIFY2(worst <= 5, qPrintable(QString::number(worst)));
    }

    void damagedDataFailsWithTheReason()
    {
        const QByteArray whole = cmykTiff(inks(64, 48, 4),
            {.bits = 16, .compression = COMPRESSION_LZW, .rowsPerStrip = 8}, m_dir.filePath("whole.tif"));
        QVERIFY(!whole.isEmpty());
        // LZW strips come first, the directory last: cut into the strips' data.
        QByteArray damaged = whole;
        for (qsizetype i = 16; i < damaged.size() / 2; i += 3)
            damaged[i] = char(0xFF);
        const DecodedImage decoded = decodeImage(damaged, DecodeOptions());
        QVERIFY(decoded.image.empty());
        QVERIFY2(decoded.error.startsWith("the CMYK TIFF could not be decoded: "), qPrintable(decoded.error));
    }
};

QTEST_GUILESS_MAIN(TestCmykTiffDecoding)
#include "tst_cmyktiffdecoding.moc"

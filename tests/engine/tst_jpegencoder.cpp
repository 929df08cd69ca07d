// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/jpegencoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QTest>

using namespace pixelmill;

namespace {

// The sampling byte (h << 4 | v) of each component in the frame header (SOF0/SOF2).
QList<int> samplingFactors(const std::vector<uchar> &jpeg)
{
    for (size_t i = 2; i + 10 < jpeg.size(); ++i) {
        if (jpeg[i] != 0xFF || (jpeg[i + 1] != 0xC0 && jpeg[i + 1] != 0xC2))
            continue;
        const int components = jpeg[i + 9];
        QList<int> factors;
        for (int c = 0; c < components && i + 12 + size_t(c) * 3 < jpeg.size(); ++c)
            factors << jpeg[i + 11 + size_t(c) * 3];
        return factors;
    }
    return {};
}

// Alternating one-pixel red and blue columns: detail only full chroma resolution keeps.
cv::Mat chromaStripes()
{
    cv::Mat m(64, 64, CV_8UC3);
    for (int x = 0; x < m.cols; ++x)
        m.col(x).setTo(x % 2 ? cv::Scalar(255, 0, 0) : cv::Scalar(0, 0, 255));
    return m;
}

} // namespace

class TestJpegEncoder final : public QObject
{
    Q_OBJECT

private slots:
    void subsamplingIsWrittenIntoTheFrameHeader_data()
    {
        QTest::addColumn<int>("subsampling");
        QTest::addColumn<bool>("progressive");
        QTest::addColumn<int>("lumaFactors");
        QTest::newRow("4:4:4") << int(ChromaSubsampling::S444) << false << 0x11;
        QTest::newRow("4:2:2") << int(ChromaSubsampling::S422) << false << 0x21;
        QTest::newRow("4:2:0") << int(ChromaSubsampling::S420) << false << 0x22;
        QTest::newRow("4:4:4 progressive") << int(ChromaSubsampling::S444) << true << 0x11;
    }
    void subsamplingIsWrittenIntoTheFrameHeader()
    {
        QFETCH(int, subsampling);
        QFETCH(bool, progressive);
        QFETCH(int, lumaFactors);
        const cv::Mat in = test::syntheticImage(96, 64);
        const EncodedImage jpeg = encodeJpeg(in, 90, progressive, ChromaSubsampling(subsampling));
        QVERIFY2(jpeg.error.isEmpty(), qPrintable(jpeg.error));
        QCOMPARE(samplingFactors(jpeg.bytes), (QList<int>{lumaFactors, 0x11, 0x11}));
        const cv::Mat back = cv::imdecode(jpeg.bytes, cv::IMREAD_COLOR);
        QCOMPARE(back.size(), in.size());
        QVERIFY(test::psnr(back, in) > 30);
    }

    void fullChromaKeepsColourDetailThatSubsamplingLoses()
    {
        const cv::Mat stripes = chromaStripes();
        const auto quality = [&](ChromaSubsampling s) {
            return test::psnr(cv::imdecode(encodeJpeg(stripes, 95, false, s).bytes, cv::IMREAD_COLOR), stripes);
        };
        QVERIFY(quality(ChromaSubsampling::S444) > quality(ChromaSubsampling::S420) + 10);
    }

    void greyStaysOneComponent()
    {
        const EncodedImage jpeg = encodeJpeg(test::syntheticImage(40, 30, CV_8U, 1), 85, false, ChromaSubsampling::S420);
        QCOMPARE(samplingFactors(jpeg.bytes), QList<int>{0x11});
        QCOMPARE(cv::imdecode(jpeg.bytes, cv::IMREAD_UNCHANGED).channels(), 1);
    }

    void qualityChangesTheSize()
    {
        const cv::Mat in = test::syntheticImage(128, 128);
        QVERIFY(encodeJpeg(in, 20, false, ChromaSubsampling::S420).bytes.size()
                < encodeJpeg(in, 98, false, ChromaSubsampling::S420).bytes.size());
    }

    void impossibleInputsFailWithAReasonInsteadOfAborting()
    {
        const EncodedImage wide = encodeJpeg(cv::Mat(1, 65536, CV_8UC3, cv::Scalar::all(0)), 90, false,
                                             ChromaSubsampling::S420);
        QVERIFY(wide.error.contains("65500"));
        QVERIFY(wide.bytes.empty());
        QVERIFY(!encodeJpeg(cv::Mat(4, 4, CV_16UC3, cv::Scalar::all(0)), 90, false, ChromaSubsampling::S420)
                     .error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJpegEncoder)
#include "tst_jpegencoder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/webpencoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <map>

#include <webp/mux.h>

#include <QTest>

using namespace pixelmill;

namespace {

std::vector<uchar> iccChunk(const std::vector<uchar> &webp)
{
    const WebPData data{webp.data(), webp.size()};
    WebPMux *mux = WebPMuxCreate(&data, 0);
    std::vector<uchar> out;
    WebPData chunk;
    if (mux && WebPMuxGetChunk(mux, "ICCP", &chunk) == WEBP_MUX_OK)
        out.assign(chunk.bytes, chunk.bytes + chunk.size);
    WebPMuxDelete(mux);
    return out;
}

} // namespace

class TestWebpEncoder final : public QObject
{
    Q_OBJECT

private slots:
    void lossyKeepsAlphaAndLooksRight()
    {
        const cv::Mat in = test::syntheticImage(96, 64, CV_8U, 4);
        const EncodedImage webp = encodeWebp(in, {80, false, 4});
        QVERIFY2(webp.error.isEmpty(), qPrintable(webp.error));
        const cv::Mat back = cv::imdecode(webp.bytes, cv::IMREAD_UNCHANGED);
        QCOMPARE(back.channels(), 4);
        QVERIFY(test::psnr(back, in) > 25);
    }

    void losslessIsExactEvenUnderTransparentPixels()
    {
        cv::Mat in = test::syntheticImage(64, 48, CV_8U, 4);
        in(cv::Rect(0, 0, 20, 20)).forEach<cv::Vec4b>([](cv::Vec4b &p, const int *) { p[3] = 0; });
        const cv::Mat back = cv::imdecode(encodeWebp(in, {75, true, 4}).bytes, cv::IMREAD_UNCHANGED);
        QCOMPARE(cv::norm(back, in, cv::NORM_INF), 0.0);
    }

    void effortChangesTheEncoding()
    {
        const cv::Mat in = test::syntheticImage(256, 192);
        const EncodedImage fast = encodeWebp(in, {80, false, 0});
        const EncodedImage slow = encodeWebp(in, {80, false, 6});
        QVERIFY(fast.bytes != slow.bytes);
        QVERIFY(test::psnr(cv::imdecode(fast.bytes, cv::IMREAD_COLOR), in) > 28);
        QVERIFY(test::psnr(cv::imdecode(slow.bytes, cv::IMREAD_COLOR), in) > 28);
    }

    // The alpha plane is lossless under every alpha filter: the setting only
    // trades encoding time for size. A soft-edged mask is where the filters
    // pay, so there None must cost bytes and Best must not.
    void alphaFilterChangesOnlyTheSizeOfTheAlpha()
    {
        cv::Mat in = test::syntheticImage(320, 240, CV_8U, 4);
        cv::Mat mask(in.size(), CV_8U);
        cv::randu(mask, 0, 256);
        cv::GaussianBlur(mask, mask, cv::Size(0, 0), 6);
        cv::threshold(mask, mask, 128, 255, cv::THRESH_BINARY);
        cv::GaussianBlur(mask, mask, cv::Size(0, 0), 1.5);
        cv::insertChannel(mask, in, 3);
        std::map<WebpAlphaFilter, std::vector<uchar>> encoded;
        for (WebpAlphaFilter filter : {WebpAlphaFilter::None, WebpAlphaFilter::Fast, WebpAlphaFilter::Best}) {
            const EncodedImage webp = encodeWebp(in, {80, false, 4, filter});
            QVERIFY2(webp.error.isEmpty(), qPrintable(webp.error));
            const cv::Mat back = cv::imdecode(webp.bytes, cv::IMREAD_UNCHANGED);
            cv::Mat alpha;
            cv::extractChannel(back, alpha, 3);
            QCOMPARE(cv::norm(alpha, mask, cv::NORM_INF), 0.0);
            encoded[filter] = webp.bytes;
        }
        QVERIFY(encoded[WebpAlphaFilter::None].size() > encoded[WebpAlphaFilter::Fast].size());
        QVERIFY(encoded[WebpAlphaFilter::Best].size() <= encoded[WebpAlphaFilter::Fast].size());
    }

    void tooLargeForWebpIsAnErrorWithTheLimit()
    {
        const EncodedImage webp = encodeWebp(cv::Mat(2, 16384, CV_8UC3, cv::Scalar::all(9)), {80, false, 4});
        QVERIFY(webp.error.contains("16383"));
        QVERIFY(!encodeWebp(cv::Mat(4, 4, CV_16UC3, cv::Scalar::all(0)), {}).error.isEmpty());
    }

    void iccProfileIsEmbeddedAndTheImageStillDecodes()
    {
        const cv::Mat in = test::syntheticImage(32, 32, CV_8U, 4);
        std::vector<uchar> webp = encodeWebp(in, {80, false, 4}).bytes;
        const std::vector<uchar> profile = {'f', 'a', 'k', 'e', ' ', 'i', 'c', 'c', 0, 1, 2, 3};
        QString error;
        QVERIFY(embedWebpIccProfile(webp, profile, &error));
        QCOMPARE(iccChunk(webp), profile);
        QCOMPARE(cv::imdecode(webp, cv::IMREAD_UNCHANGED).channels(), 4);
        std::vector<uchar> notWebp = {'n', 'o', 'p', 'e'};
        QVERIFY(!embedWebpIccProfile(notWebp, profile, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWebpEncoder)
#include "tst_webpencoder.moc"

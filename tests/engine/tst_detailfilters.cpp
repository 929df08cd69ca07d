// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/testutils.h"
#include "tests/engine/filtertestbase.h"

#include <opencv2/imgproc.hpp>

#include <QTest>

using namespace pixelmill;

class TestDetailFilters final : public QObject
{
    Q_OBJECT

private:
    test::FilterRunner m_filters;

private slots:
    void medianRemovesSpecksAndKeepsEdges()
    {
        cv::Mat in(21, 21, CV_8UC1, cv::Scalar(0));
        in(cv::Rect(10, 0, 11, 21)).setTo(200);
        in.at<uchar>(5, 3) = 255; // a speck
        const cv::Mat out = m_filters.run("median_blur", {{"radius", 1}}, in);
        QCOMPARE(int(out.at<uchar>(5, 3)), 0);
        QCOMPARE(int(out.at<uchar>(10, 9)), 0);
        QCOMPARE(int(out.at<uchar>(10, 10)), 200);
        cv::Mat in16;
        in.convertTo(in16, CV_16U, 257);
        QCOMPARE(int(m_filters.run("median_blur", {{"radius", 5}}, in16).at<ushort>(5, 3)), 0);
    }

    void boxBlurAveragesExactly()
    {
        cv::Mat in(5, 5, CV_8UC1, cv::Scalar(0));
        in.at<uchar>(2, 2) = 90;
        const cv::Mat out = m_filters.run("box_blur", {{"radius", 1}}, in);
        QCOMPARE(int(out.at<uchar>(2, 2)), 10);
        QCOMPARE(int(out.at<uchar>(1, 1)), 10);
        QCOMPARE(int(out.at<uchar>(0, 0)), 0);
    }

    void bilateralSmoothsNoiseButNotEdges()
    {
        cv::Mat in(40, 40, CV_8UC3, cv::Scalar(60, 60, 60));
        in(cv::Rect(20, 0, 20, 40)).setTo(cv::Scalar(200, 200, 200));
        cv::Mat noise(in.size(), CV_8UC3);
        cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
        cv::Mat noisy = in + noise;
        const cv::Mat out = m_filters.run("bilateral", {{"radius", 4}, {"similarity", 15}}, noisy);
        QVERIFY(cv::norm(out, in, cv::NORM_L2) < cv::norm(noisy, in, cv::NORM_L2));
        QVERIFY(out.at<cv::Vec3b>(20, 18)[0] < 80); // the edge stays sharp
        QVERIFY(out.at<cv::Vec3b>(20, 21)[0] > 180);
    }

    void denoiseReducesNoise()
    {
        const cv::Mat clean = test::syntheticImage(64, 48);
        cv::Mat noise(clean.size(), CV_16SC3);
        cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(12));
        cv::Mat noisy;
        cv::add(clean, noise, noisy, cv::noArray(), CV_8UC3);
        const cv::Mat out = m_filters.run("denoise", {{"strength", 10}}, noisy);
        QVERIFY(test::psnr(out, clean) > test::psnr(noisy, clean) + 2);
    }

    void embossIsMidGreyOnFlatAreas()
    {
        const cv::Mat flat(9, 9, CV_8UC1, cv::Scalar(30));
        QCOMPARE(int(m_filters.run("emboss", {}, flat).at<uchar>(4, 4)), 128);
        cv::Mat step(9, 9, CV_8UC1, cv::Scalar(0));
        step(cv::Rect(5, 0, 4, 9)).setTo(200);
        QVERIFY(m_filters.run("emboss", {}, step).at<uchar>(4, 4) > 128);
    }

    void edgesFindTheStep()
    {
        cv::Mat step(20, 20, CV_8UC3, cv::Scalar(0, 0, 0));
        step(cv::Rect(10, 0, 10, 20)).setTo(cv::Scalar(255, 255, 255));
        const cv::Mat canny = m_filters.run("edges", {}, step);
        QCOMPARE(canny.channels(), 3);
        QVERIFY(canny.at<cv::Vec3b>(10, 9)[0] == 255 || canny.at<cv::Vec3b>(10, 10)[0] == 255);
        QCOMPARE(int(canny.at<cv::Vec3b>(10, 2)[0]), 0);
        const cv::Mat sobel = m_filters.run("edges", {{"method", "sobel"}}, step);
        QVERIFY(sobel.at<cv::Vec3b>(10, 10)[0] > 100);
        QCOMPARE(int(sobel.at<cv::Vec3b>(10, 2)[0]), 0);
    }

    void vignetteDarkensCornersOnly()
    {
        const cv::Mat white(41, 61, CV_8UC4, cv::Scalar(255, 255, 255, 255));
        const cv::Mat out = m_filters.run("vignette", {{"strength", 80}, {"radius", 30}}, white);
        QCOMPARE(out.at<cv::Vec4b>(20, 30), cv::Vec4b(255, 255, 255, 255));
        QVERIFY(out.at<cv::Vec4b>(0, 0)[0] <= 52);
        QCOMPARE(int(out.at<cv::Vec4b>(0, 0)[3]), 255);
    }

    void trimCutsUniformBorders()
    {
        cv::Mat in(30, 40, CV_8UC3, cv::Scalar(255, 255, 255));
        in(cv::Rect(5, 7, 12, 9)).setTo(cv::Scalar(10, 20, 30));
        const cv::Mat out = m_filters.run("trim", {}, in);
        QCOMPARE(out.size(), cv::Size(12, 9));
        const cv::Mat blank(10, 10, CV_8UC1, cv::Scalar(3));
        QCOMPARE(m_filters.run("trim", {}, blank).size(), blank.size());
    }

    void straightenRotatesAndCropsWithoutEmptyCorners()
    {
        const cv::Mat in = test::syntheticImage(300, 200, CV_8U, 4);
        QCOMPARE(cv::norm(m_filters.run("straighten", {{"angle", 0}}, in), in, cv::NORM_INF), 0.0);
        const cv::Mat out = m_filters.run("straighten", {{"angle", 5}}, in);
        QVERIFY(out.cols < 300 && out.rows < 200);
        QVERIFY(std::abs(double(out.cols) / out.rows - 1.5) < 0.02); // aspect kept
        // Every pixel comes from inside the image: alpha never drops to a fill value.
        cv::Mat alpha;
        cv::extractChannel(out, alpha, 3);
        double minAlpha = 0;
        cv::minMaxLoc(alpha, &minAlpha);
        QVERIFY(minAlpha >= 60);
    }

    void canvasAddsBordersAndPadsToAspect()
    {
        const cv::Mat in(10, 20, CV_8UC4, cv::Scalar(1, 2, 3, 255));
        const cv::Mat border = m_filters.run("canvas", {{"size", 3}, {"color", "#0000ff00"}}, in);
        QCOMPARE(border.size(), cv::Size(26, 16));
        QCOMPARE(border.at<cv::Vec4b>(0, 0), cv::Vec4b(0, 255, 0, 0));
        QCOMPARE(border.at<cv::Vec4b>(3, 3), cv::Vec4b(1, 2, 3, 255));
        const cv::Mat square = m_filters.run("canvas", {{"aspect_w", 1}, {"aspect_h", 1}}, in);
        QCOMPARE(square.size(), cv::Size(20, 20));
        QCOMPARE(square.at<cv::Vec4b>(5, 0), cv::Vec4b(1, 2, 3, 255));
        QCOMPARE(square.at<cv::Vec4b>(4, 0), cv::Vec4b(255, 255, 255, 255));
    }
};

QTEST_GUILESS_MAIN(TestDetailFilters)
#include "tst_detailfilters.moc"

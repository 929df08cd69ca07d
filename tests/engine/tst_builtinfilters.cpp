// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/filterregistry.h"
#include "tests/common/testutils.h"

#include <opencv2/imgproc.hpp>

#include <QTest>

using namespace pixelmill;

class TestBuiltinFilters final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;

    cv::Mat run(const QString &id, const QVariantMap &params, const cv::Mat &in)
    {
        const auto n = m_registry.normalized(FilterStep{id, 1, true, params});
        if (!n.ok())
            qFatal("%s", qPrintable(n.error));
        return m_registry.find(id)->apply(in, n.value.params, CancelToken());
    }

    static bool equal(const cv::Mat &a, const cv::Mat &b)
    {
        return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
    }

private slots:
    void initTestCase() { registerBuiltinFilters(m_registry); }

    void resizeSizes_data()
    {
        QTest::addColumn<QVariantMap>("params");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("long edge") << QVariantMap{{"long_edge", 200}} << QSize(200, 150);
        QTest::newRow("no enlarge") << QVariantMap{{"long_edge", 1920}} << QSize(400, 300);
        QTest::newRow("enlarge") << QVariantMap{{"long_edge", 800}, {"enlarge", true}} << QSize(800, 600);
        QTest::newRow("width") << QVariantMap{{"width", 100}} << QSize(100, 75);
        QTest::newRow("height") << QVariantMap{{"height", 30}} << QSize(40, 30);
        QTest::newRow("percent") << QVariantMap{{"percent", 25}} << QSize(100, 75);
        QTest::newRow("fit box") << QVariantMap{{"width", 100}, {"height", 100}} << QSize(100, 75);
        QTest::newRow("exact") << QVariantMap{{"mode", "exact"}, {"width", 50}, {"height", 10}}
                               << QSize(50, 10);
    }
    void resizeSizes()
    {
        QFETCH(QVariantMap, params);
        QFETCH(QSize, expected);
        const cv::Mat out = run("resize", params, test::syntheticImage(400, 300));
        QCOMPARE(QSize(out.cols, out.rows), expected);
    }

    void resizeAreaAveragesBlocks()
    {
        cv::Mat in(2, 4, CV_8UC1);
        in.setTo(0);
        in(cv::Rect(0, 0, 2, 2)).setTo(200);
        const cv::Mat out = run("resize", {{"mode", "exact"}, {"width", 2}, {"height", 1}}, in);
        QCOMPARE(int(out.at<uchar>(0, 0)), 200);
        QCOMPARE(int(out.at<uchar>(0, 1)), 0);
    }

    void cropRectangleIsExact()
    {
        const cv::Mat in = test::syntheticImage(60, 40, CV_16U, 4);
        const cv::Mat out = run("crop", {{"x", 10}, {"y", 5}, {"width", 20}, {"height", 10}}, in);
        QVERIFY(equal(out, in(cv::Rect(10, 5, 20, 10))));
    }

    void cropRectangleIsClippedToTheImage()
    {
        const cv::Mat in = test::syntheticImage(60, 40);
        const cv::Mat out = run("crop", {{"x", 50}, {"y", 30}, {"width", 100}, {"height", 100}}, in);
        QVERIFY(equal(out, in(cv::Rect(50, 30, 10, 10))));
    }

    void cropOutsideTheImageFailsClearly()
    {
        const cv::Mat in = test::syntheticImage(60, 40);
        QVERIFY_THROWS_EXCEPTION(FilterError,
                                 run("crop", {{"x", 100}, {"y", 0}, {"width", 5}, {"height", 5}}, in));
    }

    void cropToAspectIsCentred()
    {
        const cv::Mat in = test::syntheticImage(40, 20);
        const cv::Mat out = run("crop", {{"aspect_w", 1}, {"aspect_h", 1}}, in);
        QVERIFY(equal(out, in(cv::Rect(10, 0, 20, 20))));
        const cv::Mat wide = run("crop", {{"aspect_w", 4}, {"aspect_h", 1}}, in);
        QVERIFY(equal(wide, in(cv::Rect(0, 5, 40, 10))));
    }

    void rotate90MapsPixelsExactly()
    {
        const cv::Mat in = test::syntheticImage(7, 5, CV_8U, 3);
        const cv::Mat out = run("rotate", {{"angle", 90}}, in);
        QCOMPARE(out.cols, 5);
        QCOMPARE(out.rows, 7);
        for (int y = 0; y < out.rows; ++y) {
            for (int x = 0; x < out.cols; ++x) // clockwise: top-left comes from bottom-left
                QCOMPARE(out.at<cv::Vec3b>(y, x), in.at<cv::Vec3b>(in.rows - 1 - x, y));
        }
        const cv::Mat back = run("rotate", {{"angle", -90}}, out);
        QVERIFY(equal(back, in));
        QVERIFY(equal(run("rotate", {{"angle", 180}}, run("rotate", {{"angle", 180}}, in)), in));
        QVERIFY(equal(run("rotate", {{"angle", 360}}, in), in));
    }

    void rotateArbitraryFillsCornersWithBackground()
    {
        const cv::Mat in(40, 40, CV_8UC4, cv::Scalar(0, 0, 255, 255));
        const cv::Mat out = run("rotate", {{"angle", 45}, {"background", "#8000ff00"}}, in);
        QVERIFY(out.cols >= 56 && out.cols <= 58);
        QCOMPARE(out.at<cv::Vec4b>(0, 0), cv::Vec4b(0, 255, 0, 128));
        const cv::Vec4b centre = out.at<cv::Vec4b>(out.rows / 2, out.cols / 2);
        QCOMPARE(centre, cv::Vec4b(0, 0, 255, 255));
        const cv::Mat kept = run("rotate", {{"angle", 10}, {"expand", false}}, in);
        QCOMPARE(kept.size(), in.size());
    }

    void flipMirrors()
    {
        const cv::Mat in = test::syntheticImage(9, 4, CV_16U, 1);
        const cv::Mat h = run("flip", {{"direction", "horizontal"}}, in);
        const cv::Mat v = run("flip", {{"direction", "vertical"}}, in);
        for (int y = 0; y < in.rows; ++y) {
            for (int x = 0; x < in.cols; ++x) {
                QCOMPARE(h.at<ushort>(y, x), in.at<ushort>(y, in.cols - 1 - x));
                QCOMPARE(v.at<ushort>(y, x), in.at<ushort>(in.rows - 1 - y, x));
            }
        }
    }

    void grayscaleUsesLuminanceAndKeepsAlpha()
    {
        cv::Mat in(1, 3, CV_8UC4);
        in.at<cv::Vec4b>(0, 0) = {0, 0, 255, 10}; // red
        in.at<cv::Vec4b>(0, 1) = {0, 255, 0, 20}; // green
        in.at<cv::Vec4b>(0, 2) = {255, 0, 0, 30}; // blue
        const cv::Mat out = run("grayscale", {}, in);
        QCOMPARE(out.at<cv::Vec4b>(0, 0), cv::Vec4b(76, 76, 76, 10));
        QCOMPARE(out.at<cv::Vec4b>(0, 1), cv::Vec4b(150, 150, 150, 20));
        QCOMPARE(out.at<cv::Vec4b>(0, 2), cv::Vec4b(29, 29, 29, 30));
        cv::Mat bgr;
        cv::cvtColor(in, bgr, cv::COLOR_BGRA2BGR);
        const cv::Mat grey = run("grayscale", {}, bgr);
        QCOMPARE(grey.channels(), 1);
        QCOMPARE(int(grey.at<uchar>(0, 0)), 76);
    }

    void brightnessAndContrastAreLinearAndSpareAlpha()
    {
        const cv::Mat in = test::syntheticImage(16, 16, CV_8U, 4);
        const cv::Mat flat = run("brightness_contrast", {{"contrast", -100}}, in);
        std::vector<cv::Mat> planes;
        cv::split(flat, planes);
        for (int c = 0; c < 3; ++c)
            QCOMPARE(cv::countNonZero(planes[c] != 128), 0);
        std::vector<cv::Mat> inPlanes;
        cv::split(in, inPlanes);
        QCOMPARE(cv::norm(planes[3], inPlanes[3], cv::NORM_INF), 0.0);
        const cv::Mat white = run("brightness_contrast", {{"brightness", 100}}, in);
        cv::split(white, planes);
        QCOMPARE(cv::countNonZero(planes[0] != 255), 0);
        const cv::Mat g16(1, 1, CV_16UC1, cv::Scalar(1000));
        QCOMPARE(int(run("brightness_contrast", {{"brightness", 10}}, g16).at<ushort>(0, 0)),
                 1000 + 6554);
    }

    void gammaFollowsThePowerLaw()
    {
        cv::Mat in8(1, 2, CV_8UC1);
        in8.at<uchar>(0, 0) = 64;
        in8.at<uchar>(0, 1) = 255;
        const cv::Mat out8 = run("gamma", {{"gamma", 2.0}}, in8);
        QCOMPARE(int(out8.at<uchar>(0, 0)), 128); // 255·(64/255)^0.5 = 127.75
        QCOMPARE(int(out8.at<uchar>(0, 1)), 255);
        const cv::Mat in16(1, 1, CV_16UC1, cv::Scalar(16384));
        QCOMPARE(int(run("gamma", {{"gamma", 2.0}}, in16).at<ushort>(0, 0)), 32768);
    }

    void blurOfAnImpulseIsSymmetricAndKeepsTheSum()
    {
        cv::Mat impulse = cv::Mat::zeros(41, 41, CV_16UC1);
        impulse.at<ushort>(20, 20) = 60000;
        const cv::Mat out = run("gaussian_blur", {{"sigma", 2.0}}, impulse);
        cv::Mat mirrored;
        cv::flip(out, mirrored, -1);
        QCOMPARE(cv::norm(out, mirrored, cv::NORM_INF), 0.0);
        cv::Mat transposed;
        cv::transpose(out, transposed);
        QCOMPARE(cv::norm(out, transposed, cv::NORM_INF), 0.0);
        const double sum = cv::sum(out)[0];
        QVERIFY2(std::abs(sum - 60000) < 200, qPrintable(QString::number(sum)));
        QVERIFY(out.at<ushort>(20, 20) < 60000 && out.at<ushort>(20, 20) > 1000);
        // σ=2 puts about 1/(2πσ²) of the mass in the centre pixel.
        QVERIFY(std::abs(out.at<ushort>(20, 20) - 60000 / (2 * M_PI * 4)) < 200);
    }

    void unsharpMaskSharpensEdgesOnly()
    {
        cv::Mat edge(20, 20, CV_8UC3, cv::Scalar(100, 100, 100));
        edge(cv::Rect(10, 0, 10, 20)).setTo(cv::Scalar(150, 150, 150));
        const cv::Mat out = run("unsharp_mask", {{"sigma", 1.0}, {"amount", 1.0}}, edge);
        QVERIFY(out.at<cv::Vec3b>(10, 9)[0] < 100); // undershoot on the dark side
        QVERIFY(out.at<cv::Vec3b>(10, 10)[0] > 150); // overshoot on the bright side
        QCOMPARE(out.at<cv::Vec3b>(10, 2), cv::Vec3b(100, 100, 100)); // flat area untouched
        const cv::Mat held = run("unsharp_mask", {{"amount", 1.0}, {"threshold", 50}}, edge);
        QVERIFY(equal(held, edge));
    }
};

QTEST_GUILESS_MAIN(TestBuiltinFilters)
#include "tst_builtinfilters.moc"

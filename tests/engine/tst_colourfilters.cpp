// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/testutils.h"
#include "tests/engine/filtertestbase.h"

#include <opencv2/imgproc.hpp>

#include <QTest>

using namespace pixelmill;

class TestColourFilters final : public QObject
{
    Q_OBJECT

private:
    test::FilterRunner m_filters;

private slots:
    void invertIsItsOwnInverseAndSparesAlpha()
    {
        const cv::Mat in = test::syntheticImage(16, 12, CV_16U, 4);
        const cv::Mat once = m_filters.run("invert", {}, in);
        QCOMPARE(once.at<cv::Vec4w>(0, 0)[0], ushort(65535 - in.at<cv::Vec4w>(0, 0)[0]));
        QCOMPARE(once.at<cv::Vec4w>(3, 5)[3], in.at<cv::Vec4w>(3, 5)[3]);
        QCOMPARE(cv::norm(m_filters.run("invert", {}, once), in, cv::NORM_INF), 0.0);
    }

    void thresholdFixedAndOtsu()
    {
        cv::Mat in(1, 4, CV_8UC1);
        in.at<uchar>(0, 0) = 10;
        in.at<uchar>(0, 1) = 120;
        in.at<uchar>(0, 2) = 140;
        in.at<uchar>(0, 3) = 250;
        const cv::Mat fixed = m_filters.run("threshold", {{"level", 50}}, in);
        QCOMPARE(fixed.at<uchar>(0, 1), uchar(0));
        QCOMPARE(fixed.at<uchar>(0, 2), uchar(255));
        const cv::Mat otsu = m_filters.run("threshold", {{"mode", "otsu"}}, in);
        QCOMPARE(otsu.at<uchar>(0, 0), uchar(0));
        QCOMPARE(otsu.at<uchar>(0, 3), uchar(255));
        cv::Mat colour(1, 1, CV_16UC3, cv::Scalar(40000, 40000, 40000));
        QCOMPARE(m_filters.run("threshold", {{"level", 60}}, colour).at<cv::Vec3w>(0, 0), cv::Vec3w(65535, 65535, 65535));
    }

    void posterizeSnapsToEvenLevels()
    {
        cv::Mat in(1, 4, CV_8UC1);
        in.at<uchar>(0, 0) = 0;
        in.at<uchar>(0, 1) = 60;
        in.at<uchar>(0, 2) = 70;
        in.at<uchar>(0, 3) = 255;
        const cv::Mat out = m_filters.run("posterize", {{"levels", 3}}, in);
        QCOMPARE(int(out.at<uchar>(0, 1)), 0); // 60 is nearer 0 than 127.5
        QCOMPARE(int(out.at<uchar>(0, 2)), 128); // 70 is nearer the middle level
        QCOMPARE(int(out.at<uchar>(0, 3)), 255);
    }

    void levelsMapsBlackAndWhitePoints()
    {
        cv::Mat in(1, 3, CV_8UC1);
        in.at<uchar>(0, 0) = 51; // 20 %
        in.at<uchar>(0, 1) = 127;
        in.at<uchar>(0, 2) = 204; // 80 %
        const cv::Mat out = m_filters.run("levels", {{"black", 20}, {"white", 80}}, in);
        QCOMPARE(int(out.at<uchar>(0, 0)), 0);
        QVERIFY(std::abs(out.at<uchar>(0, 1) - 127) <= 2);
        QCOMPARE(int(out.at<uchar>(0, 2)), 255);
        cv::Mat dull(10, 10, CV_8UC3, cv::Scalar(100, 100, 100));
        dull(cv::Rect(0, 0, 5, 10)).setTo(cv::Scalar(150, 150, 150));
        const cv::Mat stretched = m_filters.run("levels", {{"auto", true}, {"clip", 0}}, dull);
        QCOMPARE(int(stretched.at<cv::Vec3b>(0, 9)[0]), 0);
        QVERIFY(stretched.at<cv::Vec3b>(0, 0)[0] >= 250);
    }

    void autoContrastRaisesLocalContrast()
    {
        cv::Mat in = test::syntheticImage(128, 96);
        cv::Mat flat;
        in.convertTo(flat, CV_8U, 0.2, 100); // squeeze into 100..151
        const cv::Mat out = m_filters.run("auto_contrast", {{"clip_limit", 4.0}}, flat);
        cv::Scalar mean;
        cv::Scalar sdIn;
        cv::Scalar sdOut;
        cv::meanStdDev(flat, mean, sdIn);
        cv::meanStdDev(out, mean, sdOut);
        QVERIFY(sdOut[0] > sdIn[0] * 1.3);
        QCOMPARE(m_filters.run("auto_contrast", {}, test::syntheticImage(40, 30, CV_16U, 3)).depth(), CV_16U);
    }

    void hueRotationAndSaturation()
    {
        const cv::Mat red(1, 1, CV_8UC3, cv::Scalar(0, 0, 255));
        const cv::Vec3b green = m_filters.run("hue_saturation", {{"hue", 120}}, red).at<cv::Vec3b>(0, 0);
        QVERIFY2(green[1] > 250 && green[2] < 5 && green[0] < 5, "red rotated by 120° is green");
        const cv::Vec3b grey = m_filters.run("hue_saturation", {{"saturation", -100}}, red).at<cv::Vec3b>(0, 0);
        QCOMPARE(grey[0], grey[2]);
        const cv::Mat dark(1, 1, CV_8UC1, cv::Scalar(100));
        QCOMPARE(int(m_filters.run("hue_saturation", {{"lightness", -50}}, dark).at<uchar>(0, 0)), 50);
    }

    void temperatureWarmsAndCools()
    {
        const cv::Mat grey(1, 1, CV_8UC3, cv::Scalar(128, 128, 128));
        const cv::Vec3b warm = m_filters.run("color_temperature", {{"temperature", 50}}, grey).at<cv::Vec3b>(0, 0);
        QVERIFY(warm[2] > 128 && warm[0] < 128);
        const cv::Vec3b cool = m_filters.run("color_temperature", {{"temperature", -50}}, grey).at<cv::Vec3b>(0, 0);
        QVERIFY(cool[2] < 128 && cool[0] > 128);
    }

    void sepiaTonesAndColoursGrey()
    {
        const cv::Mat grey(1, 1, CV_8UC1, cv::Scalar(128));
        const cv::Mat out = m_filters.run("sepia", {}, grey);
        QCOMPARE(out.channels(), 3);
        const cv::Vec3b v = out.at<cv::Vec3b>(0, 0);
        QVERIFY(v[2] > v[1] && v[1] > v[0]); // red > green > blue: brown
        QCOMPARE(cv::norm(m_filters.run("sepia", {{"strength", 0}}, test::syntheticImage(8, 8)),
                          test::syntheticImage(8, 8), cv::NORM_INF), 0.0);
    }

    void curvesPassThroughTheirPointsInEveryDepth()
    {
        for (int depth : {CV_8U, CV_16U}) {
            const cv::Mat in = test::syntheticImage(32, 24, depth, 4);
            QCOMPARE(cv::norm(m_filters.run("curves", {}, in), in, cv::NORM_INF), 0.0);
        }
        cv::Mat ramp(1, 256, CV_8UC1);
        for (int x = 0; x < 256; ++x)
            ramp.at<uchar>(0, x) = uchar(x);
        const cv::Mat inverted = m_filters.run("curves", {{"points", "0,255 255,0"}}, ramp);
        QCOMPARE(int(inverted.at<uchar>(0, 0)), 255);
        QCOMPARE(int(inverted.at<uchar>(0, 200)), 55);
        const cv::Mat lifted = m_filters.run("curves", {{"points", "0,0; 128,200; 255,255"}}, ramp);
        QCOMPARE(int(lifted.at<uchar>(0, 128)), 200);
        const cv::Mat deep(1, 1, CV_16UC1, cv::Scalar(128 * 257));
        QVERIFY(std::abs(int(m_filters.run("curves", {{"points", "0,0 128,200 255,255"}}, deep).at<ushort>(0, 0))
                         - 200 * 257) <= 1);
    }

    void curvesNeverOvershootBetweenPoints()
    {
        cv::Mat ramp(1, 256, CV_8UC1);
        for (int x = 0; x < 256; ++x)
            ramp.at<uchar>(0, x) = uchar(x);
        const cv::Mat steep = m_filters.run("curves", {{"points", "0,0 100,10 110,245 255,255"}}, ramp);
        for (int x = 1; x < 256; ++x)
            QVERIFY2(steep.at<uchar>(0, x) >= steep.at<uchar>(0, x - 1), qPrintable(QString::number(x)));
        QVERIFY(steep.at<uchar>(0, 50) <= 10);
        QVERIFY(steep.at<uchar>(0, 180) >= 245);
    }

    void curvesOnOneChannelLeaveTheOthersAndAlpha()
    {
        const cv::Mat in = test::syntheticImage(16, 16, CV_8U, 4);
        const cv::Mat out = m_filters.run("curves", {{"points", "0,255 255,0"}, {"channel", "red"}}, in);
        const cv::Vec4b a = in.at<cv::Vec4b>(5, 7);
        const cv::Vec4b b = out.at<cv::Vec4b>(5, 7);
        QCOMPARE(int(b[2]), 255 - a[2]);
        QCOMPARE(b[0], a[0]);
        QCOMPARE(b[1], a[1]);
        QCOMPARE(b[3], a[3]);
        const cv::Mat grey = test::syntheticImage(8, 8, CV_8U, 1);
        QCOMPARE(cv::norm(m_filters.run("curves", {{"points", "0,255 255,0"}, {"channel", "blue"}}, grey), grey,
                          cv::NORM_INF), 0.0);
    }

    void malformedCurvesAreRejectedBeforeTheBatch_data()
    {
        QTest::addColumn<QString>("points");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one point") << "128,128" << "give 2 to 32";
        QTest::newRow("not a pair") << "0,0 128 255,255" << "'128' is not an 'input,output' pair";
        QTest::newRow("out of range") << "0,0 300,10" << "'300,10'";
        QTest::newRow("twice") << "0,0 5,5 5,9 255,255" << "input 5 is given twice";
        QTest::newRow("text") << "low,high 1,1" << "'low,high'";
    }
    void malformedCurvesAreRejectedBeforeTheBatch()
    {
        QFETCH(QString, points);
        QFETCH(QString, expected);
        FilterRegistry registry;
        registerBuiltinFilters(registry);
        const auto n = registry.normalized(FilterStep{"curves", 1, true, {{"points", points}}});
        QVERIFY(!n.ok());
        QVERIFY2(n.error.startsWith("curves: points:") && n.error.contains(expected), qPrintable(n.error));
    }

    void channelMixerSwapsMixesAndSaturates()
    {
        const cv::Mat in = test::syntheticImage(16, 12, CV_16U, 4);
        QCOMPARE(cv::norm(m_filters.run("channel_mixer", {}, in), in, cv::NORM_INF), 0.0);
        const cv::Mat swapped = m_filters.run(
            "channel_mixer",
            {{"red_from_red", 0}, {"red_from_blue", 100}, {"blue_from_blue", 0}, {"blue_from_red", 100}}, in);
        const cv::Vec4w a = in.at<cv::Vec4w>(3, 4);
        QCOMPARE(swapped.at<cv::Vec4w>(3, 4), cv::Vec4w(a[2], a[1], a[0], a[3]));

        const cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(20, 100, 200)); // B, G, R
        QVariantMap mono;
        for (const char *out : {"red", "green", "blue"}) {
            mono.insert(QString("%1_from_red").arg(out), 30);
            mono.insert(QString("%1_from_green").arg(out), 60);
            mono.insert(QString("%1_from_blue").arg(out), 10);
        }
        const cv::Vec3b grey = m_filters.run("channel_mixer", mono, pixel).at<cv::Vec3b>(0, 0);
        QCOMPARE(grey, cv::Vec3b(122, 122, 122)); // 0.3*200 + 0.6*100 + 0.1*20
        const cv::Vec3b hot = m_filters.run("channel_mixer", {{"red_from_red", 200}}, pixel).at<cv::Vec3b>(0, 0);
        QCOMPARE(int(hot[2]), 255);
        const cv::Mat grey8 = test::syntheticImage(8, 8, CV_8U, 1);
        QCOMPARE(cv::norm(m_filters.run("channel_mixer", mono, grey8), grey8, cv::NORM_INF), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestColourFilters)
#include "tst_colourfilters.moc"

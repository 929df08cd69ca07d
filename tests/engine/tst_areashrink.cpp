// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/areashrink.h"
#include "tests/common/testutils.h"

#include <opencv2/imgproc.hpp>

#include <QTest>

using namespace pixelmill;

namespace {

// Noise over a gradient: every weight shows, and rounding meets every value.
cv::Mat noisyImage(int width, int height, int channels)
{
    cv::Mat image = test::syntheticImage(width, height, CV_8U, channels);
    cv::Mat noise(image.size(), image.type());
    cv::randu(noise, 0, 60);
    return image + noise;
}

} // namespace

class TestAreaShrink final : public QObject
{
    Q_OBJECT

private slots:
    // OpenCV's INTER_AREA is the reference: the same means, one level apart at
    // most where float rounding lands on a half, and that rarely.
    void matchesOpenCvInterArea_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<cv::Size>("from");
        QTest::addColumn<cv::Size>("to");
        const QList<QPair<cv::Size, cv::Size>> sizes = {
            {{4096, 64}, {2560, 40}}, // 1.6
            {{384, 216}, {256, 144}}, // 1.5
            {{364, 240}, {256, 169}}, // 1.42 and 1.4201
            {{1000, 700}, {333, 233}}, // about 3
            {{640, 480}, {64, 47}},    // about 10: a thumbnail
            {{1920, 1440}, {640, 480}}, // whole factor 3: OpenCV's scalar path
            {{2560, 1440}, {256, 144}}, // 10: an output's thumbnail
            {{90, 60}, {90, 30}},       // rows halved, columns kept
            {{9, 9}, {3, 3}},           // whole factors on tiny images
            {{1, 9}, {1, 3}},
            {{8, 1}, {1, 1}},
            {{97, 61}, {96, 61}},      // one column less, rows kept
            {{61, 97}, {61, 13}},      // rows only
            {{5, 3}, {2, 1}},          // fewer input cells than taps
            {{3, 2}, {2, 1}},
            {{7, 1}, {3, 1}},
        };
        for (int channels = 1; channels <= 4; ++channels)
            for (const auto &[from, to] : sizes)
                QTest::addRow("%dch-%dx%d-to-%dx%d", channels, from.width, from.height, to.width, to.height)
                    << channels << from << to;
    }
    void matchesOpenCvInterArea()
    {
        QFETCH(int, channels);
        QFETCH(cv::Size, from);
        QFETCH(cv::Size, to);
        const cv::Mat in = noisyImage(from.width, from.height, channels);
        cv::Mat ours, reference;
        QVERIFY(shrinkByArea(in, to, ours));
        cv::resize(in, reference, to, 0, 0, cv::INTER_AREA);
        QCOMPARE(ours.size(), to);
        QCOMPARE(ours.type(), in.type());
        cv::Mat difference;
        cv::absdiff(ours, reference, difference);
        QVERIFY(cv::norm(difference, cv::NORM_INF) <= 1.0);
        const int differing = cv::countNonZero(difference.reshape(1));
        QVERIFY2(differing * 200 <= int(difference.total()) * channels + 200,
                 qPrintable(QStringLiteral("%1 samples differ").arg(differing)));
    }

    // A view into a larger image (rows apart by more than their length) reads
    // only its own pixels.
    void readsOnlyTheViewOfALargerImage()
    {
        cv::Mat big(300, 400, CV_8UC3, cv::Scalar(255, 255, 255));
        const cv::Rect inside(50, 40, 210, 150);
        noisyImage(inside.width, inside.height, 3).copyTo(big(inside));
        cv::Mat ours, reference;
        QVERIFY(shrinkByArea(big(inside), cv::Size(140, 100), ours));
        cv::resize(big(inside).clone(), reference, cv::Size(140, 100), 0, 0, cv::INTER_AREA);
        QVERIFY(cv::norm(ours, reference, cv::NORM_INF) <= 1.0);
    }

    // A flat image stays exactly flat: the weights of every output sum to one.
    void flatStaysFlat()
    {
        for (int value : {0, 1, 128, 254, 255}) {
            const cv::Mat flat(173, 251, CV_8UC4, cv::Scalar::all(value));
            cv::Mat out;
            QVERIFY(shrinkByArea(flat, cv::Size(100, 71), out));
            QCOMPARE(cv::norm(out, cv::Mat(out.size(), out.type(), cv::Scalar::all(value)), cv::NORM_INF), 0.0);
        }
    }

    // Left to OpenCV: other depths, enlarging, more than four channels, the
    // same size and halving both sides (its vectorised path); resizeByArea
    // still resizes them.
    void declinesWhatOpenCvDoesWell()
    {
        cv::Mat out;
        QVERIFY(!shrinkByArea(cv::Mat(60, 90, CV_16UC3, cv::Scalar::all(1000)), cv::Size(40, 27), out));
        QVERIFY(!shrinkByArea(cv::Mat(60, 90, CV_32FC1, cv::Scalar::all(0.5)), cv::Size(40, 27), out));
        QVERIFY(!shrinkByArea(noisyImage(90, 60, 3), cv::Size(100, 27), out));
        cv::Mat fiveChannels(60, 90, CV_8UC(5));
        fiveChannels.reshape(1).setTo(9);
        QVERIFY(!shrinkByArea(fiveChannels, cv::Size(40, 27), out));
        QVERIFY(!shrinkByArea(noisyImage(90, 60, 3), cv::Size(45, 30), out));
        QVERIFY(!shrinkByArea(noisyImage(90, 60, 3), cv::Size(90, 60), out));
        QVERIFY(out.empty());
        const cv::Mat deep(60, 90, CV_16UC3, cv::Scalar::all(1000));
        resizeByArea(deep, cv::Size(40, 27), out);
        QCOMPARE(out.size(), cv::Size(40, 27));
        QCOMPARE(out.type(), CV_16UC3);
    }
};

QTEST_GUILESS_MAIN(TestAreaShrink)
#include "tst_areashrink.moc"

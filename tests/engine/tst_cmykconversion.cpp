// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/cmykconversion.h"
#include "tests/common/pressprofile.h"

#include <QTest>

#include <future>
#include <vector>

using namespace pixelmill;

namespace {

// Every combination of four ink levels: 0, 1/3, 2/3, full.
cv::Mat inkPatches(int depth, InkEncoding encoding, bool alpha)
{
    const int levels = 4;
    const double full = depth == CV_16U ? 65535.0 : 255.0;
    cv::Mat inks(levels * levels, levels * levels, CV_MAKETYPE(depth, alpha ? 5 : 4));
    for (int y = 0; y < inks.rows; ++y)
        for (int x = 0; x < inks.cols; ++x) {
            const double plain[4]
                = {(x % levels) / 3.0, (x / levels) / 3.0, (y % levels) / 3.0, (y / levels) / 3.0};
            for (int i = 0; i < 5; ++i) {
                double v = i < 4 ? plain[i] : (x + y) / 30.0; // alpha: any ramp
                if (i < 4 && encoding == InkEncoding::Inverted)
                    v = 1 - v;
                const double stored = std::round(v * full);
                if (i < inks.channels()) {
                    if (depth == CV_16U)
                        inks.ptr<uint16_t>(y)[x * inks.channels() + i] = uint16_t(stored);
                    else
                        inks.ptr<uchar>(y)[x * inks.channels() + i] = uchar(stored);
                }
            }
        }
    return inks;
}

cv::Vec3d plainInksAt(int x, int y)
{
    return {(x % 4) / 3.0, (x / 4) / 3.0, (y % 4) / 3.0};
}

// Largest difference, in 8-bit levels, from what the swapped press prints.
double worstOffThePress(const cv::Mat &bgr)
{
    double worst = 0;
    const double scale = bgr.depth() == CV_16U ? 257.0 : 1.0;
    for (int y = 0; y < bgr.rows; ++y)
        for (int x = 0; x < bgr.cols; ++x) {
            const cv::Vec3d ink = plainInksAt(x, y);
            const cv::Vec3b want = test::swappedPressBgr(ink[0], ink[1], ink[2], (y / 4) / 3.0);
            for (int c = 0; c < 3; ++c) {
                const double got = bgr.depth() == CV_16U
                    ? bgr.ptr<uint16_t>(y)[x * bgr.channels() + c] / scale
                    : bgr.ptr<uchar>(y)[x * bgr.channels() + c];
                worst = std::max(worst, std::abs(got - want[c]));
            }
        }
    return worst;
}

std::span<const unsigned char> spanOf(const QByteArray &bytes)
{
    return {reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size())};
}

} // namespace

class TestCmykConversion final : public QObject
{
    Q_OBJECT

private:
    const QByteArray m_press = test::swappedPressProfile();

private slots:
    void goesThroughTheProfile_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("inverted");
        QTest::addColumn<bool>("alpha");
        QTest::newRow("8-bit, Adobe's inverted inks") << int(CV_8U) << true << false;
        QTest::newRow("8-bit, plain inks") << int(CV_8U) << false << false;
        QTest::newRow("16-bit, plain inks") << int(CV_16U) << false << false;
        QTest::newRow("8-bit with alpha") << int(CV_8U) << false << true;
        QTest::newRow("16-bit with alpha") << int(CV_16U) << false << true;
    }

    void goesThroughTheProfile()
    {
        QFETCH(int, depth);
        QFETCH(bool, inverted);
        QFETCH(bool, alpha);
        const InkEncoding encoding = inverted ? InkEncoding::Inverted : InkEncoding::Plain;
        const cv::Mat inks = inkPatches(depth, encoding, alpha);
        const CmykToBgr light = cmykToBgr(inks, encoding, spanOf(m_press));
        QCOMPARE(light.inks, InkLight::ThroughProfile);
        QCOMPARE(light.bgr.type(), CV_MAKETYPE(depth, alpha ? 4 : 3));
        QCOMPARE(light.bgr.size(), inks.size());
        // The profile's table and lcms2's own sampling each interpolate a little.
        const double worst = worstOffThePress(light.bgr);
        QVERIFY2(worst <= 4, qPrintable(QString::number(worst)));
        if (alpha) {
            std::vector<cv::Mat> in, out;
            cv::split(inks, in);
            cv::split(light.bgr, out);
            QCOMPARE(cv::norm(in[4], out[3], cv::NORM_INF), 0.0);
        }
        // The formula would be far off: cyan takes away red there, not blue.
        const CmykToBgr formula = cmykToBgr(inks, encoding, {});
        QCOMPARE(formula.inks, InkLight::ByFormula);
        QVERIFY(worstOffThePress(formula.bgr) > 100);
    }

    // Light is the inverse of the ink, darkened by black: 1/3 cyan and 1/3
    // black leave 2/3 × 2/3 of the red.
    void withoutAProfileUsesTheFormula()
    {
        cv::Mat plain(1, 1, CV_8UC4, cv::Scalar(85, 0, 255, 85));
        const cv::Vec3b light = cmykToBgr(plain, InkEncoding::Plain, {}).bgr.at<cv::Vec3b>(0, 0);
        QCOMPARE(light, cv::Vec3b(0, 170, 113));
        cv::Mat inverted(1, 1, CV_8UC4, cv::Scalar(170, 255, 0, 170));
        const cv::Vec3b same = cmykToBgr(inverted, InkEncoding::Inverted, {}).bgr.at<cv::Vec3b>(0, 0);
        QVERIFY(cv::norm(same, light, cv::NORM_INF) <= 1);
        cv::Mat deep(1, 1, CV_16UC4, cv::Scalar(21845, 0, 65535, 21845));
        QCOMPARE(cmykToBgr(deep, InkEncoding::Plain, {}).bgr.at<cv::Vec3w>(0, 0), cv::Vec3w(0, 43690, 29126));
    }

    void aProfileThatCannotBeUsedFallsBackToTheFormula_data()
    {
        QTest::addColumn<QByteArray>("profile");
        QTest::newRow("cut off") << m_press.left(m_press.size() / 2);
        QByteArray rgb = m_press;
        rgb.replace(16, 4, "RGB ");
        QTest::newRow("says RGB") << rgb;
        QByteArray tags = m_press;
        for (qsizetype i = 132; i < tags.size(); i += 7)
            tags[i] = char(0xA5); // the tag table and data, scrambled
        QTest::newRow("scrambled tags") << tags;
        QTest::newRow("not a profile") << QByteArray(4096, 'x');
    }

    void aProfileThatCannotBeUsedFallsBackToTheFormula()
    {
        QFETCH(QByteArray, profile);
        const cv::Mat inks = inkPatches(CV_8U, InkEncoding::Plain, false);
        const CmykToBgr light = cmykToBgr(inks, InkEncoding::Plain, spanOf(profile));
        QCOMPARE(light.inks, InkLight::ByFormula);
        QCOMPARE(cv::norm(light.bgr, cmykToBgr(inks, InkEncoding::Plain, {}).bgr, cv::NORM_INF), 0.0);
    }

    // Workers share the cached transform.
    void convertsOnSeveralThreadsAtOnce()
    {
        const cv::Mat inks = inkPatches(CV_16U, InkEncoding::Plain, false);
        const cv::Mat alone = cmykToBgr(inks, InkEncoding::Plain, spanOf(m_press)).bgr;
        std::vector<std::future<cv::Mat>> runs;
        for (int i = 0; i < 8; ++i)
            runs.push_back(std::async(std::launch::async,
                [&] { return cmykToBgr(inks, InkEncoding::Plain, spanOf(m_press)).bgr; }));
        for (auto &run : runs)
            QCOMPARE(cv::norm(run.get(), alone, cv::NORM_INF), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCmykConversion)
#include "tst_cmykconversion.moc"

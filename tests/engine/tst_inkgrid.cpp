// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/inkgrid.h"

#include <QTest>

#include <cmath>

using namespace pixelmill;

namespace {

// A press whose light the grid must reproduce exactly, to within rounding:
// linear in C, and in M, Y and K made of the smaller or larger of two inks,
// which is linear inside each of the tetrahedra a cell is cut into only when
// the cut follows the order of the fractions. (Any smooth curve is only
// approximated, and so hides a wrong cut within its own error.) B, G, R.
cv::Vec3d pressLight(double c, double m, double y, double k)
{
    return {1 - std::min(m, y), 1 - std::min(y, k) * (0.5 + 0.5 * c), (1 - std::max(m, k)) * (1 - c)};
}

void samplePress(const uint16_t *inks, uint16_t *bgr, int count)
{
    for (int i = 0; i < count; ++i, inks += 4, bgr += 3) {
        const cv::Vec3d light
            = pressLight(inks[0] / 65535.0, inks[1] / 65535.0, inks[2] / 65535.0, inks[3] / 65535.0);
        for (int ch = 0; ch < 3; ++ch)
            bgr[ch] = uint16_t(std::lround(light[ch] * 65535));
    }
}

double worstError(const cv::Mat &inks, const cv::Mat &bgr, bool inverted)
{
    double worst = 0;
    for (int y = 0; y < inks.rows; ++y)
        for (int x = 0; x < inks.cols; ++x) {
            const uchar *p = inks.ptr<uchar>(y) + x * inks.channels();
            const auto ink = [&](int i) { return (inverted ? 255 - p[i] : p[i]) / 255.0; };
            const cv::Vec3d want = pressLight(ink(0), ink(1), ink(2), ink(3)) * 255.0;
            const uchar *got = bgr.ptr<uchar>(y) + x * bgr.channels();
            for (int ch = 0; ch < 3; ++ch)
                worst = std::max(worst, std::abs(got[ch] - want[ch]));
        }
    return worst;
}

} // namespace

class TestInkGrid final : public QObject
{
    Q_OBJECT

private:
    const InkGrid m_grid {&samplePress};

private slots:
    void interpolatesBetweenTheSamples_data()
    {
        QTest::addColumn<bool>("inverted");
        QTest::addColumn<bool>("alpha");
        QTest::newRow("plain") << false << false;
        QTest::newRow("inverted") << true << false;
        QTest::newRow("plain, with alpha") << false << true;
    }

    void interpolatesBetweenTheSamples()
    {
        QFETCH(bool, inverted);
        QFETCH(bool, alpha);
        cv::Mat inks(200, 300, CV_8UC(alpha ? 5 : 4));
        cv::randu(inks, 0, 256);
        // The extremes and the grid's own points, where nothing is interpolated.
        for (int i = 0; i < 17 * 4; ++i)
            inks.ptr<uchar>(0)[i] = uchar(std::min(255, (i / 4) * 255 / 16 + (i % 4)));
        inks.row(1).setTo(0);
        inks.row(2).setTo(255);
        cv::Mat bgr(inks.size(), CV_8UC(alpha ? 4 : 3));
        m_grid.apply(inks, inverted ? InkEncoding::Inverted : InkEncoding::Plain, bgr);
        const double worst = worstError(inks, bgr, inverted);
        QVERIFY2(worst <= 0.51, qPrintable(QString::number(worst))); // the 8-bit output's rounding
        if (alpha) {
            std::vector<cv::Mat> in, out;
            cv::split(inks, in);
            cv::split(bgr, out);
            QCOMPARE(cv::norm(in[4], out[3], cv::NORM_INF), 0.0);
        }
    }

    // Full ink and none land on the grid's last and first points exactly.
    void theEndsAreTheSamples()
    {
        cv::Mat inks(1, 2, CV_8UC4);
        inks.at<cv::Vec4b>(0, 0) = cv::Vec4b(0, 0, 0, 0);
        inks.at<cv::Vec4b>(0, 1) = cv::Vec4b(255, 0, 0, 0);
        cv::Mat bgr(inks.size(), CV_8UC3);
        m_grid.apply(inks, InkEncoding::Plain, bgr);
        QCOMPARE(bgr.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 255, 255));
        QCOMPARE(bgr.at<cv::Vec3b>(0, 1), cv::Vec3b(255, 255, 0)); // see pressLight
    }
};

QTEST_GUILESS_MAIN(TestInkGrid)
#include "tst_inkgrid.moc"

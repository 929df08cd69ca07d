// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// PGM and PPM files whose maximum value is not their depth's full scale,
// through decodeImage: each level reaches the same fraction of full scale.
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>

#include <cmath>

using namespace pixelmill;

namespace {

// A grey ramp 0..maximum over `width` pixels, one row, as P2 (ASCII) or P5 (binary).
QByteArray greyRamp(bool ascii, int width, int maximum, const QByteArray &comment = {})
{
    QByteArray header = QByteArray(ascii ? "P2\n" : "P5\n") + comment + QByteArray::number(width) + " 1\n"
        + QByteArray::number(maximum) + "\n";
    QByteArray body;
    for (int x = 0; x < width; ++x) {
        const int v = maximum * x / (width - 1);
        if (ascii)
            body += QByteArray::number(v) + ' ';
        else if (maximum < 256)
            body += char(v);
        else
            body += char(v >> 8) + QByteArray(1, char(v & 0xFF));
    }
    return header + body;
}

} // namespace

class TestPnmLevels final : public QObject
{
    Q_OBJECT

private slots:
    void everyLevelReachesItsFractionOfFullScale_data()
    {
        QTest::addColumn<bool>("ascii");
        QTest::addColumn<int>("maximum");
        QTest::addColumn<QByteArray>("comment");
        QTest::newRow("binary, 10 bits") << false << 1023 << QByteArray();
        QTest::newRow("binary, 12 bits, a comment") << false << 4095 << QByteArray("# from a camera\n");
        QTest::newRow("binary, 4 bits") << false << 15 << QByteArray();
        QTest::newRow("binary, 100 levels") << false << 100 << QByteArray();
        QTest::newRow("binary, full 8 bits") << false << 255 << QByteArray();
        QTest::newRow("binary, full 16 bits") << false << 65535 << QByteArray();
        QTest::newRow("ASCII, 100 levels") << true << 100 << QByteArray(); // OpenCV stretches these itself
        QTest::newRow("ASCII, 10 bits") << true << 1023 << QByteArray();
    }

    void everyLevelReachesItsFractionOfFullScale()
    {
        QFETCH(bool, ascii);
        QFETCH(int, maximum);
        QFETCH(QByteArray, comment);
        const int width = 40;
        const DecodedImage d = decodeImage(greyRamp(ascii, width, maximum, comment), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        const bool deep = maximum > 255;
        QCOMPARE(d.image.type(), deep ? CV_16UC1 : CV_8UC1);
        const double full = deep ? 65535 : 255;
        const double tolerance = ascii && !deep ? 1.0 : 0.5; // OpenCV's own stretch rounds down
        for (int x = 0; x < width; ++x) {
            const int level = maximum * x / (width - 1);
            const double got = deep ? d.image.at<uint16_t>(0, x) : d.image.at<uchar>(0, x);
            QVERIFY2(std::abs(got - level * full / maximum) < tolerance + 1e-9,
                qPrintable(QStringLiteral("level %1 of %2 gave %3").arg(level).arg(maximum).arg(got)));
        }
    }
};

QTEST_GUILESS_MAIN(TestPnmLevels)
#include "tst_pnmlevels.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Netpbm samples at full scale, raw and plain, against the nearest level in
// floating point, halves up: floor(full * level / maxval + 0.5), netpbm's rule
// (and ImageMagick's, for its 16-bit quantum).
#include "engine/image/netpbmsamples.h"

#include <opencv2/core.hpp>

#include <QTest>

#include <cmath>

using namespace pixelmill;

namespace {

long nearestLevel(long level, long maxval, long full)
{
    return long(std::floor(double(full) * double(level) / double(maxval) + 0.5));
}

} // namespace

class TestNetpbmSamples final : public QObject
{
    Q_OBJECT

private slots:
    void everyEightBitMaximumGivesTheNearestLevel()
    {
        for (long maxval = 1; maxval <= 255; ++maxval) {
            QByteArray raster;
            for (long level = 0; level <= maxval; ++level)
                raster += char(level);
            cv::Mat samples(1, int(maxval + 1), CV_MAKETYPE(netpbmDepth(maxval), 1));
            QCOMPARE(readRawNetpbmSamples(
                         reinterpret_cast<const uchar *>(raster.constData()), raster.size(), maxval, samples),
                1);
            for (long level = 0; level <= maxval; ++level)
                QCOMPARE(long(samples.at<uchar>(0, int(level))), nearestLevel(level, maxval, 255));
        }
    }

    void sixteenBitMaximaGiveTheNearestLevel()
    {
        for (const long maxval : {256L, 1000L, 1023L, 4095L, 10001L, 16383L, 65534L, 65535L}) {
            QByteArray raster;
            for (long level = 0; level <= maxval; ++level)
                raster += char(level >> 8) + QByteArray(1, char(level & 0xFF));
            cv::Mat samples(1, int(maxval + 1), CV_MAKETYPE(netpbmDepth(maxval), 1));
            readRawNetpbmSamples(
                reinterpret_cast<const uchar *>(raster.constData()), raster.size(), maxval, samples);
            for (long level = 0; level <= maxval; ++level)
                QCOMPARE(long(samples.at<uint16_t>(0, int(level))), nearestLevel(level, maxval, 65535));
        }
    }

    void rawRowsCountOnlyWhenWhole()
    {
        cv::Mat samples = cv::Mat::zeros(4, 3, CV_8UC3);
        const QByteArray raster(9 * 2 + 8, '\x10');
        QCOMPARE(readRawNetpbmSamples(
                     reinterpret_cast<const uchar *>(raster.constData()), raster.size(), 255, samples),
            2);
        QCOMPARE(cv::countNonZero(samples.rowRange(2, 4).reshape(1)), 0);
    }

    void plainSamplesTakeCommentsAndAnyWhiteSpace()
    {
        cv::Mat samples(2, 2, CV_16UC1);
        const QByteArray text = "xx 1\t2 # a comment 99\n\r 3\n\n4";
        QCOMPARE(readPlainNetpbmSamples(text, 2, 1000, samples), 2);
        QCOMPARE(long(samples.at<uint16_t>(0, 1)), nearestLevel(2, 1000, 65535));
        QCOMPARE(long(samples.at<uint16_t>(1, 0)), nearestLevel(3, 1000, 65535));
        QCOMPARE(long(samples.at<uint16_t>(1, 1)), nearestLevel(4, 1000, 65535));
    }

    void aPlainNumberCutShortEndsTheRows()
    {
        cv::Mat samples(2, 2, CV_8UC1);
        QCOMPARE(readPlainNetpbmSamples("1 2 3 4", 0, 255, samples), 2); // the last sample may end the data
        QCOMPARE(readPlainNetpbmSamples("1 2 3", 0, 255, samples), 1); // "3" may have been "35"
        QCOMPARE(readPlainNetpbmSamples("1 2 3 x", 0, 255, samples), 1);
    }
};

QTEST_GUILESS_MAIN(TestNetpbmSamples)
#include "tst_netpbmsamples.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/imageencoder.h"
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <QTest>

using namespace pixelmill;

class TestImageEncoder final : public QObject
{
    Q_OBJECT

private:
    static DecodedImage roundTrip(const cv::Mat &image, const ExportOptions &options)
    {
        const EncodedImage e = encodeImage(image, options);
        if (!e.error.isEmpty())
            qFatal("%s", qPrintable(e.error));
        return decodeImage(test::bytesOf(e), DecodeOptions());
    }

private slots:
    void everyFormatRoundTrips_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("channels");
        QTest::addColumn<QByteArray>("qtFormat");
        QTest::addColumn<int>("outDepth");
        QTest::addColumn<int>("outChannels");
        QTest::addColumn<double>("minPsnr");
        const double lossless = 1000;
        QTest::newRow("jpeg") << int(ImageFormat::Jpeg) << CV_8U << 3 << QByteArray("jpeg") << CV_8U << 3 << 30.0;
        QTest::newRow("jpeg from 16-bit alpha") << int(ImageFormat::Jpeg) << CV_16U << 4 << QByteArray("jpeg") << CV_8U << 3 << 0.0;
        QTest::newRow("png 16-bit alpha") << int(ImageFormat::Png) << CV_16U << 4 << QByteArray("png") << CV_16U << 4 << lossless;
        QTest::newRow("png grey") << int(ImageFormat::Png) << CV_8U << 1 << QByteArray("png") << CV_8U << 1 << lossless;
        QTest::newRow("webp alpha") << int(ImageFormat::Webp) << CV_8U << 4 << QByteArray("webp") << CV_8U << 4 << 25.0;
        QTest::newRow("webp grey") << int(ImageFormat::Webp) << CV_8U << 1 << QByteArray("webp") << CV_8U << 3 << 0.0;
        QTest::newRow("tiff 16-bit") << int(ImageFormat::Tiff) << CV_16U << 3 << QByteArray("tiff") << CV_16U << 3 << lossless;
        QTest::newRow("bmp") << int(ImageFormat::Bmp) << CV_8U << 3 << QByteArray("bmp") << CV_8U << 3 << lossless;
        QTest::newRow("bmp from alpha") << int(ImageFormat::Bmp) << CV_8U << 4 << QByteArray("bmp") << CV_8U << 3 << 0.0;
    }
    void everyFormatRoundTrips()
    {
        QFETCH(int, format);
        QFETCH(int, depth);
        QFETCH(int, channels);
        QFETCH(QByteArray, qtFormat);
        QFETCH(int, outDepth);
        QFETCH(int, outChannels);
        QFETCH(double, minPsnr);
        ExportOptions o;
        o.format = ImageFormat(format);
        const cv::Mat in = test::syntheticImage(64, 48, depth, channels);
        const DecodedImage d = roundTrip(in, o);
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.format, qtFormat);
        QCOMPARE(d.image.depth(), outDepth);
        QCOMPARE(d.image.channels(), outChannels);
        if (minPsnr > 0)
            QVERIFY(test::psnr(d.image, in) >= minPsnr);
    }

    void alphaIsFlattenedOntoWhite()
    {
        cv::Mat clear(4, 4, CV_8UC4, cv::Scalar(0, 0, 0, 0));
        const cv::Mat flat = convertForFormat(clear, ImageFormat::Jpeg);
        QCOMPARE(flat.channels(), 3);
        QCOMPARE(flat.at<cv::Vec3b>(1, 1), cv::Vec3b(255, 255, 255));
        cv::Mat half(1, 1, CV_8UC4, cv::Scalar(0, 0, 0, 128));
        QCOMPARE(int(convertForFormat(half, ImageFormat::Bmp).at<cv::Vec3b>(0, 0)[0]), 127);
    }

    void pngBitDepthCanBeForced()
    {
        ExportOptions o;
        o.format = ImageFormat::Png;
        o.pngBitDepth = 8;
        QCOMPARE(roundTrip(test::syntheticImage(16, 16, CV_16U, 3), o).image.depth(), CV_8U);
        o.pngBitDepth = 16;
        const DecodedImage up = roundTrip(test::syntheticImage(16, 16, CV_8U, 3), o);
        QCOMPARE(up.image.depth(), CV_16U);
        QCOMPARE(int(up.image.at<cv::Vec3w>(0, 0)[0]), 257 * int(test::syntheticImage(16, 16).at<cv::Vec3b>(0, 0)[0]));
    }

    void qualityAndLosslessChangeTheOutput()
    {
        const cv::Mat in = test::syntheticImage(128, 128);
        ExportOptions low;
        low.jpegQuality = 20;
        ExportOptions high;
        high.jpegQuality = 98;
        QVERIFY(encodeImage(in, low).bytes.size() < encodeImage(in, high).bytes.size());
        ExportOptions lossless;
        lossless.format = ImageFormat::Webp;
        lossless.webpLossless = true;
        QCOMPARE(cv::norm(roundTrip(in, lossless).image, in, cv::NORM_INF), 0.0);
        ExportOptions progressive;
        progressive.jpegProgressive = true;
        const EncodedImage p = encodeImage(in, progressive);
        const QByteArray bytes = test::bytesOf(p);
        QVERIFY(bytes.contains(QByteArray("\xFF\xC2", 2))); // SOF2: progressive DCT
    }
};

QTEST_GUILESS_MAIN(TestImageEncoder)
#include "tst_imageencoder.moc"

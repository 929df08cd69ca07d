// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pixelmill;

class TestImageDecoder final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static bool codecModuleLoaded()
    {
        return test::readFile(QStringLiteral("/proc/self/maps")).contains("pixelmill-opencv-codecs.so");
    }

private slots:
    // First, before any other test here decodes a rare format.
    void loadsOpenCvsCodecsOnlyForFormatsWithoutOwnCodec()
    {
        const cv::Mat img = test::syntheticImage(30, 20, CV_8U, 3);
        for (const char *extension : {".jpg", ".png", ".webp"}) {
            const DecodedImage d = decodeImage(test::encode(extension, img), DecodeOptions());
            QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
            QVERIFY2(!codecModuleLoaded(), extension);
        }
        for (const char *extension : {".bmp", ".tiff", ".ppm"}) {
            const DecodedImage d = decodeImage(test::encode(extension, img), DecodeOptions());
            QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
            QCOMPARE(cv::norm(d.image, img, cv::NORM_INF), 0.0);
        }
        QVERIFY(codecModuleLoaded());
    }

    // A header that claims a format OpenCV reads, over bytes whose signature is not
    // that format's: imdecode would hand them to GDCM, whose assertion aborts the process.
    void bytesThatOpenCvWouldSendToItsDicomReaderAreRefused()
    {
        QByteArray dicom(128, '\0');
        dicom += QByteArray("DICM\x02\x00\x00\x00UL\x04\x00", 12);
        ImageHeader claimed;
        claimed.format = "ppm";
        claimed.storedSize = claimed.orientedSize = cv::Size(50, 1);
        const DecodedImage d = decodeImage(dicom.replace(0, 3, "P6#"), claimed, DecodeOptions(), {});
        QVERIFY(d.image.empty());
        QVERIFY2(d.error.contains("does not start like the format"), qPrintable(d.error));
    }

    void decodesByContentNotExtension()
    {
        const cv::Mat img = test::syntheticImage(30, 20, CV_8U, 4);
        const QString path = m_dir.filePath("really-a-png.jpg");
        test::writeFile(path, test::encode(".png", img));
        QByteArray bytes;
        QString error;
        QVERIFY(readRegularFile(path, bytes, error));
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.format, QByteArray("png"));
        QCOMPARE(d.image.channels(), 4);
        QCOMPARE(cv::norm(d.image, img, cv::NORM_INF), 0.0);
    }

    void keeps16BitAndAlpha()
    {
        const cv::Mat img = test::syntheticImage(12, 10, CV_16U, 4);
        const DecodedImage d = decodeImage(test::encode(".png", img), DecodeOptions());
        QCOMPARE(d.image.depth(), CV_16U);
        QCOMPARE(cv::norm(d.image, img, cv::NORM_INF), 0.0);
    }

    void refusesOversizedImagesFromTheHeader()
    {
        const DecodedImage bomb = decodeImage(test::pngBombHeader(60000, 60000), DecodeOptions());
        QVERIFY(bomb.image.empty());
        QVERIFY2(bomb.error.contains("60000×60000") && bomb.error.contains("over the limit of 200 MP"),
                 qPrintable(bomb.error));
        DecodeOptions small;
        small.maxPixels = 100;
        const DecodedImage refused = decodeImage(test::encode(".png", test::syntheticImage(20, 20)), small);
        QVERIFY(refused.error.contains("over the limit"));
    }

    void explainsGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("hello, I am not an image\n") << "not an image";
        QTest::newRow("random") << QByteArray(2000, '\x5a') << "not an image";
        const QByteArray png = test::encode(".png", test::syntheticImage(64, 64));
        QTest::newRow("truncated png") << png.left(png.size() / 2) << "corrupt or truncated";
        QTest::newRow("gif") << QByteArray("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14) << "GIF";
    }
    void explainsGarbage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY(d.image.empty());
        QVERIFY2(d.error.contains(expected), qPrintable(d.error));
    }

    void truncatedJpegIsAcceptedWithAWarning()
    {
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(256, 256));
        const DecodedImage d = decodeImage(jpeg.left(jpeg.size() * 2 / 3), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.cols, 256);
        QCOMPARE(d.warnings.size(), 1);
        QVERIFY(d.warnings.first().contains("truncated"));
        QVERIFY(decodeImage(jpeg, DecodeOptions()).warnings.isEmpty());
    }

    void appliesExifOrientationLikeOpenCv_data()
    {
        QTest::addColumn<int>("orientation");
        for (int o = 1; o <= 8; ++o)
            QTest::addRow("orientation %d", o) << o;
    }
    void appliesExifOrientationLikeOpenCv()
    {
        QFETCH(int, orientation);
        const QByteArray jpeg = test::withExifOrientation(
            test::encode(".jpg", test::syntheticImage(48, 32), 100), orientation);
        const DecodedImage d = decodeImage(jpeg, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.exifOrientation, orientation);
        // OpenCV's IMREAD_COLOR applies EXIF orientation itself: the reference.
        const cv::Mat reference = test::openCvDecode(jpeg, cv::IMREAD_COLOR);
        QCOMPARE(d.image.size(), reference.size());
        QCOMPARE(cv::norm(d.image, reference, cv::NORM_INF), 0.0);
        QCOMPARE(d.header.orientedSize, reference.size());
    }

    void decodesJpegAtReducedSizeWhenAllowed()
    {
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(800, 600));
        const DecodedImage quarter = decodeImage(jpeg, DecodeOptions(), cv::Size(190, 140));
        QCOMPARE(quarter.reduction, 4);
        QCOMPARE(quarter.image.size(), cv::Size(200, 150));
        const DecodedImage half = decodeImage(jpeg, DecodeOptions(), cv::Size(201, 150));
        QCOMPARE(half.reduction, 2);
        const DecodedImage png = decodeImage(test::encode(".png", test::syntheticImage(800, 600)),
                                             DecodeOptions(), cv::Size(100, 75));
        QCOMPARE(png.reduction, 1);
    }

    void refusesSpecialAndEmptyFiles()
    {
        QByteArray bytes;
        QString error;
        const QString fifo = m_dir.filePath("pipe.jpg");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(!readRegularFile(fifo, bytes, error)); // must return, not block
        QVERIFY2(error.contains("not a regular file"), qPrintable(error));
        const QString empty = m_dir.filePath("empty.jpg");
        test::writeFile(empty, {});
        QVERIFY(!readRegularFile(empty, bytes, error));
        QCOMPARE(error, QStringLiteral("file is empty"));
        QVERIFY(!readRegularFile(m_dir.filePath("missing.jpg"), bytes, error));
        QVERIFY2(error.contains("No such file"), qPrintable(error));
        QVERIFY(!readRegularFile(m_dir.path(), bytes, error));
    }
};

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "tst_imagedecoder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <array>
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

private:
    // An uncompressed 8-bit grey TIFF whose one strip is far shorter than declared.
    static QByteArray tiffHeader(quint32 width, quint32 height, bool dng = false, quint32 photometric = 1)
    {
        QByteArray tiff("II*\0", 4);
        const auto put16 = [&tiff](quint16 v) { tiff.append(char(v & 0xff)).append(char(v >> 8)); };
        const auto put32 = [&](quint32 v) { put16(quint16(v & 0xffff)); put16(quint16(v >> 16)); };
        put32(8 + 64); // the directory after 64 bytes of strip
        tiff += QByteArray(64, '\x40');
        QList<std::array<quint32, 3>> entries = {{256, 4, width}, {257, 4, height}, {258, 3, 8}, {259, 3, 1},
                                                 {262, 3, photometric}, {273, 4, 8}, {277, 3, 1}, {278, 4, height},
                                                 {279, 4, 64}};
        if (dng)
            entries.append({50706, 1, 0x00000401}); // DNGVersion 1.4.0.0 (4 BYTEs, in place)
        put16(quint16(entries.size()));
        for (const auto &e : entries) {
            put16(quint16(e[0]));
            put16(quint16(e[1]));
            put32(1);
            put32(e[2]); // a SHORT sits in the low half, little-endian
        }
        put32(0);
        return tiff;
    }

private slots:
    // First, before any other test here decodes a rare format.
    void loadsOpenCvsCodecsOnlyForFormatsWithoutOwnCodec()
    {
        const cv::Mat img = test::syntheticImage(30, 20, CV_8U, 3);
        for (const char *extension : {".jpg", ".png", ".webp", ".ppm", ".pgm", ".bmp"}) {
            cv::Mat stored = img;
            if (QByteArray(extension) == ".pgm")
                cv::extractChannel(img, stored, 1);
            const DecodedImage d = decodeImage(test::encode(extension, stored), DecodeOptions());
            QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
            QVERIFY2(!codecModuleLoaded(), extension);
            if (QByteArray(extension) != ".jpg" && QByteArray(extension) != ".webp")
                QCOMPARE(cv::norm(d.image, stored, cv::NORM_INF), 0.0);
        }
        for (const char *extension : {".tiff"}) {
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
        claimed.format = "jp2";
        claimed.storedSize = claimed.orientedSize = cv::Size(50, 1);
        const DecodedImage d = decodeImage(dicom, claimed, DecodeOptions(), {});
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
        // Few pixels, but longer than OpenCV's codecs go: said in words, not as an assertion text.
        const DecodedImage thin = decodeImage(tiffHeader(10, 2000000), DecodeOptions());
        QCOMPARE(thin.error, QStringLiteral("image is 10×2000000, over the limit of 1048576 pixels on a side"));
    }

    // A JPEG past the limit at full size goes through when it shrinks on load
    // below it; refused, it says what counted and where the limit is set.
    void aJpegIsJudgedAtTheSizeItDecodesTo()
    {
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(800, 600));
        DecodeOptions limit;
        limit.maxPixels = 200 * 150;
        const DecodedImage resized = decodeImage(jpeg, limit, cv::Size(200, 150));
        QVERIFY2(resized.error.isEmpty(), qPrintable(resized.error));
        QCOMPARE(resized.reduction, 4);
        const DecodedImage full = decodeImage(jpeg, limit);
        QCOMPARE(full.error, QStringLiteral("image is 800×600 (0.5 MP), over the limit of 0 MP (raise it in "
                                            "Settings, or with --max-megapixels)"));
        const DecodedImage half = decodeImage(jpeg, limit, cv::Size(400, 300));
        QVERIFY2(half.error.contains("image is 800×600 (0.5 MP) and would be decoded at 400×300 (0.1 MP), over"),
                 qPrintable(half.error));
    }

    void multiPageTiffSaysOnlyTheFirstPageWasProcessed()
    {
        const QString path = m_dir.filePath("pages.tif");
        const std::vector<cv::Mat> pages{test::syntheticImage(40, 30), test::syntheticImage(40, 30),
                                         test::syntheticImage(20, 10)};
        QVERIFY(cv::imwritemulti(path.toStdString(), pages));
        const DecodedImage d = decodeImage(test::readFile(path), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.cols, 40);
        QCOMPARE(d.warnings, QStringList({"the TIFF holds 3 pages; only the first was processed"}));
        const DecodedImage single = decodeImage(test::encode(".tif", test::syntheticImage(40, 30)), DecodeOptions());
        QVERIFY(single.warnings.isEmpty());
    }

    // A DNG or CR2 LibRaw cannot read fails as what it is; a TIFF reader would
    // have handed over its small embedded preview as if it were the photo.
    void neverReadsCameraRawAsItsTiffPreview()
    {
        const DecodedImage plain = decodeImage(tiffHeader(8, 8), DecodeOptions());
        QVERIFY2(!plain.error.contains("camera RAW"), qPrintable(plain.error));
        const DecodedImage dng = decodeImage(tiffHeader(8, 8, true), DecodeOptions());
        QVERIFY2(dng.error.startsWith("cannot read the camera RAW header: ") && dng.error.endsWith(" (DNG)"),
                 qPrintable(dng.error));
        QByteArray cr2 = tiffHeader(8, 8);
        cr2.insert(8, QByteArray("CR\x02\0\0\0\0\0", 8)); // Canon's marker after the header
        qToLittleEndian<quint32>(8 + 8 + 64, cr2.data() + 4);
        qToLittleEndian<quint32>(16, cr2.data() + 8 + 8 + 64 + 2 + 5 * 12 + 8); // the strip moved too
        const DecodedImage canon = decodeImage(cr2, DecodeOptions());
        // A TIFF OpenCV cannot read (its strip is far shorter than declared) says which layout it was.
        const DecodedImage cut = decodeImage(tiffHeader(100, 100), DecodeOptions());
        QVERIFY2(cut.error.startsWith("the TIFF (grey, 8 bits per sample) could not be decoded"), qPrintable(cut.error));
        QVERIFY2(canon.error.startsWith("cannot read the camera RAW header: ") && canon.error.endsWith(" (CR2)"),
                 qPrintable(canon.error));
        // NEF, PEF, ARW...: no marker of their own, but a colour mosaic in some directory.
        const DecodedImage mosaic = decodeImage(tiffHeader(8, 8, false, 32803), DecodeOptions());
        QVERIFY2(mosaic.error.endsWith(" (TIFF-based RAW)"), qPrintable(mosaic.error));
    }

    // More rows per strip than the page has is legal; OpenCV would size its
    // strip buffer from the declared count (811 MB for a 24×16 page), and past
    // 1 GB (this one: 60 × 8,454,160 × 3 bytes) it refuses the file.
    void tiffDeclaringHugeStripsDecodesTheSame()
    {
        const cv::Mat img = test::syntheticImage(60, 30);
        QByteArray tiff = test::encode(".tif", img);
        const qsizetype directory = qFromLittleEndian<quint32>(tiff.data() + 4);
        const int entries = qFromLittleEndian<quint16>(tiff.data() + directory);
        bool patched = false;
        for (int i = 0; i < entries; ++i) {
            char *entry = tiff.data() + directory + 2 + 12 * i;
            if (qFromLittleEndian<quint16>(entry) == 278) {
                qToLittleEndian<quint16>(4, entry + 2); // LONG
                qToLittleEndian<quint32>(8454160, entry + 8);
                patched = true;
            }
        }
        QVERIFY(patched);
        const DecodedImage d = decodeImage(tiff, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(cv::norm(d.image, img, cv::NORM_INF), 0.0);
    }

    // Rows stored top row first (a negative height) are a valid BMP that Qt
    // 6.4 reports with a negative size.
    void decodesTopDownBmp()
    {
        const cv::Mat img = test::syntheticImage(40, 30);
        QByteArray bmp = test::encode(".bmp", img);
        const int rowBytes = 40 * 3; // already a multiple of 4
        const qsizetype pixelsAt = qFromLittleEndian<quint32>(bmp.constData() + 10);
        QByteArray flipped = bmp.left(pixelsAt);
        for (int row = 29; row >= 0; --row)
            flipped += bmp.mid(pixelsAt + qsizetype(row) * rowBytes, rowBytes);
        qToLittleEndian<qint32>(-30, flipped.data() + 22);
        const DecodedImage d = decodeImage(flipped, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.storedSize, cv::Size(40, 30));
        QCOMPARE(cv::norm(d.image, img, cv::NORM_INF), 0.0);
    }

    // OpenCV 4.6 has no GIF reader; Qt's gives the first frame, and an
    // animation's other frames must not be dropped unsaid.
    void decodesTheFirstFrameOfAGif()
    {
        // 4×2, two frames; frame 1: red, blue, lime, transparent / four red.
        static const char kAnimated[] =
            "GIF89a\x04\x00\x02\x00\xf1\x00\x00\xff\x00\x00\x00\xff\x00\x00\x00\xff\x00\x00\x00"
            "!\xf9\x04\x05\x0a\x00\x03\x00,\x00\x00\x00\x00\x04\x00\x02\x00\x00\x02\x04\x84\x32\xa0\x50\x00"
            "!\xf9\x04\x04\x0a\x00\x00\x00,\x00\x00\x00\x00\x04\x00\x02\x00\x80\xff\xff\xff\x00\x00\x00"
            "\x02\x03\x84\x6f\x05\x00;";
        const QByteArray animated(kAnimated, sizeof kAnimated - 1);
        const DecodedImage d = decodeImage(animated, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.format, QByteArray("gif"));
        QCOMPARE(d.image.type(), CV_8UC4);
        QCOMPARE(d.image.size(), cv::Size(4, 2));
        QCOMPARE(d.image.at<cv::Vec4b>(0, 0), cv::Vec4b(0, 0, 255, 255)); // BGRA
        QCOMPARE(d.image.at<cv::Vec4b>(0, 1), cv::Vec4b(255, 0, 0, 255));
        QCOMPARE(d.image.at<cv::Vec4b>(0, 2), cv::Vec4b(0, 255, 0, 255));
        QCOMPARE(d.image.at<cv::Vec4b>(0, 3)[3], uchar(0));
        QCOMPARE(d.image.at<cv::Vec4b>(1, 3), cv::Vec4b(0, 0, 255, 255));
        QCOMPARE(d.warnings, QStringList({"the GIF is an animation of 2 frames; only the first was processed"}));

        // A still GIF without a transparent colour: colour only, no warning.
        static const char kStill[] =
            "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04"
            "\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02" "D\x01\x00;";
        const QByteArray still(kStill, sizeof kStill - 1);
        const DecodedImage one = decodeImage(still, DecodeOptions());
        QVERIFY2(one.error.isEmpty(), qPrintable(one.error));
        QCOMPARE(one.image.type(), CV_8UC3);
        QVERIFY2(one.warnings.isEmpty(), qPrintable(one.warnings.join(" ")));

        // Cut inside the first frame's pixels: Qt leaves the rest blank without a word.
        const DecodedImage cut = decodeImage(animated.left(47), DecodeOptions());
        QCOMPARE(cut.image.size(), cv::Size(4, 2));
        QVERIFY2(cut.warnings.join(' ').contains("the GIF is truncated"), qPrintable(cut.warnings.join(' ')));
        // Cut in the second frame: the first is whole.
        const DecodedImage second = decodeImage(animated.left(70), DecodeOptions());
        QVERIFY(!second.warnings.join(' ').contains("truncated"));
        // Cut in the header: a reason, not a crash.
        const DecodedImage header = decodeImage(animated.left(20), DecodeOptions());
        QVERIFY(header.image.empty());
        QVERIFY2(header.error.contains("GIF"), qPrintable(header.error));
    }

    // Archives and scanners write JPEG 2000; OpenCV reads it through OpenJPEG.
    void decodesJpeg2000_data()
    {
        QTest::addColumn<bool>("bareCodestream");
        QTest::addColumn<int>("depth");
        QTest::newRow("jp2") << false << int(CV_8U);
        QTest::newRow("jp2 16-bit") << false << int(CV_16U);
        QTest::newRow("j2k codestream") << true << int(CV_8U);
    }
    void decodesJpeg2000()
    {
        QFETCH(bool, bareCodestream);
        QFETCH(int, depth);
        const cv::Mat image = test::syntheticImage(120, 80, depth);
        QByteArray bytes = test::encode(".jp2", image); // lossless by default
        if (bareCodestream) // what .j2k files hold: the "jp2c" box's contents
            bytes = bytes.mid(bytes.indexOf("jp2c") + 4);
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.format, QByteArray("jp2"));
        QCOMPARE(d.header.storedSize, cv::Size(120, 80));
        QCOMPARE(d.image.type(), image.type());
        QCOMPARE(cv::norm(d.image, image, cv::NORM_INF), 0.0);
        // A header declaring more than the pixel limit is refused before decoding.
        DecodeOptions small;
        small.maxPixels = 5000;
        QVERIFY(decodeImage(bytes, small).error.contains("over the limit"));
        QVERIFY(!decodeImage(bytes.left(bytes.size() / 2), DecodeOptions()).error.isEmpty());
    }

    void explainsGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("hello, I am not an image\n") << "not an image";
        QTest::newRow("random") << QByteArray(2000, '\x5a') << "not an image";
        const QByteArray png = test::encode(".png", test::syntheticImage(64, 64));
        QTest::newRow("truncated png") << png.left(png.size() / 2) << "corrupt or truncated";
        QTest::newRow("gif without a frame") << QByteArray("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14) << "GIF";
        QTest::newRow("heic without an image") << QByteArray("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic\0\0\0\x08meta", 32)
                                               << "cannot read the HEIF header";
        QTest::newRow("avif without an image")
            << QByteArray("\0\0\0\x1c" "ftypavif\0\0\0\0avifmif1miaf\0\0\0\x08meta", 36)
            << "cannot read the HEIF header";
        QTest::newRow("jp2 without a header") << QByteArray("\0\0\0\x0cjP  \r\n\x87\n\0\0\0\x14" "ftypjp2 ", 24)
                                              << "cannot read the JPEG 2000 header";
        QTest::newRow("jxl cut off") << QByteArray("\xff\x0a\xfa\x1f\x10\x00", 6) << "cannot read the JPEG XL header";
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
        // A file far larger than any image within the pixel limit is refused unread (sparse here).
        const QString huge = m_dir.filePath("huge.jpg");
        QFile hugeFile(huge);
        QVERIFY(hugeFile.open(QIODevice::WriteOnly) && hugeFile.resize(qint64(300) << 20));
        hugeFile.close();
        QVERIFY(!readRegularFile(huge, bytes, error, maxImageFileBytes(1000)));
        QCOMPARE(error, QStringLiteral("file is 300 MiB, more than any image within the pixel limit needs (256 MiB); not read"));
        QVERIFY(!readRegularFile(m_dir.filePath("missing.jpg"), bytes, error));
        QVERIFY2(error.contains("No such file"), qPrintable(error));
        QVERIFY(!readRegularFile(m_dir.path(), bytes, error));
    }
};

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "tst_imagedecoder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/jpegencoder.h"
#include "engine/image/jpegdecoder.h"
#include "tests/common/pressprofile.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTest>

#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>

using namespace pixelmill;

namespace {

// Orientation is applied after decoding, so the reference leaves it out too.
cv::Mat openCvDecode(const QByteArray &jpeg, int flags)
{
    return test::openCvDecode(jpeg, flags | cv::IMREAD_IGNORE_ORIENTATION);
}

// Flat 16×16 patches (whole MCUs, so JPEG barely touches them) of every
// combination of no ink, half and full, Adobe's inverted way.
cv::Mat invertedInkPatches()
{
    cv::Mat inks(16 * 9, 16 * 9, CV_8UC4);
    for (int y = 0; y < inks.rows; ++y)
        for (int x = 0; x < inks.cols; ++x) {
            const int px = x / 16;
            const int py = y / 16;
            const int plain[4] = {px % 3, px / 3, py % 3, py / 3};
            for (int i = 0; i < 4; ++i)
                inks.ptr<uchar>(y)[x * 4 + i] = uchar(255 - std::min(255, plain[i] * 128));
        }
    return inks;
}

// The last scan (SOS to EOI) of a progressive file, repeated: every copy is a
// legal-looking scan libjpeg decodes again, with only a warning.
QByteArray withScanRepeated(const QByteArray &progressive, int copies)
{
    const qsizetype lastScan = progressive.lastIndexOf(QByteArray("\xFF\xDA", 2));
    const qsizetype end = progressive.lastIndexOf(QByteArray("\xFF\xD9", 2));
    const QByteArray scan = progressive.mid(lastScan, end - lastScan);
    return progressive.left(end) + scan.repeated(copies) + QByteArray("\xFF\xD9", 2);
}

} // namespace

class TestJpegDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void givesOpenCvsPixels_data()
    {
        QTest::addColumn<QByteArray>("jpeg");
        QTest::addColumn<int>("reduction");
        QTest::addColumn<bool>("grayscale");
        QTest::addColumn<int>("openCvFlags");
        QTest::addColumn<int>("channels");
        const cv::Mat photo = test::syntheticImage(203, 157); // odd sizes: partial MCUs
        const QByteArray colour420 = test::encode(".jpg", photo);
        const QByteArray colour444 = test::bytesOf(encodeJpeg(photo, 90, false, ChromaSubsampling::S444));
        const QByteArray progressive = test::bytesOf(encodeJpeg(photo, 90, true, ChromaSubsampling::S420));
        cv::Mat grey;
        cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
        const QByteArray greyFile = test::encode(".jpg", grey);
        QTest::newRow("4:2:0") << colour420 << 1 << false << int(cv::IMREAD_ANYCOLOR) << 3;
        QTest::newRow("4:4:4") << colour444 << 1 << false << int(cv::IMREAD_ANYCOLOR) << 3;
        QTest::newRow("progressive") << progressive << 1 << false << int(cv::IMREAD_ANYCOLOR) << 3;
        QTest::newRow("grey file") << greyFile << 1 << false << int(cv::IMREAD_ANYCOLOR) << 1;
        QTest::newRow("1/2") << colour420 << 2 << false << int(cv::IMREAD_REDUCED_COLOR_2) << 3;
        QTest::newRow("1/4") << colour444 << 4 << false << int(cv::IMREAD_REDUCED_COLOR_4) << 3;
        QTest::newRow("1/8 progressive") << progressive << 8 << false << int(cv::IMREAD_REDUCED_COLOR_8) << 3;
        QTest::newRow("luma only") << colour420 << 1 << true << int(cv::IMREAD_GRAYSCALE) << 1;
        QTest::newRow("luma only 1/4") << colour444 << 4 << true << int(cv::IMREAD_REDUCED_GRAYSCALE_4) << 1;
        QTest::newRow("grey file 1/2") << greyFile << 2 << false << int(cv::IMREAD_REDUCED_GRAYSCALE_2) << 1;
    }
    void givesOpenCvsPixels()
    {
        QFETCH(QByteArray, jpeg);
        QFETCH(int, reduction);
        QFETCH(bool, grayscale);
        QFETCH(int, openCvFlags);
        QFETCH(int, channels);
        const JpegDecodeResult ours = decodeJpeg(jpeg, reduction, grayscale);
        QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));
        QVERIFY(ours.warnings.isEmpty());
        const cv::Mat reference = openCvDecode(jpeg, openCvFlags);
        QCOMPARE(ours.image.channels(), channels);
        QCOMPARE(ours.image.size(), reference.size());
        QCOMPARE(ours.image.type(), reference.type());
        QCOMPARE(cv::norm(ours.image, reference, cv::NORM_INF), 0.0);
    }

    void cmykBecomesBgrAsInOpenCv()
    {
        cv::Mat cmyk(40, 56, CV_8UC4);
        cv::randu(cmyk, 0, 256);
        cv::GaussianBlur(cmyk, cmyk, cv::Size(9, 9), 3);
        const QByteArray jpeg = test::adobeCmykJpeg(cmyk);
        const JpegDecodeResult ours = decodeJpeg(jpeg, 1, false);
        QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));
        QCOMPARE(ours.image.type(), CV_8UC3);
        QCOMPARE(cv::norm(ours.image, openCvDecode(jpeg, cv::IMREAD_COLOR), cv::NORM_INF), 0.0);
        const JpegDecodeResult luma = decodeJpeg(jpeg, 2, true);
        QCOMPARE(luma.image.type(), CV_8UC1);
        QCOMPARE(luma.image.size(), cv::Size(28, 20));
    }

    // A press profile in APP2 says what the inks look like; the formula is
    // only a guess (see tst_cmykconversion).
    void cmykWithAProfileGoesThroughIt()
    {
        const cv::Mat inks = invertedInkPatches();
        const QByteArray jpeg = test::adobeCmykJpeg(inks, test::swappedPressProfile(), 100);
        for (const int reduction : {1, 2}) {
            const JpegDecodeResult ours = decodeJpeg(jpeg, reduction, false);
            QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));
            QCOMPARE(ours.inks, InkLight::ThroughProfile);
            QCOMPARE(ours.image.size(), cv::Size(inks.cols / reduction, inks.rows / reduction));
            double worst = 0;
            for (int py = 0; py < 9; ++py)
                for (int px = 0; px < 9; ++px) {
                    const auto level = [](int i) { return std::min(255, i * 128) / 255.0; };
                    const cv::Vec3b want
                        = test::swappedPressBgr(level(px % 3), level(px / 3), level(py % 3), level(py / 3));
                    const int centre = (16 * px + 8) / reduction;
                    const cv::Vec3b got = ours.image.at<cv::Vec3b>((16 * py + 8) / reduction, centre);
                    worst = std::max(worst, cv::norm(got, want, cv::NORM_INF));
                }
            QVERIFY2(worst <= 6, qPrintable(QString::number(worst)));
        }
        const JpegDecodeResult luma = decodeJpeg(jpeg, 1, true);
        QCOMPARE(luma.inks, InkLight::ThroughProfile);
        QCOMPARE(luma.image.type(), CV_8UC1);
        // Without the profile the same file decodes as OpenCV's does.
        const QByteArray plain = test::adobeCmykJpeg(inks, {}, 100);
        const JpegDecodeResult guessed = decodeJpeg(plain, 1, false);
        QCOMPARE(guessed.inks, InkLight::ByFormula);
        QCOMPARE(cv::norm(guessed.image, openCvDecode(plain, cv::IMREAD_COLOR), cv::NORM_INF), 0.0);
        QCOMPARE(decodeJpeg(test::encode(".jpg", test::syntheticImage(16, 16)), 1, false).inks, InkLight::NotCmyk);
    }

    void damagedScanDecodesWithAWarning()
    {
        QByteArray jpeg = test::encode(".jpg", test::syntheticImage(256, 256));
        // A marker in the middle of the entropy-coded data, as a bad sector or a
        // broken transfer leaves one.
        const qsizetype middle = jpeg.lastIndexOf(QByteArray("\xFF\xDA", 2)) + (jpeg.size() - jpeg.lastIndexOf(QByteArray("\xFF\xDA", 2))) / 2;
        jpeg.insert(middle, QByteArray("\xFF\xD5", 2));
        const JpegDecodeResult damaged = decodeJpeg(jpeg, 1, false);
        QVERIFY2(damaged.error.isEmpty(), qPrintable(damaged.error));
        QCOMPARE(damaged.image.size(), cv::Size(256, 256));
        QCOMPARE(damaged.warnings.size(), 1);
        QVERIFY2(damaged.warnings.first().contains("damaged"), qPrintable(damaged.warnings.first()));
    }

    void truncationIsOneWarning()
    {
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(256, 256));
        const JpegDecodeResult cut = decodeJpeg(jpeg.left(jpeg.size() / 2), 1, false);
        QVERIFY2(cut.error.isEmpty(), qPrintable(cut.error));
        QCOMPARE(cut.warnings, QStringList {"JPEG is truncated: the missing part was filled with grey"});
    }

    void junkAfterTheScanKeepsThePicture()
    {
        const cv::Mat photo = test::syntheticImage(64, 48);
        const QByteArray jpeg = test::encode(".jpg", photo);
        const qsizetype sof = jpeg.indexOf(QByteArray("\xFF\xC0", 2));
        const int sofLength = (uchar(jpeg[sof + 2]) << 8 | uchar(jpeg[sof + 3])) + 2;
        // A second frame header where the end marker should be: libjpeg stops with an
        // error, but only after the last row.
        const QByteArray twoFrames = jpeg.left(jpeg.size() - 2) + jpeg.mid(sof, sofLength) + jpeg.right(2);
        const JpegDecodeResult r = decodeJpeg(twoFrames, 1, false);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(cv::norm(r.image, decodeJpeg(jpeg, 1, false).image, cv::NORM_INF), 0.0);
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings.first().contains("after the picture"), qPrintable(r.warnings.first()));
    }

    void framesOverThePixelLimitAreRefusedUnallocated()
    {
        QByteArray jpeg = test::encode(".jpg", test::syntheticImage(64, 48));
        QVERIFY(decodeJpeg(jpeg, 1, false, 64 * 48).error.isEmpty());
        QVERIFY(decodeJpeg(jpeg, 1, false, 64 * 48 - 1).error.contains("over the limit"));
        // A frame header that declares 60000×60000: a probe that read another header
        // would have let it through; 3.6 gigapixels must not be asked of the OS.
        const qsizetype sof = jpeg.indexOf(QByteArray("\xFF\xC0", 2));
        jpeg.replace(sof + 5, 4, QByteArray("\xEA\x60\xEA\x60", 4));
        const JpegDecodeResult huge = decodeJpeg(jpeg, 1, false);
        QVERIFY(huge.image.empty());
        QVERIFY2(huge.error.contains("60000x60000, over the limit"), qPrintable(huge.error));
        QVERIFY(huge.overPixelLimit);
        QCOMPARE(huge.countedSize, cv::Size(60000, 60000));
    }

    // What is held counts: a sequential frame shrunk on load holds only its
    // result (a panorama past the limit, resized), a progressive one every
    // coefficient of the whole frame.
    void thePixelLimitCountsWhatTheDecoderHolds()
    {
        const cv::Mat photo = test::syntheticImage(64, 48);
        const QByteArray sequential = test::bytesOf(encodeJpeg(photo, 90, false, ChromaSubsampling::S420));
        const JpegDecodeResult shrunk = decodeJpeg(sequential, 8, false, 8 * 6);
        QVERIFY2(shrunk.error.isEmpty(), qPrintable(shrunk.error));
        QCOMPARE(shrunk.image.size(), cv::Size(8, 6));
        const JpegDecodeResult tooBig = decodeJpeg(sequential, 4, false, 8 * 6);
        QVERIFY(tooBig.overPixelLimit);
        QVERIFY(!tooBig.progressive);
        QCOMPARE(tooBig.countedSize, cv::Size(16, 12));
        QVERIFY2(tooBig.error.contains("64x48 (decoded at 16x12), over the limit of 48 pixels"), qPrintable(tooBig.error));

        const QByteArray progressive = test::bytesOf(encodeJpeg(photo, 90, true, ChromaSubsampling::S420));
        const JpegDecodeResult held = decodeJpeg(progressive, 8, false, 64 * 48 - 1);
        QVERIFY(held.image.empty());
        QVERIFY(held.overPixelLimit);
        QVERIFY(held.progressive);
        QCOMPARE(held.countedSize, cv::Size(64, 48));
        QVERIFY(decodeJpeg(progressive, 8, false, 64 * 48).error.isEmpty());
    }

    void fatalDamageIsAnError()
    {
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(64, 64));
        for (const QByteArray &bad : {QByteArray("\xFF\xD8\xFF\xE0 not really", 15), jpeg.left(200),
                                      QByteArray("\xFF\xD8", 2) + jpeg.mid(200)}) {
            const JpegDecodeResult r = decodeJpeg(bad, 1, false);
            QVERIFY(r.image.empty());
            QVERIFY2(r.error.startsWith("the JPEG data cannot be decoded: "), qPrintable(r.error));
        }
    }

    void endlessProgressiveScansAreRefused()
    {
        const QByteArray progressive = test::bytesOf(encodeJpeg(test::syntheticImage(64, 64), 90, true, ChromaSubsampling::S420));
        const JpegDecodeResult fine = decodeJpeg(withScanRepeated(progressive, 20), 1, false);
        QVERIFY2(fine.error.isEmpty(), qPrintable(fine.error));
        const JpegDecodeResult bomb = decodeJpeg(withScanRepeated(progressive, 1200), 1, false);
        QVERIFY(bomb.image.empty());
        QVERIFY2(bomb.error.contains("more than 1000 progressive scans"), qPrintable(bomb.error));
    }
};

QTEST_GUILESS_MAIN(TestJpegDecoder)
#include "tst_jpegdecoder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Netpbm's PAM through decodeImage: every standard tuple type, any MAXVAL,
// cut files and damaged headers.
#include "engine/image/cmykconversion.h"
#include "engine/image/imagedecoder.h"
#include "engine/image/pamdecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>

#include <cmath>

using namespace pixelmill;

namespace {

// Samples 0..maxval that differ in every channel and row.
cv::Mat storedSamples(int width, int height, int depth, int maxval)
{
    cv::Mat samples(height, width, CV_32SC(depth));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < depth; ++c)
                samples.ptr<int>(y)[x * depth + c] = (x * 37 + y * 11 + c * 101) % (maxval + 1);
    return samples;
}

QByteArray pam(
    const cv::Mat &samples, int maxval, const QByteArray &tupleType, const QByteArray &extraLines = {})
{
    QByteArray bytes = "P7\n" + extraLines + "WIDTH " + QByteArray::number(samples.cols) + "\nHEIGHT "
        + QByteArray::number(samples.rows) + "\nDEPTH " + QByteArray::number(samples.channels()) + "\nMAXVAL "
        + QByteArray::number(maxval) + "\n";
    if (!tupleType.isEmpty())
        bytes += "TUPLTYPE " + tupleType + "\n";
    bytes += "ENDHDR\n";
    for (int y = 0; y < samples.rows; ++y)
        for (int i = 0; i < samples.cols * samples.channels(); ++i) {
            const int v = samples.ptr<int>(y)[i];
            if (maxval > 255)
                bytes += char(v >> 8);
            bytes += char(v & 0xFF);
        }
    return bytes;
}

} // namespace

class TestPamDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void everyTupleTypeAtItsFullScale_data()
    {
        QTest::addColumn<QByteArray>("tupleType");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("maxval");
        QTest::newRow("black and white") << QByteArray("BLACKANDWHITE") << 1 << 1;
        QTest::newRow("grey 8") << QByteArray("GRAYSCALE") << 1 << 255;
        QTest::newRow("grey, 10 bits") << QByteArray("GRAYSCALE") << 1 << 1023;
        QTest::newRow("grey and alpha 8") << QByteArray("GRAYSCALE_ALPHA") << 2 << 255;
        QTest::newRow("RGB 8") << QByteArray("RGB") << 3 << 255;
        QTest::newRow("RGB, 100 levels") << QByteArray("RGB") << 3 << 100;
        QTest::newRow("RGB 16") << QByteArray("RGB") << 3 << 65535;
        QTest::newRow("RGB and alpha 8") << QByteArray("RGB_ALPHA") << 4 << 255;
        QTest::newRow("RGB and alpha 16") << QByteArray("RGB_ALPHA") << 4 << 65535;
        QTest::newRow("no type, depth 3") << QByteArray() << 3 << 255;
        QTest::newRow("no type, depth 4") << QByteArray() << 4 << 4095;
    }

    void everyTupleTypeAtItsFullScale()
    {
        QFETCH(QByteArray, tupleType);
        QFETCH(int, depth);
        QFETCH(int, maxval);
        const cv::Mat stored = storedSamples(29, 13, depth, maxval);
        const DecodedImage d
            = decodeImage(pam(stored, maxval, tupleType, "# written by hand\n"), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QVERIFY(d.warnings.isEmpty());
        QCOMPARE(d.header.format, QByteArray("pam"));
        const int full = maxval < 256 ? 255 : 65535;
        const int channels = depth == 2 ? 4 : depth; // grey and alpha comes as BGRA
        QCOMPARE(d.image.type(), CV_MAKETYPE(full == 255 ? CV_8U : CV_16U, channels));
        QCOMPARE(d.image.size(), cv::Size(29, 13));
        for (int y = 0; y < stored.rows; ++y)
            for (int x = 0; x < stored.cols; ++x) {
                const int *in = stored.ptr<int>(y) + x * depth;
                const bool alpha = depth == 2 || depth == 4;
                const int colours = alpha ? depth - 1 : depth;
                for (int c = 0; c < channels; ++c) {
                    // BGR(A) out of RGB(A) in; grey repeated into B, G and R.
                    const int source = c == 3 ? depth - 1 : colours == 1 ? 0 : 2 - c;
                    const int want = int(std::lround(double(in[source]) * full / maxval));
                    const int got = full == 255 ? d.image.ptr<uchar>(y)[x * channels + c]
                                                : d.image.ptr<uint16_t>(y)[x * channels + c];
                    QCOMPARE(got, want);
                }
            }
    }

    void aCutFileKeepsItsWholeRows()
    {
        const cv::Mat stored = storedSamples(10, 8, 3, 255);
        const QByteArray whole = pam(stored, 255, "RGB");
        const DecodedImage full = decodeImage(whole, DecodeOptions());
        QVERIFY(full.error.isEmpty());
        const DecodedImage cut = decodeImage(whole.chopped(10 * 3 * 5 + 7), DecodeOptions());
        QVERIFY2(cut.error.isEmpty(), qPrintable(cut.error));
        QCOMPARE(cut.warnings,
            QStringList {"the PAM is truncated: 6 of its 8 rows are missing and were left black"});
        QCOMPARE(cv::norm(cut.image.rowRange(0, 2), full.image.rowRange(0, 2), cv::NORM_INF), 0.0);
        QCOMPARE(cv::countNonZero(cut.image.rowRange(2, 8).reshape(1)), 0);
        const DecodedImage withAlpha
            = decodeImage(pam(storedSamples(10, 8, 4, 255), 255, "RGB_ALPHA").chopped(50), DecodeOptions());
        QCOMPARE(withAlpha.warnings,
            QStringList {"the PAM is truncated: 2 of its 8 rows are missing and were left transparent"});
    }

    void damagedHeadersAreRefusedWithTheirReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const QByteArray pixels(64, '\x40');
        QTest::newRow("no ENDHDR")
            << QByteArray("P7\nWIDTH 2\nHEIGHT 2\nDEPTH 1\nMAXVAL 255\n")
            << "cannot read the PAM header: it is damaged or truncated (no ENDHDR line)";
        QTest::newRow("too wide") << "P7\nWIDTH 99999999999\nHEIGHT 2\nDEPTH 1\nMAXVAL 255\nENDHDR\n" + pixels
                                  << "cannot read the PAM header: its size 99999999999 x 2 is invalid";
        QTest::newRow("no height") << "P7\nWIDTH 2\nDEPTH 1\nMAXVAL 255\nENDHDR\n" + pixels
                                   << "cannot read the PAM header: its size 2 x 0 is invalid";
        QTest::newRow("MAXVAL not a number") << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 1\nMAXVAL 2x5\nENDHDR\n"
                + pixels << "cannot read the PAM header: its MAXVAL is not a number (\"2x5\")";
        QTest::newRow("MAXVAL 0") << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 1\nMAXVAL 0\nENDHDR\n" + pixels
                                  << "cannot read the PAM header: its MAXVAL 0 is invalid";
        QTest::newRow("MAXVAL 65536") << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 1\nMAXVAL 65536\nENDHDR\n" + pixels
                                      << "cannot read the PAM header: its MAXVAL 65536 is invalid";
        QTest::newRow("depth 7") << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 7\nMAXVAL 255\nENDHDR\n"
                + pixels << "a PAM of tuple type \"none\" and depth 7 is not an image Pixelmill can read";
        QTest::newRow("RGB of depth 4")
            << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n" + pixels
            << "a PAM of tuple type \"RGB\" and depth 4 is not an image Pixelmill can read";
        QTest::newRow("an unknown type")
            << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 3\nMAXVAL 255\nTUPLTYPE YCbCr\nENDHDR\n" + pixels
            << "a PAM of tuple type \"YCbCr\" and depth 3 is not an image Pixelmill can read";
        QTest::newRow("CMYK of depth 3")
            << "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 3\nMAXVAL 255\nTUPLTYPE CMYK\nENDHDR\n" + pixels
            << "a PAM of tuple type \"CMYK\" and depth 3 is not an image Pixelmill can read";
        QTest::newRow("unknown line") << "P7\nWIDTH 2\nHEIGHT 2\nCOLOUR red\nENDHDR\n" + pixels
                                      << "cannot read the PAM header: unknown line \"COLOUR red\"";
        QTest::newRow("no whole row")
            << QByteArray("P7\nWIDTH 20\nHEIGHT 2\nDEPTH 3\nMAXVAL 255\nENDHDR\nabc")
            << "the PAM is truncated: it holds no whole row of pixels";
    }

    void damagedHeadersAreRefusedWithTheirReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY(d.image.empty());
        QCOMPARE(d.error, reason);
    }

    // ImageMagick writes a CMYK image's PAM as inks (0 = none), which must not
    // be taken for RGB and alpha: light by the formula, as unprofiled CMYK TIFFs.
    void cmykInksBecomeLight_data()
    {
        QTest::addColumn<bool>("alpha");
        QTest::newRow("CMYK") << false;
        QTest::newRow("CMYK and alpha") << true;
    }

    void cmykInksBecomeLight()
    {
        QFETCH(bool, alpha);
        const int depth = alpha ? 5 : 4;
        const cv::Mat stored = storedSamples(17, 9, depth, 255);
        const DecodedImage d = decodeImage(pam(stored, 255, alpha ? "CMYK_ALPHA" : "CMYK"), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.inks, InkLight::ByFormula);
        QCOMPARE(d.image.type(), alpha ? CV_8UC4 : CV_8UC3);
        for (int y = 0; y < stored.rows; ++y)
            for (int x = 0; x < stored.cols; ++x) {
                const int *ink = stored.ptr<int>(y) + x * depth;
                const uchar *bgr = d.image.ptr<uchar>(y) + x * d.image.channels();
                for (int c = 0; c < 3; ++c)
                    QCOMPARE(int(bgr[c]), (255 - ink[2 - c]) * (255 - ink[3]) / 255);
                if (alpha)
                    QCOMPARE(int(bgr[3]), ink[4]);
            }
    }

    void theHeaderGivesTheSizeWithoutThePixels()
    {
        const QByteArray file = pam(storedSamples(300, 200, 1, 255), 255, "GRAYSCALE");
        QString error;
        QCOMPARE(pamSize(file.left(80), error), cv::Size(300, 200));
        QVERIFY(error.isEmpty());
        QVERIFY(isPam("P7\r\nWIDTH 1\r\n"));
        QVERIFY(!isPam("P6\n1 1\n255\n"));
        QVERIFY(!isPam("P7"));
    }
};

QTEST_GUILESS_MAIN(TestPamDecoder)
#include "tst_pamdecoder.moc"

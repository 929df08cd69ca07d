// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// TIFF output (tiffEncode in the codec module) through encodeImage: every
// layout the pipeline hands over comes back exactly, and the file says what
// its samples are, as libtiff reads it.
#include "engine/export/imageencoder.h"
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>

#include <tiffio.h>

using namespace pixelmill;

namespace {

struct Tags
{
    uint16_t bits = 0;
    uint16_t samples = 0;
    uint16_t photometric = 0;
    uint16_t compression = 0;
    uint16_t predictor = PREDICTOR_NONE; ///< when the tag is absent
    uint16_t extraCount = 0;
    uint16_t extraKind = 0;
    uint32_t rowsPerStrip = 0;
};

Tags tagsOf(const QString &path)
{
    Tags t;
    TIFF *tif = TIFFOpen(path.toLocal8Bit().constData(), "r");
    if (!tif)
        return t;
    TIFFGetField(tif, TIFFTAG_BITSPERSAMPLE, &t.bits);
    TIFFGetField(tif, TIFFTAG_SAMPLESPERPIXEL, &t.samples);
    TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &t.photometric);
    TIFFGetField(tif, TIFFTAG_COMPRESSION, &t.compression);
    TIFFGetField(tif, TIFFTAG_PREDICTOR, &t.predictor);
    TIFFGetField(tif, TIFFTAG_ROWSPERSTRIP, &t.rowsPerStrip);
    uint16_t *kinds = nullptr;
    if (TIFFGetField(tif, TIFFTAG_EXTRASAMPLES, &t.extraCount, &kinds) && t.extraCount > 0)
        t.extraKind = kinds[0];
    TIFFClose(tif);
    return t;
}

} // namespace

class TestTiffEncoder final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

private slots:
    void everyLayoutComesBackExactly_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        const int none = int(TiffCompression::None);
        const int lzw = int(TiffCompression::Lzw);
        const int deflate = int(TiffCompression::Deflate);
        QTest::newRow("grey 8, LZW") << CV_8U << 1 << lzw << 37 << 23;
        QTest::newRow("grey 16, deflate") << CV_16U << 1 << deflate << 37 << 23;
        QTest::newRow("BGR 8, uncompressed") << CV_8U << 3 << none << 37 << 23;
        QTest::newRow("BGR 16, LZW, many strips") << CV_16U << 3 << lzw << 300 << 400;
        QTest::newRow("BGRA 8, deflate") << CV_8U << 4 << deflate << 41 << 17;
        QTest::newRow("BGRA 16, LZW, many strips") << CV_16U << 4 << lzw << 257 << 301;
        QTest::newRow("one pixel") << CV_8U << 3 << deflate << 1 << 1;
    }

    void everyLayoutComesBackExactly()
    {
        QFETCH(int, depth);
        QFETCH(int, channels);
        QFETCH(int, compression);
        QFETCH(int, width);
        QFETCH(int, height);
        const cv::Mat in = test::syntheticImage(width, height, depth, channels);
        ExportOptions options;
        options.format = ImageFormat::Tiff;
        options.tiffCompression = TiffCompression(compression);
        const EncodedImage encoded = encodeImage(in, options);
        QVERIFY2(encoded.error.isEmpty(), qPrintable(encoded.error));
        const QByteArray bytes = test::bytesOf(encoded);
        const DecodedImage back = decodeImage(bytes, DecodeOptions());
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
        QCOMPARE(test::largestDifference(back.image, in), 0);

        const QString path = m_dir.filePath("out.tif");
        test::writeFile(path, bytes);
        const Tags tags = tagsOf(path);
        QCOMPARE(int(tags.bits), depth == CV_16U ? 16 : 8);
        QCOMPARE(int(tags.samples), channels);
        QCOMPARE(int(tags.photometric), channels == 1 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_RGB);
        const int scheme = compression == int(TiffCompression::None) ? COMPRESSION_NONE
            : compression == int(TiffCompression::Lzw)               ? COMPRESSION_LZW
                                                                     : COMPRESSION_ADOBE_DEFLATE;
        QCOMPARE(int(tags.compression), scheme);
        QCOMPARE(int(tags.predictor), scheme == COMPRESSION_NONE ? PREDICTOR_NONE : PREDICTOR_HORIZONTAL);
        QVERIFY(tags.rowsPerStrip >= 1);
    }

    // OpenCV 4.6 left alpha undeclared: libtiff and readers built on it then
    // take a fourth sample for premultiplied alpha, or for no alpha at all.
    void alphaIsDeclaredUnassociated()
    {
        ExportOptions options;
        options.format = ImageFormat::Tiff;
        const EncodedImage encoded = encodeImage(test::syntheticImage(20, 10, CV_8U, 4), options);
        QVERIFY2(encoded.error.isEmpty(), qPrintable(encoded.error));
        const QString path = m_dir.filePath("alpha.tif");
        test::writeFile(path, test::bytesOf(encoded));
        const Tags tags = tagsOf(path);
        QCOMPARE(int(tags.extraCount), 1);
        QCOMPARE(int(tags.extraKind), EXTRASAMPLE_UNASSALPHA);

        const EncodedImage opaque = encodeImage(test::syntheticImage(20, 10, CV_8U, 3), options);
        test::writeFile(path, test::bytesOf(opaque));
        QCOMPARE(int(tagsOf(path).extraCount), 0);
    }
};

QTEST_GUILESS_MAIN(TestTiffEncoder)
#include "tst_tiffencoder.moc"

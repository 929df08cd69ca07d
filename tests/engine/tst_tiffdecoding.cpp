// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// TIFFs that are not CMYK, through decodeImage (tiffDecode in the codec
// module): the layouts OpenCV 4.6 read wrongly or refused, each checked
// against the samples written.
#include "engine/image/imagedecoder.h"
#include "tests/common/testutils.h"
#include "tests/common/tiffwriter.h"

#include <opencv2/core.hpp>

#include <QTest>
#include <QtEndian>

#include <tiffio.h>

using namespace pixelmill;

namespace {

// 16-bit samples that vary across the page: a ramp left to right, one top to
// bottom, a checker, and an alpha that steps through every opacity.
cv::Mat samples16(int width, int height, int count)
{
    cv::Mat page(height, width, CV_16UC(count));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            uint16_t *p = page.ptr<uint16_t>(y) + x * count;
            const uint16_t values[] = {uint16_t(65535 * x / std::max(1, width - 1)),
                uint16_t(65535 * y / std::max(1, height - 1)), uint16_t(((x / 4 + y / 4) % 2) ? 50000 : 3000),
                uint16_t((x + y) % 17 == 16 ? 0 : 65535 - 4000 * ((x + y) % 17)), 1234};
            for (int s = 0; s < count; ++s)
                p[s] = values[std::min(s, 4)];
        }
    return page;
}

// What decodeImage must give for `page` (16-bit, file order) written at
// `bits`: grey or BGR, alpha last; grey with alpha as BGRA.
cv::Mat expectedPixels(const cv::Mat &page, int bits, int colours, bool alpha, bool minIsWhite)
{
    const int channels = colours == 1 && !alpha ? 1 : alpha ? 4 : 3;
    cv::Mat out(page.size(), CV_MAKETYPE(bits == 8 ? CV_8U : CV_16U, channels));
    const int maximum = bits == 8 ? 255 : 65535;
    for (int y = 0; y < page.rows; ++y)
        for (int x = 0; x < page.cols; ++x) {
            const uint16_t *in = page.ptr<uint16_t>(y) + x * page.channels();
            const auto stored = [&](int s) { return bits == 8 ? in[s] >> 8 : int(in[s]); };
            int light[4] = {};
            for (int c = 0; c < 3; ++c) {
                const int v = stored(colours == 3 ? c : 0);
                light[2 - c] = minIsWhite ? maximum - v : v; // RGB in the file, BGR out
            }
            light[3] = alpha ? stored(colours) : 0;
            for (int c = 0; c < channels; ++c) {
                if (bits == 8)
                    out.ptr<uchar>(y)[x * channels + c] = uchar(light[c]);
                else
                    out.ptr<uint16_t>(y)[x * channels + c] = uint16_t(light[c]);
            }
        }
    return out;
}

} // namespace

class TestTiffDecoding final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

    DecodedImage decoded(const cv::Mat &samples, const test::TiffLayout &layout)
    {
        const QByteArray bytes = test::writeTiff(samples, layout, m_dir.filePath("t.tif"));
        if (bytes.isEmpty())
            qFatal("libtiff could not write the test file");
        return decodeImage(bytes, DecodeOptions());
    }

private slots:
    void samplesAreReadAsStored_data()
    {
        QTest::addColumn<int>("photometric");
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("extraKind"); // -1: no ExtraSamples tag
        QTest::addColumn<bool>("planar");
        QTest::addColumn<int>("tile");
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("predictor");
        QTest::addColumn<bool>("alpha");
        const int none = -1;
        QTest::newRow("RGB 8, strips")
            << PHOTOMETRIC_RGB << 8 << 3 << none << false << 0 << COMPRESSION_NONE << 0 << false;
        QTest::newRow("RGB 16, planar, deflate with predictor")
            << PHOTOMETRIC_RGB << 16 << 3 << none << true << 0 << COMPRESSION_ADOBE_DEFLATE << 2 << false;
        QTest::newRow("RGB 16, planar tiles, LZW")
            << PHOTOMETRIC_RGB << 16 << 3 << none << true << 16 << COMPRESSION_LZW << 0 << false;
        QTest::newRow("RGBA 8, unassociated") << PHOTOMETRIC_RGB << 8 << 4 << int(EXTRASAMPLE_UNASSALPHA)
                                              << false << 0 << COMPRESSION_LZW << 0 << true;
        QTest::newRow("RGBA 16, planar, unassociated")
            << PHOTOMETRIC_RGB << 16 << 4 << int(EXTRASAMPLE_UNASSALPHA) << true << 0 << COMPRESSION_NONE << 0
            << true;
        QTest::newRow("RGBA 8, no ExtraSamples tag")
            << PHOTOMETRIC_RGB << 8 << 4 << none << false << 0 << COMPRESSION_NONE << 0 << true;
        QTest::newRow("RGB 8 and an unspecified extra sample")
            << PHOTOMETRIC_RGB << 8 << 4 << int(EXTRASAMPLE_UNSPECIFIED) << false << 0 << COMPRESSION_NONE
            << 0 << false;
        QTest::newRow("grey 8") << PHOTOMETRIC_MINISBLACK << 8 << 1 << none << false << 0 << COMPRESSION_NONE
                                << 0 << false;
        QTest::newRow("grey 16 with alpha, planar tiles")
            << PHOTOMETRIC_MINISBLACK << 16 << 2 << int(EXTRASAMPLE_UNASSALPHA) << true << 16
            << COMPRESSION_ADOBE_DEFLATE << 0 << true;
        QTest::newRow("grey 8, min-is-white")
            << PHOTOMETRIC_MINISWHITE << 8 << 1 << none << false << 0 << COMPRESSION_PACKBITS << 0 << false;
    }

    void samplesAreReadAsStored()
    {
        QFETCH(int, photometric);
        QFETCH(int, bits);
        QFETCH(int, samples);
        QFETCH(int, extraKind);
        QFETCH(bool, planar);
        QFETCH(int, tile);
        QFETCH(int, compression);
        QFETCH(int, predictor);
        QFETCH(bool, alpha);
        const cv::Mat page = samples16(37, 29, samples);
        test::TiffLayout layout {.photometric = uint16_t(photometric),
            .bits = uint16_t(bits),
            .compression = uint16_t(compression),
            .predictor = uint16_t(predictor),
            .planar = planar,
            .tile = uint32_t(tile),
            .rowsPerStrip = 5};
        if (extraKind >= 0)
            layout.extraSamples = {uint16_t(extraKind)};
        const DecodedImage image = decoded(page, layout);
        QVERIFY2(image.error.isEmpty(), qPrintable(image.error));
        const int colours = photometric == PHOTOMETRIC_RGB ? 3 : 1;
        const cv::Mat want
            = expectedPixels(page, bits, colours, alpha, photometric == PHOTOMETRIC_MINISWHITE);
        QCOMPARE(image.image.type(), want.type());
        QCOMPARE(test::largestDifference(image.image, want), 0);
    }

    // Premultiplied colours come back divided by their alpha; fully transparent ones black.
    void associatedAlphaIsDividedOut_data()
    {
        QTest::addColumn<int>("bits");
        QTest::newRow("8-bit") << 8;
        QTest::newRow("16-bit") << 16;
    }

    void associatedAlphaIsDividedOut()
    {
        QFETCH(int, bits);
        const cv::Mat page = samples16(40, 20, 4);
        const cv::Mat want = expectedPixels(page, bits, 3, true, false);
        const double opaque = bits == 8 ? 255 : 65535;
        cv::Mat bgra;
        want.convertTo(bgra, CV_64F);
        std::vector<cv::Mat> planes;
        cv::split(bgra, planes);
        for (int c = 0; c < 3; ++c)
            planes[size_t(c)] = planes[size_t(c)].mul(planes[3]) / opaque;
        cv::merge(planes, bgra);
        cv::Mat premultiplied;
        bgra.convertTo(premultiplied, want.depth()); // rounds
        cv::Mat fileOrder(premultiplied.size(), premultiplied.type());
        const int toRgba[] = {0, 2, 1, 1, 2, 0, 3, 3};
        cv::mixChannels(&premultiplied, 1, &fileOrder, 1, toRgba, 4);
        const DecodedImage image
            = decoded(fileOrder, {.bits = uint16_t(bits), .extraSamples = {EXTRASAMPLE_ASSOCALPHA}});
        QVERIFY2(image.error.isEmpty(), qPrintable(image.error));
        QCOMPARE(image.image.type(), want.type());
        for (int y = 0; y < want.rows; ++y)
            for (int x = 0; x < want.cols; ++x) {
                const cv::Scalar got = cv::mean(image.image(cv::Rect(x, y, 1, 1)));
                const cv::Scalar expected = cv::mean(want(cv::Rect(x, y, 1, 1)));
                QCOMPARE(got[3], expected[3]);
                // The file's rounding, magnified by opaque / alpha.
                const double tolerance = expected[3] == 0 ? 0 : 0.5 * opaque / expected[3] + 1;
                for (int c = 0; c < 3; ++c)
                    if (std::abs(got[c] - (expected[3] == 0 ? 0 : expected[c])) > tolerance)
                        QFAIL(qPrintable(QStringLiteral("(%1, %2) channel %3: %4 for %5")
                                             .arg(x)
                                             .arg(y)
                                             .arg(c)
                                             .arg(got[c])
                                             .arg(expected[c])));
            }
    }

    // Signed, 32-bit and floating-point samples reach the pipeline's unsigned
    // depths: signed ones offset by half the range, 32-bit integers by their
    // high 16 bits, floats (0 to 1) scaled to 16 bits.
    void otherSampleFormats_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("tolerance");
        QTest::newRow("signed 8") << SAMPLEFORMAT_INT << 8 << 0;
        QTest::newRow("signed 16") << SAMPLEFORMAT_INT << 16 << 0;
        QTest::newRow("unsigned 32") << SAMPLEFORMAT_UINT << 32 << 0;
        QTest::newRow("signed 32") << SAMPLEFORMAT_INT << 32 << 0;
        QTest::newRow("half float") << SAMPLEFORMAT_IEEEFP << 16 << 32; // 11 bits of precision
        QTest::newRow("float") << SAMPLEFORMAT_IEEEFP << 32 << 0;
        QTest::newRow("double") << SAMPLEFORMAT_IEEEFP << 64 << 0;
    }

    void otherSampleFormats()
    {
        QFETCH(int, format);
        QFETCH(int, bits);
        QFETCH(int, tolerance);
        const cv::Mat page = samples16(33, 21, 3);
        const cv::Mat want = expectedPixels(page, bits == 8 ? 8 : 16, 3, false, false);
        cv::Mat stored;
        if (format == SAMPLEFORMAT_IEEEFP)
            page.convertTo(stored, bits == 16 ? CV_16F : bits == 32 ? CV_32F : CV_64F, 1.0 / 65535);
        else if (bits == 8) {
            stored.create(page.size(), CV_8SC3); // the file's value is the high byte, offset
            for (int y = 0; y < page.rows; ++y)
                for (int i = 0; i < page.cols * 3; ++i)
                    stored.ptr<schar>(y)[i] = schar((page.ptr<uint16_t>(y)[i] >> 8) - 128);
        } else if (bits == 16)
            page.convertTo(stored, CV_16S, 1.0, -32768.0);
        else {
            stored.create(page.size(), CV_32SC3);
            for (int y = 0; y < page.rows; ++y)
                for (int i = 0; i < page.cols * 3; ++i) {
                    const uint32_t high = uint32_t(page.ptr<uint16_t>(y)[i]) << 16;
                    stored.ptr<uint32_t>(y)[i]
                        = format == SAMPLEFORMAT_INT ? (high ^ 0x80000000u) | 0x1234u : high | 0x1234u;
                }
        }
        const DecodedImage image
            = decoded(stored, {.bits = uint16_t(bits), .sampleFormat = uint16_t(format), .planar = true});
        QVERIFY2(image.error.isEmpty(), qPrintable(image.error));
        QCOMPARE(image.image.type(), want.type());
        QVERIFY2(test::largestDifference(image.image, want) <= tolerance,
            qPrintable(QString::number(test::largestDifference(image.image, want))));
    }

    // Pages of 1, 2 or 4 bits and palettes go through libtiff's RGBA interface.
    void fewBitsAndPalettes_data()
    {
        QTest::addColumn<int>("photometric");
        QTest::addColumn<int>("bits");
        QTest::newRow("grey 1") << PHOTOMETRIC_MINISBLACK << 1;
        QTest::newRow("grey 2") << PHOTOMETRIC_MINISBLACK << 2;
        QTest::newRow("grey 4, min-is-white") << PHOTOMETRIC_MINISWHITE << 4;
        QTest::newRow("palette 2") << PHOTOMETRIC_PALETTE << 2;
        QTest::newRow("palette 4") << PHOTOMETRIC_PALETTE << 4;
        QTest::newRow("palette 8") << PHOTOMETRIC_PALETTE << 8;
    }

    void fewBitsAndPalettes()
    {
        QFETCH(int, photometric);
        QFETCH(int, bits);
        const int levels = 1 << bits;
        cv::Mat indices(27, 35, CV_8UC1);
        for (int y = 0; y < indices.rows; ++y)
            for (int x = 0; x < indices.cols; ++x)
                indices.at<uchar>(y, x) = uchar((x * 7 + y * 3) % levels);
        test::TiffLayout layout {.photometric = uint16_t(photometric), .bits = uint16_t(bits)};
        const auto paletteColour = [levels](int i) { // 8-bit R, G, B, stored ×257 as TIFF's 16-bit map
            return cv::Vec3i(255 * i / (levels - 1), (i * 97) % 256, 255 - 255 * i / (levels - 1));
        };
        if (photometric == PHOTOMETRIC_PALETTE) {
            layout.colormap.resize(size_t(3 * levels));
            for (int i = 0; i < levels; ++i)
                for (int c = 0; c < 3; ++c)
                    layout.colormap[size_t(c * levels + i)] = uint16_t(paletteColour(i)[c] * 257);
        }
        const DecodedImage image = decoded(indices, layout);
        QVERIFY2(image.error.isEmpty(), qPrintable(image.error));
        const bool palette = photometric == PHOTOMETRIC_PALETTE;
        QCOMPARE(image.image.type(), palette ? CV_8UC3 : CV_8UC1);
        for (int y = 0; y < indices.rows; ++y)
            for (int x = 0; x < indices.cols; ++x) {
                const int i = indices.at<uchar>(y, x);
                if (palette) {
                    const cv::Vec3i rgb = paletteColour(i);
                    QCOMPARE(image.image.at<cv::Vec3b>(y, x),
                        cv::Vec3b(uchar(rgb[2]), uchar(rgb[1]), uchar(rgb[0])));
                } else {
                    const int grey = 255 * i / (levels - 1);
                    QCOMPARE(int(image.image.at<uchar>(y, x)),
                        photometric == PHOTOMETRIC_MINISWHITE ? 255 - grey : grey);
                }
            }
    }

    // One strip declared as 2^32 - 1 rows (what many writers put for "all of
    // them") or far more than the page holds: strips are sized by the page's
    // rows, on both of libtiff's readers.
    void rowsPerStripBeyondThePage_data()
    {
        QTest::addColumn<int>("photometric");
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("samples");
        QTest::addColumn<quint32>("rowsPerStrip");
        QTest::newRow("RGB 8, 2^32-1") << PHOTOMETRIC_RGB << 8 << 3 << quint32(0xFFFFFFFF);
        QTest::newRow("grey 16, 8454160") << PHOTOMETRIC_MINISBLACK << 16 << 1 << quint32(8454160);
        QTest::newRow("palette 4, 2^32-1") << PHOTOMETRIC_PALETTE << 4 << 1 << quint32(0xFFFFFFFF);
    }

    void rowsPerStripBeyondThePage()
    {
        QFETCH(int, photometric);
        QFETCH(int, bits);
        QFETCH(int, samples);
        QFETCH(quint32, rowsPerStrip);
        cv::Mat page = samples16(41, 23, samples);
        test::TiffLayout layout {.photometric = uint16_t(photometric), .bits = uint16_t(bits)};
        if (photometric == PHOTOMETRIC_PALETTE) {
            page = cv::Mat(page.size(), CV_8UC1);
            cv::randu(page, 0, 16);
            for (int c = 0; c < 3; ++c)
                for (int i = 0; i < 16; ++i)
                    layout.colormap.push_back(uint16_t((i * 4111 + c * 20000) % 65536));
        }
        layout.rowsPerStrip = 4;
        const DecodedImage manyStrips = decoded(page, layout);
        QVERIFY2(manyStrips.error.isEmpty(), qPrintable(manyStrips.error));
        layout.rowsPerStrip = rowsPerStrip;
        const DecodedImage oneStrip = decoded(page, layout);
        QVERIFY2(oneStrip.error.isEmpty(), qPrintable(oneStrip.error));
        QCOMPARE(oneStrip.image.type(), manyStrips.image.type());
        QCOMPARE(test::largestDifference(oneStrip.image, manyStrips.image), 0);
    }

    // The Orientation tag turns the page once (OpenCV turned it, and then the
    // decoder did again by the header's orientation).
    void pagesTurnOnceByTheirOrientation_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<bool>("palette");
        for (const bool palette : {false, true})
            for (const int orientation : {3, 6, 8})
                QTest::addRow("%s, orientation %d", palette ? "palette" : "RGB", orientation)
                    << orientation << palette;
    }

    void pagesTurnOnceByTheirOrientation()
    {
        QFETCH(int, orientation);
        QFETCH(bool, palette);
        cv::Mat stored(20, 32, CV_8UC3);
        for (int y = 0; y < stored.rows; ++y)
            for (int x = 0; x < stored.cols; ++x) // four colours, one per quadrant, and a ramp
                stored.at<cv::Vec3b>(y, x)
                    = cv::Vec3b(uchar(x < 16 ? 0 : 255), uchar(y < 10 ? 0 : 255), uchar(palette ? 0 : x * 8));
        test::TiffLayout layout {.bits = 8, .orientation = uint16_t(orientation)};
        cv::Mat written = stored;
        if (palette) { // each quadrant's colour as an index into a 2-bit palette
            layout.photometric = PHOTOMETRIC_PALETTE;
            layout.bits = 2;
            layout.colormap = {0, 0, 0, 0, 0, 0, 65535, 65535, 0, 65535, 0, 65535}; // reds, greens, blues
            written.create(stored.size(), CV_8UC1);
            for (int y = 0; y < stored.rows; ++y)
                for (int x = 0; x < stored.cols; ++x)
                    written.at<uchar>(y, x) = uchar((x < 16 ? 0 : 1) + (y < 10 ? 0 : 2));
        }
        // The file holds R, G, B: BGR in `stored` is swapped for the writer.
        cv::Mat fileOrder = written;
        if (!palette) {
            fileOrder.create(stored.size(), CV_8UC3);
            const int swap[] = {0, 2, 1, 1, 2, 0};
            cv::mixChannels(&stored, 1, &fileOrder, 1, swap, 3);
        }
        const DecodedImage image = decoded(fileOrder, layout);
        QVERIFY2(image.error.isEmpty(), qPrintable(image.error));
        cv::Mat want;
        cv::rotate(stored, want,
            orientation == 3       ? cv::ROTATE_180
                : orientation == 6 ? cv::ROTATE_90_CLOCKWISE
                                   : cv::ROTATE_90_COUNTERCLOCKWISE);
        QCOMPARE(test::largestDifference(image.image, want), 0);
    }

    // A few hundred bytes declaring tiles of 65520 × 65520 pixels: refused
    // before a tile buffer of 12 GB is filled.
    void tilesFarLargerThanThePageAreRefused()
    {
        const QByteArray written = test::writeTiff(samples16(100, 100, 3),
            {.bits = 8, .compression = COMPRESSION_LZW, .tile = 16}, m_dir.filePath("tiled.tif"));
        QVERIFY(written.size() > 8 && written.startsWith("II"));
        std::vector<uchar> file(written.begin(), written.end());
        const quint32 directory = qFromLittleEndian<quint32>(file.data() + 4);
        const int entries = qFromLittleEndian<quint16>(file.data() + directory);
        int patched = 0;
        for (int i = 0; i < entries; ++i) {
            uchar *entry = file.data() + directory + 2 + 12 * i;
            const quint16 tag = qFromLittleEndian<quint16>(entry);
            if (tag != TIFFTAG_TILEWIDTH && tag != TIFFTAG_TILELENGTH)
                continue;
            if (qFromLittleEndian<quint16>(entry + 2) == TIFF_SHORT)
                qToLittleEndian<quint16>(65520, entry + 8);
            else
                qToLittleEndian<quint32>(65520, entry + 8);
            ++patched;
        }
        QCOMPARE(patched, 2);
        const QByteArray bytes(reinterpret_cast<const char *>(file.data()), qsizetype(file.size()));
        const DecodedImage image = decodeImage(bytes, DecodeOptions());
        QVERIFY(image.image.empty());
        QVERIFY2(image.error.contains("could not be decoded"), qPrintable(image.error));
    }

    // A cut or damaged file gives what can be read, the rest blank, and says
    // so, as a cut JPEG does; a page of which nothing can be read fails.
    void damagedStripsAreLeftBlankWithAWarning()
    {
        const cv::Mat page = samples16(64, 48, 3);
        const QByteArray whole = test::writeTiff(page,
            {.bits = 8, .compression = COMPRESSION_LZW, .rowsPerStrip = 8}, m_dir.filePath("whole.tif"));
        QVERIFY(!whole.isEmpty());
        const cv::Mat want = expectedPixels(page, 8, 3, false, false);
        QByteArray damaged = whole; // LZW strips come first, the directory last
        for (qsizetype i = 16; i < damaged.size() / 2; i += 3)
            damaged[i] = char(0xFF);
        const DecodedImage broken = decodeImage(damaged, DecodeOptions());
        QVERIFY2(broken.error.isEmpty(), qPrintable(broken.error));
        QCOMPARE(broken.warnings.size(), 1);
        QVERIFY2(broken.warnings.first().startsWith("the TIFF is damaged or truncated: "),
            qPrintable(broken.warnings.first()));
        QVERIFY2(broken.warnings.first().contains(" of its 6 strips or tiles could not be read"),
            qPrintable(broken.warnings.first()));
        QCOMPARE(cv::norm(broken.image.rowRange(0, 8), cv::NORM_INF), 0.0); // the first strip: blank
        QCOMPARE(test::largestDifference(broken.image.rowRange(40, 48), want.rowRange(40, 48)),
            0); // the last: whole

        const std::vector<uchar> header(whole.begin(), whole.begin() + 8); // "II", 42, the directory's offset
        const quint32 directory = qFromLittleEndian<quint32>(header.data() + 4);
        QByteArray ruined = whole;
        for (qsizetype i = 8; i < qsizetype(directory); ++i)
            ruined[i] = char(0xFF);
        const DecodedImage nothing = decodeImage(ruined, DecodeOptions());
        QVERIFY(nothing.image.empty());
        QVERIFY2(nothing.error.startsWith("the TIFF (RGB, 8 bits per sample) could not be decoded: "),
            qPrintable(nothing.error));

        // A palette goes through libtiff's RGBA interface, which stopped at the first bad strip.
        cv::Mat indices(48, 64, CV_8UC1);
        cv::randu(indices, 0, 16);
        test::TiffLayout palette {
            .photometric = PHOTOMETRIC_PALETTE, .bits = 4, .compression = COMPRESSION_LZW, .rowsPerStrip = 8};
        for (int i = 0; i < 48; ++i)
            palette.colormap.push_back(uint16_t(1000 + i * 1300));
        const QByteArray wholePalette = test::writeTiff(indices, palette, m_dir.filePath("palette.tif"));
        const DecodedImage intact = decodeImage(wholePalette, DecodeOptions());
        QVERIFY2(intact.error.isEmpty() && intact.warnings.isEmpty(), qPrintable(intact.error));
        QByteArray damagedPalette = wholePalette;
        for (qsizetype i = 16; i < damagedPalette.size() / 2; i += 3)
            damagedPalette[i] = char(0xFF);
        const DecodedImage partly = decodeImage(damagedPalette, DecodeOptions());
        QVERIFY2(partly.error.isEmpty(), qPrintable(partly.error));
        QCOMPARE(partly.warnings.size(), 1);
        QVERIFY2(partly.warnings.first().contains(" of its 6 strips or tiles could not be read"),
            qPrintable(partly.warnings.first()));
        QCOMPARE(cv::norm(partly.image.rowRange(0, 8), cv::NORM_INF), 0.0);
        QCOMPARE(test::largestDifference(partly.image.rowRange(40, 48), intact.image.rowRange(40, 48)), 0);
        const quint32 paletteDirectory = qFromLittleEndian<quint32>(
            std::vector<uchar>(wholePalette.begin(), wholePalette.begin() + 8).data() + 4);
        QByteArray ruinedPalette = wholePalette;
        for (qsizetype i = 8; i < qsizetype(paletteDirectory); ++i)
            ruinedPalette[i] = char(0xFF);
        const DecodedImage none = decodeImage(ruinedPalette, DecodeOptions());
        QVERIFY(none.image.empty());
        QVERIFY2(none.error.contains("the image data is damaged or missing"), qPrintable(none.error));

        const DecodedImage crowded
            = decoded(samples16(8, 8, 9), {.bits = 8, .extraSamples = std::vector<uint16_t>(6, 0)});
        QVERIFY(crowded.image.empty());
        QVERIFY2(crowded.error.contains("9 samples per pixel"), qPrintable(crowded.error));
    }
};

QTEST_GUILESS_MAIN(TestTiffDecoding)
#include "tst_tiffdecoding.moc"

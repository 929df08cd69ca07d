// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/pngencoder.h"
#include "engine/image/pngdecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QBuffer>
#include <QImage>
#include <QRandomGenerator>
#include <QTest>

#include <libdeflate.h>

#include <cstdlib>
#include <functional>

using namespace pixelmill;

namespace {

constexpr qint64 kLimit = 50'000'000;

// Recomputes the CRC of the chunk whose type starts at `typeAt`.
void fixCrc(QByteArray &png, qsizetype typeAt)
{
    const auto *d = reinterpret_cast<const uchar *>(png.constData());
    const uint32_t length = uint32_t(d[typeAt - 4]) << 24 | uint32_t(d[typeAt - 3]) << 16
        | uint32_t(d[typeAt - 2]) << 8 | d[typeAt - 1];
    const uint32_t crc = libdeflate_crc32(0, d + typeAt, size_t(length) + 4);
    for (int i = 0; i < 4; ++i)
        png[typeAt + 4 + qsizetype(length) + i] = char(crc >> (24 - 8 * i));
}

void appendChunk(QByteArray &png, const char *type, const QByteArray &body)
{
    const auto be32 = [&png](uint32_t v) {
        for (int i = 0; i < 4; ++i)
            png.append(char(v >> (24 - 8 * i)));
    };
    be32(uint32_t(body.size()));
    const qsizetype typeAt = png.size();
    png.append(type, 4);
    png.append(body);
    be32(libdeflate_crc32(0, png.constData() + typeAt, size_t(body.size()) + 4));
}

// The byte the encoder stores for `value` under PNG filter `type`, written out
// here from the specification rather than shared with the code under test.
uchar filteredByte(int type, int value, int left, int up, int upLeft)
{
    int predicted = 0;
    if (type == 1) {
        predicted = left;
    } else if (type == 2) {
        predicted = up;
    } else if (type == 3) {
        predicted = (left + up) / 2;
    } else if (type == 4) {
        const int p = left + up - upLeft;
        const int pa = std::abs(p - left), pb = std::abs(p - up), pc = std::abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    return uchar(value - predicted);
}

// A PNG of any colour type and bit depth from raw big-endian samples; row y is
// stored with filter `filterOfRow(y)`.
QByteArray handMadePng(int width, int height, int colourType, const QByteArray &samples, int bitDepth = 8,
                       const std::function<int(int)> &filterOfRow = [](int) { return 0; })
{
    QByteArray rows;
    const qsizetype rowBytes = samples.size() / height;
    const int bpp = int(rowBytes / width);
    const auto *raw = reinterpret_cast<const uchar *>(samples.constData());
    for (int y = 0; y < height; ++y) {
        const int type = filterOfRow(y);
        rows.append(char(type));
        for (qsizetype i = 0; i < rowBytes; ++i) {
            const auto at = [&](int row, qsizetype column) {
                return row < 0 || column < 0 ? 0 : int(raw[row * rowBytes + column]);
            };
            rows.append(char(filteredByte(type, at(y, i), at(y, i - bpp), at(y - 1, i), at(y - 1, i - bpp))));
        }
    }
    libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    QByteArray zlib(qsizetype(libdeflate_zlib_compress_bound(c, size_t(rows.size()))), Qt::Uninitialized);
    zlib.truncate(qsizetype(libdeflate_zlib_compress(c, rows.constData(), size_t(rows.size()), zlib.data(),
                                                     size_t(zlib.size()))));
    libdeflate_free_compressor(c);
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray ihdr;
    for (int v : {width, height})
        for (int i = 0; i < 4; ++i)
            ihdr.append(char(uint32_t(v) >> (24 - 8 * i)));
    ihdr.append(char(bitDepth)).append(char(colourType)).append('\0').append('\0').append('\0');
    appendChunk(png, "IHDR", ihdr);
    appendChunk(png, "IDAT", zlib);
    appendChunk(png, "IEND", {});
    return png;
}

} // namespace

class TestPngDecoder final : public QObject
{
    Q_OBJECT

private slots:
    // Differential: the fast path must give exactly OpenCV's pixels and layout.
    void matchesOpenCvForEveryLayout_data()
    {
        test::addEveryLayoutRow(97, 61);
    }
    void matchesOpenCvForEveryLayout()
    {
        QFETCH(int, depth);
        QFETCH(int, channels);
        QFETCH(int, width);
        QFETCH(int, height);
        cv::Mat noisy = test::syntheticImage(width, height, depth, channels);
        cv::Mat noise(noisy.size(), noisy.type());
        cv::randu(noise, 0, depth == CV_8U ? 40 : 9000);
        noisy += noise; // every filter type gets chosen somewhere
        for (int level : {0, 1, 9}) {
            std::vector<uchar> viaOpenCv;
            cv::imencode(".png", noisy, viaOpenCv, {cv::IMWRITE_PNG_COMPRESSION, level});
            for (const QByteArray &png : {test::bytesOf(viaOpenCv), test::bytesOf(encodePng(noisy, level))}) {
                const cv::Mat fast = decodePngFast(png, kLimit);
                const cv::Mat reference = test::openCvDecode(png);
                QVERIFY(!fast.empty());
                QCOMPARE(fast.type(), reference.type());
                QCOMPARE(cv::norm(fast, reference, cv::NORM_INF), 0.0);
                // A plain image, not a view into a larger buffer: border-reading
                // filters must not see the spare rows the decode used.
                QVERIFY(!fast.isSubmatrix() && fast.isContinuous());
                cv::Mat a, b;
                cv::GaussianBlur(fast, a, cv::Size(7, 7), 2);
                cv::GaussianBlur(reference, b, cv::Size(7, 7), 2);
                QCOMPARE(cv::norm(a, b, cv::NORM_INF), 0.0);
            }
        }
    }

    // Each row under a chosen filter, so every filter meets every pixel width,
    // rows of one and two pixels and the row-end pixel included. "cycling"
    // gives every filter every neighbour; "paeth-runs" gives runs of 1 to 8
    // Paeth rows (runs of four and two are undone together), starting at the
    // first row and ending at the last.
    void everyFilterTypeForEveryLayout_data()
    {
        QTest::addColumn<int>("colourType");
        QTest::addColumn<int>("bitDepth");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("paethRuns");
        for (int colourType : {0, 2, 4, 6})
            for (int bitDepth : {8, 16})
                for (int width : {1, 2, 3, 5, 6, 64})
                    for (bool paethRuns : {false, true})
                        QTest::addRow("type%d-%dbit-%dpx-%s", colourType, bitDepth, width,
                                      paethRuns ? "paeth-runs" : "cycling")
                            << colourType << bitDepth << width << paethRuns;
    }
    void everyFilterTypeForEveryLayout()
    {
        QFETCH(int, colourType);
        QFETCH(int, bitDepth);
        QFETCH(int, width);
        QFETCH(bool, paethRuns);
        const int samplesPerPixel = colourType == 0 ? 1 : colourType == 2 ? 3 : colourType == 4 ? 2 : 4;
        const int height = 25; // five rows of each filter, in changing neighbours
        QByteArray samples(qsizetype(width) * height * samplesPerPixel * (bitDepth / 8), Qt::Uninitialized);
        QRandomGenerator rng(uint(colourType * 1000 + bitDepth * 100 + width));
        for (qsizetype i = 0; i < samples.size(); ++i) // smooth with noise and some extremes
            samples[i] = char(i % 97 == 0 ? 255 : (i * 3) % 200 + int(rng.bounded(40)));
        // Runs of 5, 1, 3 and 8 Paeth rows (the first from row 0), between Sub,
        // Up, Average and None, and the last rows Paeth: four rows are undone
        // together, then pairs, then single rows.
        const auto runs = [height](int y) {
            static const int pattern[] = {4, 4, 4, 4, 4, 1, 4, 2, 4, 4, 4, 3, 4, 4, 4, 4, 4, 4, 4, 4, 0};
            return y >= height - 3 ? 4 : pattern[y % 21];
        };
        const auto cycling = [](int y) { return (y + y / 5) % 5; };
        const QByteArray png = paethRuns ? handMadePng(width, height, colourType, samples, bitDepth, runs)
                                         : handMadePng(width, height, colourType, samples, bitDepth, cycling);
        const cv::Mat fast = decodePngFast(png, kLimit);
        const cv::Mat reference = test::openCvDecode(png);
        QVERIFY(!fast.empty());
        QVERIFY(!reference.empty());
        QCOMPARE(fast.type(), reference.type());
        QCOMPARE(cv::norm(fast, reference, cv::NORM_INF), 0.0);
    }

    void greyWithAlphaBecomesBgraLikeOpenCv()
    {
        QByteArray samples;
        for (int y = 0; y < 17; ++y)
            for (int x = 0; x < 33; ++x)
                samples.append(char(x * 7)).append(char(255 - y * 9));
        const QByteArray png = handMadePng(33, 17, 4, samples);
        const cv::Mat fast = decodePngFast(png, kLimit);
        const cv::Mat reference = test::openCvDecode(png);
        QCOMPARE(fast.channels(), 4);
        QCOMPARE(fast.type(), reference.type());
        QCOMPARE(cv::norm(fast, reference, cv::NORM_INF), 0.0);
        QCOMPARE(fast.at<cv::Vec4b>(2, 3), cv::Vec4b(21, 21, 21, 237));
    }

    void everythingElseIsLeftToOpenCv()
    {
        const cv::Mat image = test::syntheticImage(40, 30);
        const QByteArray good = test::bytesOf(encodePng(image, 6));
        QVERIFY(!decodePngFast(good, kLimit).empty());

        QByteArray interlaced = good;
        interlaced[12 + 4 + 12] = 1; // IHDR interlace method
        fixCrc(interlaced, 12);
        QVERIFY(decodePngFast(interlaced, kLimit).empty());

        QImage palette(8, 8, QImage::Format_Indexed8);
        palette.setColorCount(2);
        palette.setColor(0, qRgb(0, 0, 0));
        palette.setColor(1, qRgb(255, 0, 0));
        palette.fill(1);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(palette.save(&buffer, "PNG"));
        QVERIFY(decodePngFast(buffer.data(), kLimit).empty());

        QVERIFY(decodePngFast(good.left(good.size() - 30), kLimit).empty()); // truncated
        QByteArray badCrc = good;
        badCrc[good.indexOf("IDAT") + 10] = char(badCrc[good.indexOf("IDAT") + 10] ^ 0x40);
        QVERIFY(decodePngFast(badCrc, kLimit).empty());
        QByteArray badStream = good; // CRC fixed, stream damaged: Adler-32 or inflate catches it
        badStream[good.indexOf("IDAT") + 10] = char(badStream[good.indexOf("IDAT") + 10] ^ 0x40);
        fixCrc(badStream, good.indexOf("IDAT"));
        QVERIFY(decodePngFast(badStream, kLimit).empty());
        QVERIFY(decodePngFast(good, 40 * 30 - 1).empty()); // over the limit given
        QByteArray oddChunk = good.left(33); // signature + IHDR, then a chunk libpng refuses by its name
        appendChunk(oddChunk, "\xff\xff\xff\xff", QByteArray(4, 'x'));
        oddChunk.append(good.mid(33));
        QVERIFY(decodePngFast(oddChunk, kLimit).empty());
        QVERIFY(decodePngFast(QByteArray("\x89PNG\r\n\x1a\n", 8), kLimit).empty());
        QVERIFY(decodePngFast(test::encode(".jpg", image), kLimit).empty());
    }

    // libpng allocates a chunk's declared length before reading it: a 1.3 KB
    // file declaring a 1.1 GB text chunk after its pixels cost that much memory.
    void chunkLongerThanTheFileIsFoundBeforeLibpngSeesIt()
    {
        const QByteArray png = test::encode(".png", test::syntheticImage(20, 10));
        QCOMPARE(pngChunkOverrun(png), QString());
        const qsizetype iend = png.size() - 12;
        QByteArray hostile = png.left(iend);
        appendChunk(hostile, "tEXt", QByteArray("Comment\0hello", 13));
        hostile.append(png.mid(iend));
        QCOMPARE(pngChunkOverrun(hostile), QString()); // whole: fine
        const qsizetype textLength = iend;
        for (int i = 0; i < 4; ++i)
            hostile[textLength + i] = char(0x44000000u >> (24 - 8 * i));
        QCOMPARE(pngChunkOverrun(hostile),
                 QStringLiteral("the PNG data is corrupt or truncated: a chunk declares 1140850688 bytes, 29 are left"));
        QCOMPARE(pngChunkOverrun(png.left(png.size() / 2)).isEmpty(), false); // a cut file
        QCOMPARE(pngChunkOverrun(png.left(8)), QString()); // nothing to walk: OpenCV says why
    }

    void randomDamageNeverCrashesAndNeverDisagrees()
    {
        const cv::Mat image = test::syntheticImage(64, 48, CV_8U, 4);
        const QByteArray good = test::bytesOf(encodePng(image, 6));
        QRandomGenerator rng(11);
        for (int i = 0; i < 3000; ++i) {
            QByteArray damaged = good;
            const int flips = int(rng.bounded(1, 4));
            for (int f = 0; f < flips; ++f)
                damaged[qsizetype(rng.bounded(int(damaged.size())))] = char(rng.bounded(256));
            if (rng.bounded(4) == 0)
                damaged.truncate(qsizetype(rng.bounded(int(damaged.size()))));
            const cv::Mat fast = decodePngFast(damaged, kLimit);
            if (fast.empty())
                continue;
            const cv::Mat reference = test::openCvDecode(damaged);
            QVERIFY(!reference.empty());
            QCOMPARE(cv::norm(fast, reference, cv::NORM_INF), 0.0);
        }
    }
};

QTEST_GUILESS_MAIN(TestPngDecoder)
#include "tst_pngdecoder.moc"

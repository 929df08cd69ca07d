// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/jpegframe.h"

#include "engine/export/jpegencoder.h"
#include "tests/common/testutils.h"

#include <QTest>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>

using namespace pixelmill;

namespace {

struct HeaderReader
{
    jpeg_decompress_struct cinfo;
    jpeg_error_mgr err;
    std::jmp_buf jump;
};

[[noreturn]] void failHeader(j_common_ptr cinfo)
{
    std::longjmp(reinterpret_cast<HeaderReader *>(cinfo)->jump, 1);
}

// What libjpeg itself allocates for the whole-image coefficient buffer
// (jdcoefct.c: blocks rounded up to whole sampling units, 64 JCOEFs each),
// or 0 when it decodes the file a band at a time.
qint64 libjpegCoefficientBytes(const QByteArray &bytes)
{
    HeaderReader r {};
    r.cinfo.err = jpeg_std_error(&r.err);
    r.err.error_exit = &failHeader;
    if (setjmp(r.jump)) {
        jpeg_destroy_decompress(&r.cinfo);
        return -1;
    }
    jpeg_create_decompress(&r.cinfo);
    jpeg_mem_src(&r.cinfo, reinterpret_cast<const unsigned char *>(bytes.constData()), bytes.size());
    jpeg_read_header(&r.cinfo, TRUE);
    qint64 total = 0;
    if (jpeg_has_multiple_scans(&r.cinfo)) {
        for (int c = 0; c < r.cinfo.num_components; ++c) {
            const jpeg_component_info &comp = r.cinfo.comp_info[c];
            const auto roundUp = [](qint64 a, qint64 b) { return (a + b - 1) / b * b; };
            total += roundUp(comp.width_in_blocks, comp.h_samp_factor)
                * roundUp(comp.height_in_blocks, comp.v_samp_factor) * qint64(sizeof(JBLOCK));
        }
    }
    jpeg_destroy_decompress(&r.cinfo);
    return total;
}

struct Writer
{
    jpeg_compress_struct cinfo;
    jpeg_error_mgr err;
};

// Baseline Huffman coding, one scan per component (T.81 non-interleaved).
QByteArray sequentialInSeparateScans(int width, int height)
{
    Writer w {};
    w.cinfo.err = jpeg_std_error(&w.err);
    jpeg_create_compress(&w.cinfo);
    unsigned char *out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&w.cinfo, &out, &size);
    w.cinfo.image_width = JDIMENSION(width);
    w.cinfo.image_height = JDIMENSION(height);
    w.cinfo.input_components = 3;
    w.cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&w.cinfo);
    static const jpeg_scan_info kScans[]
        = {{1, {0}, 0, 63, 0, 0}, {1, {1}, 0, 63, 0, 0}, {1, {2}, 0, 63, 0, 0}};
    w.cinfo.scan_info = kScans;
    w.cinfo.num_scans = 3;
    jpeg_start_compress(&w.cinfo, TRUE);
    std::vector<unsigned char> row(size_t(width) * 3);
    while (w.cinfo.next_scanline < w.cinfo.image_height) {
        for (size_t x = 0; x < row.size(); ++x)
            row[x] = static_cast<unsigned char>((x + w.cinfo.next_scanline * 7) & 0xFF);
        JSAMPROW rows[] = {row.data()};
        jpeg_write_scanlines(&w.cinfo, rows, 1);
    }
    jpeg_finish_compress(&w.cinfo);
    jpeg_destroy_compress(&w.cinfo);
    const QByteArray bytes(reinterpret_cast<const char *>(out), qsizetype(size));
    std::free(out);
    return bytes;
}

} // namespace

class TestJpegFrame final : public QObject
{
    Q_OBJECT

private slots:
    void countsWhatLibjpegHoldsForAProgressiveFrame_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("subsampling");
        QTest::addColumn<bool>("progressive");
        for (const bool progressive : {false, true}) {
            const char *mode = progressive ? "progressive" : "baseline";
            QTest::addRow("%s 4:2:0 640x480", mode)
                << 640 << 480 << 3 << int(ChromaSubsampling::S420) << progressive;
            QTest::addRow("%s 4:2:0 641x481", mode)
                << 641 << 481 << 3 << int(ChromaSubsampling::S420) << progressive;
            QTest::addRow("%s 4:2:2 333x97", mode)
                << 333 << 97 << 3 << int(ChromaSubsampling::S422) << progressive;
            QTest::addRow("%s 4:4:4 100x7", mode)
                << 100 << 7 << 3 << int(ChromaSubsampling::S444) << progressive;
            QTest::addRow("%s grey 1x1", mode) << 1 << 1 << 1 << int(ChromaSubsampling::S420) << progressive;
            QTest::addRow("%s grey 1025x3", mode)
                << 1025 << 3 << 1 << int(ChromaSubsampling::S420) << progressive;
        }
    }

    void countsWhatLibjpegHoldsForAProgressiveFrame()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, channels);
        QFETCH(int, subsampling);
        QFETCH(bool, progressive);
        const EncodedImage jpeg = encodeJpeg(test::syntheticImage(width, height, CV_8U, channels), 85,
            progressive, ChromaSubsampling(subsampling));
        QVERIFY(jpeg.error.isEmpty());
        const QByteArray bytes = test::bytesOf(jpeg.bytes);
        const qint64 expected = libjpegCoefficientBytes(bytes);
        QCOMPARE(expected > 0, progressive);
        QCOMPARE(jpegCoefficientBufferBytes(bytes), expected);
    }

    void aProgressivePhotoHoldsTwoBytesASampleWhateverItIsDecodedTo()
    {
        const EncodedImage jpeg
            = encodeJpeg(test::syntheticImage(1600, 1200), 85, true, ChromaSubsampling::S420);
        // 1.5 samples a pixel at 4:2:0, 2 bytes each.
        QCOMPARE(jpegCoefficientBufferBytes(test::bytesOf(jpeg.bytes)), qint64(1600) * 1200 * 3);
    }

    // A sequential frame whose components come in separate scans is buffered
    // whole too (libjpeg cannot emit a row before the last scan).
    void countsASequentialFrameInSeveralScans()
    {
        const QByteArray bytes = sequentialInSeparateScans(200, 150);
        QVERIFY(!bytes.isEmpty());
        const qint64 expected = libjpegCoefficientBytes(bytes);
        QVERIFY(expected > 0);
        QCOMPARE(jpegCoefficientBufferBytes(bytes), expected);
    }

    void bytesWithoutAReadableFrameHeaderCountNothing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray progressive = test::bytesOf(
            encodeJpeg(test::syntheticImage(64, 48), 85, true, ChromaSubsampling::S420).bytes);
        const qsizetype frame = progressive.indexOf("\xff\xc2");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not a JPEG") << QByteArray("\x89PNG\r\n\x1a\n0000000000000000");
        QTest::newRow("start of image only") << QByteArray("\xff\xd8");
        QTest::newRow("cut inside the frame header") << progressive.left(frame + 6);
        QTest::newRow("cut before the frame header") << progressive.left(frame);
        QTest::newRow("garbage after the start") << QByteArray("\xff\xd8garbage and more garbage");
        QTest::newRow("segment length past the end") << QByteArray("\xff\xd8\xff\xe1\xff\xff\x00\x00", 8);
        QByteArray zeroSize = progressive;
        zeroSize[frame + 5] = 0; // height 0
        zeroSize[frame + 6] = 0;
        QTest::newRow("declared height 0") << zeroSize;
    }

    void bytesWithoutAReadableFrameHeaderCountNothing()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(jpegCoefficientBufferBytes(bytes), 0);
    }
};

QTEST_APPLESS_MAIN(TestJpegFrame)
#include "tst_jpegframe.moc"

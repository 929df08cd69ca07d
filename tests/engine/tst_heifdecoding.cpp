// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"
#include "engine/image/sourcemetadata.h"
#include "tests/common/heifgrid.h"
#include "tests/common/testutils.h"

#include <algorithm>
#include <exiv2/exiv2.hpp>
#include <libheif/heif.h>
#include <opencv2/imgproc.hpp>

#include <QTest>
#include <QtEndian>

#include <cstring>
#include <set>

using namespace pixelmill;

namespace {

heif_error appendTo(heif_context *, const void *data, size_t size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(static_cast<const char *>(data), qsizetype(size));
    return {heif_error_Ok, heif_suberror_Unspecified, "ok"};
}

// The photo as HEIC (HEVC) or AVIF (AV1), with an EXIF block when given one;
// empty when libheif has no encoder for the format here.
QByteArray encodeHeif(const cv::Mat &bgr, heif_compression_format format, const Exiv2::Blob &exif = {},
                      heif_orientation orientation = heif_orientation_normal)
{
    heif_context *context = heif_context_alloc();
    heif_encoder *encoder = nullptr;
    QByteArray out;
    if (heif_context_get_encoder_for_format(context, format, &encoder).code == heif_error_Ok) {
        heif_encoder_set_lossy_quality(encoder, 92);
        // 16-bit input is taken as 10-bit samples.
        const bool deep = bgr.depth() == CV_16U;
        heif_image *image = nullptr;
        heif_image_create(bgr.cols, bgr.rows, heif_colorspace_RGB,
                          deep ? heif_chroma_interleaved_RRGGBB_LE : heif_chroma_interleaved_RGB, &image);
        heif_image_add_plane(image, heif_channel_interleaved, bgr.cols, bgr.rows, deep ? 10 : 8);
        int stride = 0;
        uint8_t *plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        for (int y = 0; y < rgb.rows; ++y)
            std::memcpy(plane + y * stride, rgb.ptr(y), size_t(rgb.cols) * rgb.elemSize());
        heif_image_handle *handle = nullptr;
        heif_encoding_options *options = heif_encoding_options_alloc();
        options->image_orientation = orientation; // stored as irot/imir boxes
        const bool encoded = heif_context_encode_image(context, image, encoder, options, &handle).code == heif_error_Ok;
        heif_encoding_options_free(options);
        if (encoded) {
            if (!exif.empty())
                heif_context_add_exif_metadata(context, handle, exif.data(), int(exif.size()));
            heif_writer writer{1, &appendTo};
            heif_context_write(context, &writer, &out);
            heif_image_handle_release(handle);
        }
        heif_image_release(image);
        heif_encoder_release(encoder);
    }
    heif_context_free(context);
    return out;
}

// Makes the file's (first) ispe property declare width × height.
bool declareSize(QByteArray &heif, quint32 width, quint32 height)
{
    const qsizetype ispe = heif.indexOf("ispe");
    if (ispe <= 0)
        return false;
    qToBigEndian<quint32>(width, heif.data() + ispe + 8);
    qToBigEndian<quint32>(height, heif.data() + ispe + 12);
    return true;
}

// Why decoding refused the file; empty when it gave a picture.
QString refusal(const QByteArray &heif)
{
    const DecodedImage d = decodeImage(heif, DecodeOptions());
    return d.image.empty() ? d.error : QString();
}

} // namespace

class TestHeifDecoding final : public QObject
{
    Q_OBJECT

private slots:
    // iPhones save HEIC by default: a photographer's folder has them.
    void decodesHeicAndAvif_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("HEIC") << int(heif_compression_HEVC);
        QTest::newRow("AVIF") << int(heif_compression_AV1);
    }
    void decodesHeicAndAvif()
    {
        QFETCH(int, format);
        const cv::Mat photo = test::syntheticImage(320, 200);
        const QByteArray bytes = encodeHeif(photo, heif_compression_format(format));
        if (bytes.isEmpty())
            QSKIP("libheif has no encoder for this format here");
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.format, QByteArray("heif"));
        QCOMPARE(d.header.storedSize, cv::Size(320, 200));
        QCOMPARE(d.image.type(), CV_8UC3);
        QCOMPARE(d.image.size(), cv::Size(320, 200));
        QVERIFY2(test::psnr(d.image, photo) > 30, qPrintable(QString::number(test::psnr(d.image, photo))));
    }

    void keepsTheExifButNotItsOrientation()
    {
        Exiv2::ExifData exif;
        exif["Exif.Image.Model"] = "Phone 15";
        exif["Exif.Photo.DateTimeOriginal"] = "2024:05:06 07:08:09";
        exif["Exif.Image.Orientation"] = uint16_t(6); // HEIF turns its pixels with its own boxes
        Exiv2::Blob blob{'E', 'x', 'i', 'f', 0, 0}; // as iPhones write it, before the TIFF header
        Exiv2::Blob tiff;
        Exiv2::ExifParser::encode(tiff, Exiv2::littleEndian, exif);
        blob.insert(blob.end(), tiff.begin(), tiff.end());
        const QByteArray bytes = encodeHeif(test::syntheticImage(64, 48), heif_compression_HEVC, blob);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.exifOrientation, 1);
        QCOMPARE(d.image.size(), cv::Size(64, 48)); // not turned a second time
        QString warning;
        const SourceMetadata metadata = SourceMetadata::read(bytes, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(metadata.cameraModel(), QStringLiteral("Phone 15"));
        QCOMPARE(metadata.dateTaken(), QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9)));
    }

    // 10-bit HEIC (HDR phones, cameras) must not be cut to 8 bits on the way in.
    void keepsTenBitPrecision()
    {
        cv::Mat ramp(48, 1024, CV_16UC3);
        for (int x = 0; x < ramp.cols; ++x)
            ramp.col(x).setTo(cv::Scalar::all(x)); // every 10-bit level
        const QByteArray bytes = encodeHeif(ramp, heif_compression_HEVC);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_16UC3);
        cv::Mat row;
        d.image.row(24).reshape(1).convertTo(row, CV_32S);
        std::set<int> levels(row.begin<int>(), row.end<int>());
        QVERIFY2(levels.size() > 300, qPrintable(QString::number(levels.size()))); // 8 bits give at most 256
        QVERIFY(std::abs(d.image.at<cv::Vec3w>(24, 512)[1] - 512 * 65535 / 1023) < 65535 / 50);
    }

    // Phones store the sensor's pixels and a rotation box; the photo must come out upright.
    void turnsThePixelsAsTheFileSays()
    {
        const QByteArray bytes =
            encodeHeif(test::cornerMarkedPhoto(), heif_compression_HEVC, {}, heif_orientation_rotate_90_cw);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.storedSize, cv::Size(48, 64));
        QCOMPARE(d.image.size(), cv::Size(48, 64));
        QVERIFY(test::isCornerMarkedPhotoTurnedClockwise(d.image));
    }

    void damagedFilesGiveAReason()
    {
        const QByteArray bytes = encodeHeif(test::syntheticImage(320, 200), heif_compression_HEVC);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        for (const qsizetype keep : {bytes.size() / 2, qsizetype(200), qsizetype(40)}) {
            const DecodedImage d = decodeImage(bytes.left(keep), DecodeOptions());
            QVERIFY(d.image.empty());
            QVERIFY2(d.error.contains("HEIF"), qPrintable(d.error));
            QVERIFY2(!d.error.contains('\n'), qPrintable(d.error)); // libheif ends some with one
        }
    }

    // The pixel limit is checked against the header's size. A file whose coded
    // image is larger than its header says (fuzzing found one decoding to
    // 400 MP) must not pass as the smaller picture.
    void codedImageLargerThanTheHeaderIsRefused()
    {
        QByteArray bytes = encodeHeif(test::syntheticImage(320, 200), heif_compression_HEVC);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        QVERIFY(declareSize(bytes, 32, 20));
        const QString reason = refusal(bytes);
        QVERIFY2(reason.endsWith("its coded image is 320×200, not the 32×20 its header declares"), qPrintable(reason));
    }

    // ... and refused before libheif decodes it, which sizes its buffers from
    // the stream (1.2 GB for that 6 KB file): with the coded pictures blanked,
    // only the sequence parameter set in the boxes can tell the size.
    void codedSizeIsCheckedBeforeDecoding()
    {
        QByteArray bytes = encodeHeif(test::syntheticImage(320, 200), heif_compression_HEVC);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        const qsizetype mdat = bytes.lastIndexOf("mdat");
        QVERIFY(mdat > bytes.indexOf("ispe"));
        QVERIFY(declareSize(bytes, 32, 20));
        std::fill(bytes.begin() + mdat + 4, bytes.end(), '\0');
        const QString reason = refusal(bytes);
        QVERIFY2(reason.endsWith("its coded image is 320×200, not the 32×20 its header declares"), qPrintable(reason));
    }

    // AV1 decoders size their frames from the sequence header, which libheif
    // stores in the item's data, before the frame.
    void av1SequenceHeaderIsCheckedBeforeDecoding()
    {
        QByteArray bytes = encodeHeif(test::syntheticImage(320, 200), heif_compression_AV1);
        if (bytes.isEmpty())
            QSKIP("libheif has no AV1 encoder here");
        const qsizetype data = bytes.lastIndexOf("mdat") + 4;
        QVERIFY(data > bytes.indexOf("ispe"));
        QVERIFY(declareSize(bytes, 32, 20));
        // A temporal delimiter, then the sequence header OBU; the frame after it is blanked.
        QCOMPARE(bytes.mid(data, 3), QByteArray("\x12\x00\x0a", 3));
        std::fill(bytes.begin() + data + 4 + uchar(bytes[data + 3]), bytes.end(), '\0');
        const QString reason = refusal(bytes);
        QVERIFY2(reason.endsWith("its coded image is 320×200, not the 32×20 its header declares"), qPrintable(reason));
    }

    // A parameter set in the item's data replaces the hvcC box's for the
    // decoder, so it is read as well: here one for 640×400 in a 320×200 item.
    void parameterSetInTheStreamIsCheckedToo()
    {
        QByteArray bytes = encodeHeif(test::syntheticImage(320, 200), heif_compression_HEVC);
        const QByteArray larger = encodeHeif(test::syntheticImage(640, 400), heif_compression_HEVC);
        if (bytes.isEmpty() || larger.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        // The sequence parameter set (NAL header 42 01) of the larger one's hvcC, after its 2-byte length.
        const qsizetype sps = larger.indexOf(QByteArray("\x42\x01", 2), larger.indexOf("hvcC"));
        QVERIFY(sps > 0);
        const QByteArray nal = larger.mid(sps, qFromBigEndian<quint16>(larger.constData() + sps - 2));
        const qsizetype data = bytes.lastIndexOf("mdat") + 4;
        QVERIFY(data > 4 && bytes.size() - data > nal.size() + 4);
        std::fill(bytes.begin() + data, bytes.end(), '\0');
        qToBigEndian<quint32>(quint32(nal.size()), bytes.data() + data); // 4-byte NAL lengths, as libheif writes
        std::copy(nal.begin(), nal.end(), bytes.begin() + data + 4);
        const QString reason = refusal(bytes);
        QVERIFY2(reason.endsWith("its coded image is 640×400, not the 320×200 its header declares"),
                 qPrintable(reason));
    }

    // Odd sizes are coded padded to whole blocks and cropped by the sequence's
    // conformance window: declared and coded sizes agree, the photo decodes.
    void paddedCodingIsNotTakenForALie()
    {
        const cv::Mat photo = test::syntheticImage(333, 217);
        const QByteArray bytes = encodeHeif(photo, heif_compression_HEVC);
        if (bytes.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(!d.image.empty(), qPrintable(d.error));
        QCOMPARE(d.image.cols, 333);
        QCOMPARE(d.image.rows, 217);
    }

    // Phones store photos as grids of tiles; libheif draws them on a canvas of
    // the size the grid's own description gives, and allocates it first. The
    // fuzzed 6 KB file that took 1.2 GB was such a grid, whose description lay
    // past its idat box: libheif 1.15 read the bytes after it as the size.
    void gridCanvasMustMatchTheHeader_data()
    {
        QTest::addColumn<int>("canvasWidth");
        QTest::addColumn<int>("canvasHeight");
        QTest::addColumn<int>("descriptionOffset");
        QTest::addColumn<QString>("error");
        QTest::newRow("as declared") << 320 << 200 << 0 << QString();
        QTest::newRow("larger canvas") << 3200 << 2000 << 0
                                       << "its tiles make an image of 3200×2000, not the 320×200 its header declares";
        QTest::newRow("description past idat") << 320 << 200 << 4 << "its grid description lies outside the file";
    }
    void gridCanvasMustMatchTheHeader()
    {
        QFETCH(int, canvasWidth);
        QFETCH(int, canvasHeight);
        QFETCH(int, descriptionOffset);
        QFETCH(QString, error);
        const cv::Mat photo = test::syntheticImage(320, 200);
        const QByteArray tile = encodeHeif(photo, heif_compression_HEVC);
        if (tile.isEmpty())
            QSKIP("libheif has no HEVC encoder here");
        const QByteArray grid = test::heifGridAroundTile(tile, 320, 200, {canvasWidth, canvasHeight, 320, 200, descriptionOffset});
        QVERIFY(!grid.isEmpty());
        const DecodedImage d = decodeImage(grid, DecodeOptions());
        if (error.isEmpty()) {
            QVERIFY2(!d.image.empty(), qPrintable(d.error));
            QCOMPARE(d.image.cols, 320);
            QCOMPARE(d.image.rows, 200);
            QVERIFY(cv::norm(d.image, photo, cv::NORM_L1) / double(photo.total() * 3) < 4.0); // the tile's pixels
        } else {
            QVERIFY(d.image.empty());
            QVERIFY2(d.error.endsWith(error), qPrintable(d.error));
        }
    }
};

QTEST_MAIN(TestHeifDecoding)
#include "tst_heifdecoding.moc"

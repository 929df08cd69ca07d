// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"
#include "engine/image/sourcemetadata.h"
#include "tests/common/testutils.h"

#include <exiv2/exiv2.hpp>
#include <jxl/encode.h>
#include <opencv2/imgproc.hpp>

#include <QTest>

using namespace pixelmill;

namespace {

// The image as a lossless JPEG XL (8- or 16-bit colour) with the given
// orientation, and an Exif box when given EXIF.
QByteArray encodeJxl(const cv::Mat &bgr, JxlOrientation orientation = JXL_ORIENT_IDENTITY,
                     const Exiv2::ExifData &exif = {})
{
    JxlEncoder *encoder = JxlEncoderCreate(nullptr);
    if (!exif.empty()) {
        Exiv2::Blob tiff;
        Exiv2::ExifParser::encode(tiff, Exiv2::littleEndian, exif);
        Exiv2::Blob box{0, 0, 0, 0}; // the offset to the TIFF header
        box.insert(box.end(), tiff.begin(), tiff.end());
        JxlEncoderUseBoxes(encoder);
        JxlEncoderAddBox(encoder, "Exif", box.data(), box.size(), JXL_FALSE);
        JxlEncoderCloseBoxes(encoder);
    }
    const bool deep = bgr.depth() == CV_16U;
    const bool alpha = bgr.channels() == 4;
    JxlBasicInfo info;
    JxlEncoderInitBasicInfo(&info);
    info.xsize = uint32_t(bgr.cols);
    info.ysize = uint32_t(bgr.rows);
    info.bits_per_sample = deep ? 16 : 8;
    info.num_color_channels = 3;
    info.uses_original_profile = JXL_TRUE; // needed for lossless
    info.orientation = orientation;
    if (alpha) {
        info.alpha_bits = info.bits_per_sample;
        info.num_extra_channels = 1;
    }
    JxlEncoderSetBasicInfo(encoder, &info);
    if (alpha) {
        JxlExtraChannelInfo channel;
        JxlEncoderInitExtraChannelInfo(JXL_CHANNEL_ALPHA, &channel);
        channel.bits_per_sample = info.bits_per_sample;
        JxlEncoderSetExtraChannelInfo(encoder, 0, &channel);
    }
    JxlColorEncoding colour;
    JxlColorEncodingSetToSRGB(&colour, JXL_FALSE);
    JxlEncoderSetColorEncoding(encoder, &colour);
    JxlEncoderFrameSettings *settings = JxlEncoderFrameSettingsCreate(encoder, nullptr);
    JxlEncoderSetFrameLossless(settings, JXL_TRUE);
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, alpha ? cv::COLOR_BGRA2RGBA : cv::COLOR_BGR2RGB);
    const JxlPixelFormat format{alpha ? 4u : 3u, deep ? JXL_TYPE_UINT16 : JXL_TYPE_UINT8, JXL_NATIVE_ENDIAN, 0};
    JxlEncoderAddImageFrame(settings, &format, rgb.data, rgb.total() * rgb.elemSize());
    JxlEncoderCloseInput(encoder);
    QByteArray out(64 * 1024, '\0');
    auto *next = reinterpret_cast<uint8_t *>(out.data());
    size_t available = size_t(out.size());
    JxlEncoderStatus status = JxlEncoderProcessOutput(encoder, &next, &available);
    while (status == JXL_ENC_NEED_MORE_OUTPUT) {
        const qsizetype used = qsizetype(next - reinterpret_cast<uint8_t *>(out.data()));
        out.resize(out.size() * 2);
        next = reinterpret_cast<uint8_t *>(out.data()) + used;
        available = size_t(out.size() - used);
        status = JxlEncoderProcessOutput(encoder, &next, &available);
    }
    out.resize(qsizetype(next - reinterpret_cast<uint8_t *>(out.data())));
    JxlEncoderDestroy(encoder);
    return status == JXL_ENC_SUCCESS ? out : QByteArray();
}

} // namespace

class TestJxlDecoding final : public QObject
{
    Q_OBJECT

private slots:
    void decodesLosslessJpegXlExactly_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("channels");
        QTest::newRow("8-bit") << int(CV_8U) << 3;
        QTest::newRow("16-bit") << int(CV_16U) << 3;
        QTest::newRow("8-bit with alpha") << int(CV_8U) << 4;
    }
    void decodesLosslessJpegXlExactly()
    {
        QFETCH(int, depth);
        QFETCH(int, channels);
        const cv::Mat image = test::syntheticImage(96, 64, depth, channels);
        const QByteArray bytes = encodeJxl(image);
        QVERIFY(!bytes.isEmpty());
        const DecodedImage d = decodeImage(bytes, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.format, QByteArray("jxl"));
        QCOMPARE(d.header.storedSize, cv::Size(96, 64));
        QCOMPARE(d.image.type(), image.type());
        QCOMPARE(cv::norm(d.image, image, cv::NORM_INF), 0.0);
    }

    void turnsThePixelsAsTheFileSays()
    {
        const DecodedImage d =
            decodeImage(encodeJxl(test::cornerMarkedPhoto(), JXL_ORIENT_ROTATE_90_CW), DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.header.storedSize, cv::Size(48, 64));
        QCOMPARE(d.image.size(), cv::Size(48, 64));
        QVERIFY(test::isCornerMarkedPhotoTurnedClockwise(d.image));
    }

    void keepsTheExif()
    {
        Exiv2::ExifData exif;
        exif["Exif.Image.Model"] = "Cam X";
        exif["Exif.Photo.DateTimeOriginal"] = "2024:05:06 07:08:09";
        const QByteArray bytes = encodeJxl(test::syntheticImage(32, 24), JXL_ORIENT_IDENTITY, exif);
        QString warning;
        const SourceMetadata metadata = SourceMetadata::read(bytes, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(metadata.cameraModel(), QStringLiteral("Cam X"));
        QCOMPARE(metadata.dateTaken(), QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9)));
    }

    void damagedFilesGiveAReason()
    {
        const QByteArray bytes = encodeJxl(test::syntheticImage(320, 200));
        for (const qsizetype keep : {bytes.size() / 2, qsizetype(8)}) {
            const DecodedImage d = decodeImage(bytes.left(keep), DecodeOptions());
            QVERIFY(d.image.empty());
            QVERIFY2(d.error.contains("JPEG XL"), qPrintable(d.error));
        }
    }
};

QTEST_MAIN(TestJxlDecoding)
#include "tst_jxldecoding.moc"

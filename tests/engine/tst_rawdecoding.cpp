// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"
#include "engine/image/sourcemetadata.h"
#include "tests/common/syntheticdng.h"
#include "tests/common/testutils.h"

#include <opencv2/core.hpp>

#include <QTest>

using namespace pixelmill;

namespace {

// A scene of three flat patches side by side: red, grey and blue.
cv::Mat redGreyBlueScene(int width, int height)
{
    cv::Mat scene(height, width, CV_16UC3);
    const int third = width / 3;
    scene.colRange(0, third).setTo(cv::Scalar(4000, 4000, 30000));
    scene.colRange(third, 2 * third).setTo(cv::Scalar(12000, 12000, 12000));
    scene.colRange(2 * third, width).setTo(cv::Scalar(30000, 4000, 4000));
    return scene;
}

cv::Scalar meanOf(const cv::Mat &image, cv::Rect area)
{
    return cv::mean(image(area));
}

// The corner-marked photo as linear light a sensor would see: dark enough that
// the developed gamma keeps its dark part dark.
cv::Mat linearCornerMarkedScene()
{
    cv::Mat bright;
    cv::extractChannel(test::cornerMarkedPhoto() > 128, bright, 0);
    cv::Mat scene(bright.size(), CV_16UC3, cv::Scalar::all(400));
    scene.setTo(cv::Scalar::all(50000), bright);
    return scene;
}

} // namespace

class TestRawDecoding : public QObject
{
    Q_OBJECT

private slots:
    void developsTheMosaicIntoTheScenesColours()
    {
        const QByteArray dng = test::syntheticDng(redGreyBlueScene(96, 64));
        ImageHeader header;
        QCOMPARE(probeHeader(dng, header), QString());
        QCOMPARE(header.format, QByteArray("raw"));
        QCOMPARE(header.orientedSize, cv::Size(96, 64));

        const DecodedImage d = decodeImage(dng, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.image.type(), CV_16UC3);
        QCOMPARE(d.image.size(), cv::Size(96, 64));
        QCOMPARE(d.reduction, 1);
        QVERIFY(d.warnings.isEmpty());
        // Away from the edges where demosaicing blends neighbours: BGR order, colours kept.
        const cv::Scalar red = meanOf(d.image, cv::Rect(6, 8, 20, 48));
        const cv::Scalar grey = meanOf(d.image, cv::Rect(38, 8, 20, 48));
        const cv::Scalar blue = meanOf(d.image, cv::Rect(70, 8, 20, 48));
        // (7.5 : 1 in linear light is about 2.5 : 1 after the sRGB-like gamma.)
        QVERIFY2(red[2] > 2 * red[0] && red[2] > 2 * red[1], qPrintable(QString::number(red[2])));
        QVERIFY2(blue[0] > 2 * blue[2] && blue[0] > 2 * blue[1], qPrintable(QString::number(blue[0])));
        // Neutral stays neutral: white balance and colour matrix applied, not skipped.
        QVERIFY2(std::abs(grey[0] - grey[2]) < 0.05 * grey[1] && std::abs(grey[1] - grey[2]) < 0.05 * grey[1],
                 qPrintable(QStringLiteral("%1 %2 %3").arg(grey[0]).arg(grey[1]).arg(grey[2])));
        QVERIFY(grey[1] > red[1] && grey[1] > blue[1]);
    }

    void turnsAsTheCameraRecorded()
    {
        const QByteArray dng = test::syntheticDng(linearCornerMarkedScene(), 6); // 90° clockwise
        ImageHeader header;
        QCOMPARE(probeHeader(dng, header), QString());
        QCOMPARE(header.orientedSize, cv::Size(48, 64));
        QCOMPARE(header.exifOrientation, 1); // LibRaw turns the pixels: never a second time
        const DecodedImage d = decodeImage(dng, DecodeOptions());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        cv::Mat eight;
        d.image.convertTo(eight, CV_8U, 1.0 / 257);
        QVERIFY(test::isCornerMarkedPhotoTurnedClockwise(eight));
    }

    void developsAtHalfSizeWhenThatIsLargeEnough()
    {
        const QByteArray dng = test::syntheticDng(redGreyBlueScene(96, 64));
        const DecodedImage half = decodeImage(dng, DecodeOptions(), cv::Size(40, 30));
        QVERIFY2(half.error.isEmpty(), qPrintable(half.error));
        QCOMPARE(half.reduction, 2);
        QCOMPARE(half.image.size(), cv::Size(48, 32));
        const cv::Scalar red = meanOf(half.image, cv::Rect(3, 4, 10, 24));
        QVERIFY(red[2] > 2 * red[0]);
        const DecodedImage full = decodeImage(dng, DecodeOptions(), cv::Size(60, 30));
        QCOMPARE(full.reduction, 1);
        QCOMPARE(full.image.size(), cv::Size(96, 64));
    }

    void readsTheCamerasMetadata()
    {
        QString warning;
        const SourceMetadata metadata
            = SourceMetadata::read(test::syntheticDng(redGreyBlueScene(30, 20)), &warning);
        QCOMPARE(warning, QString());
        QCOMPARE(metadata.cameraModel(), QStringLiteral("Test Camera"));
    }

    void cutFilesFailWithAReasonOrAWarning_data()
    {
        QTest::addColumn<int>("keep");
        QTest::addColumn<QString>("reason");
        // Cut before its DNG tag, nothing says it is a RAW: a TIFF that cannot be read.
        QTest::newRow("in the header") << 60 << "cannot read the TIFF header";
        QTest::newRow("before the sensor data") << 400 << "camera RAW";
        QTest::newRow("inside the sensor data") << 3000 << "camera RAW";
    }
    void cutFilesFailWithAReasonOrAWarning()
    {
        QFETCH(int, keep);
        QFETCH(QString, reason);
        const QByteArray cut = test::syntheticDng(redGreyBlueScene(96, 64)).left(keep);
        const DecodedImage d = decodeImage(cut, DecodeOptions());
        if (d.image.empty())
            QVERIFY2(d.error.contains(reason), qPrintable(d.error));
        else
            QVERIFY2(!d.warnings.isEmpty(), "a cut RAW developed without a word");
    }

    void plainTiffsAreNotTakenForRaw()
    {
        ImageHeader header;
        QCOMPARE(probeHeader(test::encode(".tif", test::syntheticImage(40, 30)), header), QString());
        QCOMPARE(header.format, QByteArray("tiff"));
        QCOMPARE(probeHeader(test::encode(".tif", test::syntheticImage(40, 30, CV_16U, 1)), header), QString());
        QCOMPARE(header.format, QByteArray("tiff"));
    }
};

QTEST_GUILESS_MAIN(TestRawDecoding)
#include "tst_rawdecoding.moc"

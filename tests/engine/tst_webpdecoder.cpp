// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/webpencoder.h"
#include "engine/image/webpdecoder.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QTest>

#include <webp/encode.h>
#include <webp/mux.h>

using namespace pixelmill;

namespace {

QByteArray twoFrameAnimation()
{
    WebPAnimEncoderOptions options;
    WebPAnimEncoderOptionsInit(&options);
    WebPAnimEncoder *encoder = WebPAnimEncoderNew(32, 32, &options);
    WebPConfig config;
    WebPConfigInit(&config);
    for (int frame = 0; frame < 2; ++frame) {
        const cv::Mat bgra = test::syntheticImage(32, 32, CV_8U, 4) / (frame + 1);
        WebPPicture picture;
        WebPPictureInit(&picture);
        picture.width = 32;
        picture.height = 32;
        picture.use_argb = 1;
        WebPPictureImportBGRA(&picture, bgra.data, int(bgra.step));
        WebPAnimEncoderAdd(encoder, &picture, frame * 100, &config);
        WebPPictureFree(&picture);
    }
    WebPAnimEncoderAdd(encoder, nullptr, 200, nullptr);
    WebPData data;
    WebPDataInit(&data);
    WebPAnimEncoderAssemble(encoder, &data);
    const QByteArray out(reinterpret_cast<const char *>(data.bytes), qsizetype(data.size));
    WebPDataClear(&data);
    WebPAnimEncoderDelete(encoder);
    return out;
}

} // namespace

class TestWebpDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void givesOpenCvsLayoutAndPixels_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("lossless");
        QTest::newRow("lossy") << 3 << false;
        QTest::newRow("lossy with alpha") << 4 << false;
        QTest::newRow("lossless") << 3 << true;
        QTest::newRow("lossless with alpha") << 4 << true;
    }
    void givesOpenCvsLayoutAndPixels()
    {
        QFETCH(int, channels);
        QFETCH(bool, lossless);
        const cv::Mat in = test::syntheticImage(77, 45, CV_8U, channels);
        const QByteArray webp = test::bytesOf(encodeWebp(in, {80, lossless, 4}));
        QString error;
        QStringList warnings;
        const cv::Mat ours = decodeWebp(webp, error, warnings);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const cv::Mat reference = test::openCvDecode(webp);
        QCOMPARE(ours.type(), reference.type());
        QCOMPARE(cv::norm(ours, reference, cv::NORM_INF), 0.0);
        if (lossless)
            QCOMPARE(cv::norm(ours, in, cv::NORM_INF), 0.0);
    }

    void explainsWhatItCannotDecode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray webp = test::bytesOf(encodeWebp(test::syntheticImage(64, 64), {80, false, 4}));
        QTest::newRow("truncated") << webp.left(webp.size() / 2) << "corrupt or truncated";
        QByteArray badFrame = webp; // VP8's frame start code broken
        badFrame[badFrame.indexOf(QByteArray("\x9d\x01\x2a", 3))] = 'x';
        QTest::newRow("bad frame header") << badFrame << "corrupt or truncated";
        QTest::newRow("animation cut off") << twoFrameAnimation().left(60) << "corrupt or truncated";
    }
    void explainsWhatItCannotDecode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QString error;
        QStringList warnings;
        QVERIFY(decodeWebp(bytes, error, warnings).empty());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // Like a GIF: the first frame, and the rest not dropped unsaid.
    void givesAnAnimationsFirstFrame()
    {
        QString error;
        QStringList warnings;
        const cv::Mat frame = decodeWebp(twoFrameAnimation(), error, warnings);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(frame.type(), CV_8UC4);
        QCOMPARE(frame.size(), cv::Size(32, 32));
        // Lossy frames of the synthetic image, not its darker second frame.
        const cv::Mat first = test::syntheticImage(32, 32, CV_8U, 4);
        QVERIFY2(test::psnr(frame, first) > 25, qPrintable(QString::number(test::psnr(frame, first))));
        QCOMPARE(warnings, QStringList({"the WebP is an animation of 2 frames; only the first was processed"}));
    }
};

QTEST_GUILESS_MAIN(TestWebpDecoder)
#include "tst_webpdecoder.moc"

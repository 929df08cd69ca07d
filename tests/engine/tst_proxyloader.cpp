// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/proxyloader.h"
#include "tests/common/syntheticdng.h"
#include "tests/common/testutils.h"

#include <QTest>

using namespace pixelmill;

namespace {

// A grey-blue scene; the camera's previews below are green, so which of the
// two a proxy shows is plain to see.
cv::Mat scene()
{
    return cv::Mat(300, 450, CV_16UC3, cv::Scalar(20000, 9000, 6000));
}

QByteArray greenPreview(cv::Size size)
{
    return test::encode(".jpg", cv::Mat(size, CV_8UC3, cv::Scalar(0, 200, 0)));
}

bool isGreen(const cv::Mat &image)
{
    cv::Mat eight;
    image.convertTo(eight, CV_8U, image.depth() == CV_16U ? 1.0 / 257 : 1.0);
    const cv::Scalar mean = cv::mean(eight);
    return mean[1] > 150 && mean[0] < 50 && mean[2] < 50;
}

} // namespace

class TestProxyLoader final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        test::writeFile(path, bytes);
        return path;
    }

private slots:
    void jpegProxyFitsAndKnowsTheFullSize()
    {
        const QString path = write("photo.jpg", test::encode(".jpg", test::syntheticImage(1600, 1200)));
        const DecodedImage proxy = loadProxy(path, 256);
        QVERIFY2(proxy.error.isEmpty(), qPrintable(proxy.error));
        QCOMPARE(proxy.image.size(), cv::Size(256, 192));
        QCOMPARE(proxy.header.orientedSize, cv::Size(1600, 1200));
    }

    // Thumbnails of RAWs come from the camera's own preview, turned as shot.
    void rawThumbnailIsTheCamerasPreviewTurned()
    {
        const QString path = write("turned.dng", test::syntheticDng(scene(), 6, greenPreview({240, 160}), {240, 160}));
        const DecodedImage proxy = loadProxy(path, 200, {}, RawProxy::CameraPreviewWillDo);
        QVERIFY2(proxy.error.isEmpty(), qPrintable(proxy.error));
        QVERIFY(isGreen(proxy.image));
        QCOMPARE(proxy.image.size(), cv::Size(133, 200));
        QCOMPARE(proxy.header.orientedSize, cv::Size(300, 450)); // the developed photo's size
    }

    // A preview of the output shows what developing gives, never the camera's rendition.
    void rawIsDevelopedWhenThePreviewWillNotDo()
    {
        const QString path = write("plain.dng", test::syntheticDng(scene(), 1, greenPreview({240, 160}), {240, 160}));
        const DecodedImage developed = loadProxy(path, 200);
        QVERIFY2(developed.error.isEmpty(), qPrintable(developed.error));
        QVERIFY(!isGreen(developed.image));
        QCOMPARE(developed.image.size(), cv::Size(200, 133));
        // A preview smaller than asked for would be blurry: developed instead.
        const DecodedImage sharp = loadProxy(path, 400, {}, RawProxy::CameraPreviewWillDo);
        QVERIFY(!isGreen(sharp.image));
        QCOMPARE(sharp.image.size(), cv::Size(400, 267));
        // No preview at all, or one that is not a JPEG: developed.
        const QString bare = write("bare.dng", test::syntheticDng(scene()));
        const DecodedImage fallback = loadProxy(bare, 200, {}, RawProxy::CameraPreviewWillDo);
        QVERIFY2(fallback.error.isEmpty(), qPrintable(fallback.error));
        QCOMPARE(fallback.image.size(), cv::Size(200, 133));
        QVERIFY(!isGreen(fallback.image));
        QByteArray notJpeg = greenPreview({240, 160});
        notJpeg[1] = 'X'; // no JPEG start marker: never handed to a decoder as one
        const QString odd = write("odd.dng", test::syntheticDng(scene(), 1, notJpeg, {240, 160}));
        QVERIFY(!isGreen(loadProxy(odd, 200, {}, RawProxy::CameraPreviewWillDo).image));
    }
};

QTEST_GUILESS_MAIN(TestProxyLoader)
#include "tst_proxyloader.moc"

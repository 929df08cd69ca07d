// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/pngchunks.h"
#include "engine/export/pngencoder.h"
#include "tests/common/testutils.h"

#include <QBuffer>
#include <QColorSpace>
#include <QImage>
#include <QImageReader>
#include <QTest>

using namespace pixelmill;

namespace {

std::vector<unsigned char> profileOf(QColorSpace::NamedColorSpace space)
{
    const QByteArray icc = QColorSpace(space).iccProfile();
    return {icc.begin(), icc.end()};
}

// The chunk types in file order.
QStringList chunkTypes(const std::vector<unsigned char> &png)
{
    QStringList types;
    for (size_t at = 8; at + 12 <= png.size();) {
        const size_t length
            = size_t(png[at]) << 24 | size_t(png[at + 1]) << 16 | size_t(png[at + 2]) << 8 | png[at + 3];
        types << QString::fromLatin1(reinterpret_cast<const char *>(png.data() + at + 4), 4);
        at += 12 + length;
    }
    return types;
}

QImage readWithQt(const std::vector<unsigned char> &png)
{
    QByteArray bytes(reinterpret_cast<const char *>(png.data()), qsizetype(png.size()));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "png");
    return reader.read();
}

} // namespace

class TestPngChunks final : public QObject
{
    Q_OBJECT

private:
    const cv::Mat m_image = test::syntheticImage(37, 23);

private slots:
    // libpng (here through Qt) reads the profile, and the pixels are untouched.
    void theProfileGoesRightAfterTheHeader()
    {
        std::vector<unsigned char> png = encodePng(m_image, 6).bytes;
        const std::vector<unsigned char> plain = png;
        QString error;
        QVERIFY2(embedPngIccProfile(png, profileOf(QColorSpace::AdobeRgb), &error), qPrintable(error));
        QCOMPARE(chunkTypes(png), QStringList({"IHDR", "iCCP", "IDAT", "IEND"}));
        const size_t name = 8 + 12 + 13 + 8;
        QCOMPARE(
            QByteArray(reinterpret_cast<const char *>(png.data() + name), 12), QByteArray("ICC Profile", 12));
        QCOMPARE(readWithQt(png).colorSpace(), QColorSpace(QColorSpace::AdobeRgb));
        QCOMPARE(cv::norm(test::openCvDecode(test::bytesOf(png)), m_image, cv::NORM_INF), 0.0);
        QVERIFY(!readWithQt(plain).colorSpace().isValid());
    }

    void aSecondProfileReplacesTheFirst()
    {
        std::vector<unsigned char> png = encodePng(m_image, 6).bytes;
        QVERIFY(embedPngIccProfile(png, profileOf(QColorSpace::AdobeRgb), nullptr));
        QVERIFY(embedPngIccProfile(png, profileOf(QColorSpace::DisplayP3), nullptr));
        QCOMPARE(chunkTypes(png), QStringList({"IHDR", "iCCP", "IDAT", "IEND"}));
        QCOMPARE(readWithQt(png).colorSpace(), QColorSpace(QColorSpace::DisplayP3));
    }

    void anyChunkGoesAfterTheHeaderOnce()
    {
        std::vector<unsigned char> png = encodePng(m_image, 6).bytes;
        const std::vector<unsigned char> first {'I', 'I', '*', 0, 1};
        const std::vector<unsigned char> second {'M', 'M', 0, '*'};
        QVERIFY(putPngChunkAfterHeader(png, "eXIf", first, nullptr));
        QVERIFY(embedPngIccProfile(png, profileOf(QColorSpace::AdobeRgb), nullptr));
        QVERIFY(putPngChunkAfterHeader(png, "eXIf", second, nullptr));
        QCOMPARE(chunkTypes(png), QStringList({"IHDR", "eXIf", "iCCP", "IDAT", "IEND"}));
        QCOMPARE(std::vector<unsigned char>(png.begin() + 8 + 12 + 13 + 8, png.begin() + 8 + 12 + 13 + 8 + 4),
            second);
        QCOMPARE(readWithQt(png).colorSpace(), QColorSpace(QColorSpace::AdobeRgb));
    }

    void refusesWhatIsNoWholePng_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const std::vector<unsigned char> png = encodePng(m_image, 6).bytes;
        const QByteArray whole(reinterpret_cast<const char *>(png.data()), qsizetype(png.size()));
        QTest::newRow("a JPEG") << test::encode(".jpg", m_image);
        QTest::newRow("the header cut off") << whole.left(20);
        QTest::newRow("a chunk running past the end") << whole.left(whole.size() - 20);
        QTest::newRow("empty") << QByteArray();
    }

    void refusesWhatIsNoWholePng()
    {
        QFETCH(QByteArray, bytes);
        std::vector<unsigned char> data(bytes.begin(), bytes.end());
        QString error;
        QVERIFY(!embedPngIccProfile(data, profileOf(QColorSpace::AdobeRgb), &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(data, std::vector<unsigned char>(bytes.begin(), bytes.end()));
    }
};

QTEST_GUILESS_MAIN(TestPngChunks)
#include "tst_pngchunks.moc"

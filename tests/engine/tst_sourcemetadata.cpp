// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputreservations.h"
#include "engine/image/sourcemetadata.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/worker/jobprocessor.h"
#include "tests/common/pressprofile.h"
#include "tests/common/syntheticdng.h"
#include "tests/common/testutils.h"

#include <exiv2/exiv2.hpp>

#include <opencv2/imgcodecs.hpp>

#include <QColorSpace>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pixelmill;

namespace {

// A minimal ICC header that exiv2 accepts: size, data colour space, 'acsp' signature.
std::vector<Exiv2::byte> fakeIccProfile(const char *colourSpace = "RGB ")
{
    std::vector<Exiv2::byte> icc(132, 0);
    icc[3] = 132;
    std::copy(colourSpace, colourSpace + 4, icc.begin() + 16);
    icc[36] = 'a';
    icc[37] = 'c';
    icc[38] = 's';
    icc[39] = 'p';
    icc[128] = 0; // tag count 0
    return icc;
}

QByteArray cameraJpeg(const cv::Mat &pixels, int orientation,
                      const std::vector<Exiv2::byte> &icc = fakeIccProfile())
{
    std::vector<uchar> bytes;
    cv::imencode(".jpg", pixels, bytes, {cv::IMWRITE_JPEG_QUALITY, 95});
    auto image = Exiv2::ImageFactory::open(bytes.data(), long(bytes.size()));
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "Canon";
    exif["Exif.Image.Model"] = "Canon EOS R5";
    exif["Exif.Image.Orientation"] = uint16_t(orientation);
    exif["Exif.Photo.DateTimeOriginal"] = "2023:07:14 09:30:05";
    exif["Exif.GPSInfo.GPSLatitudeRef"] = "N";
    exif["Exif.GPSInfo.GPSLatitude"] = "48/1 51/1 2994/100";
    exif["Exif.GPSInfo.GPSLongitudeRef"] = "E";
    exif["Exif.GPSInfo.GPSLongitude"] = "2/1 17/1 4000/100";
    image->setExifData(exif);
    Exiv2::XmpData xmp;
    xmp["Xmp.dc.creator"] = "Ansel";
    xmp["Xmp.exif.GPSLatitude"] = "48,51.499N";
    image->setXmpData(xmp);
    if (!icc.empty()) {
        Exiv2::DataBuf iccBuf(icc.data(), long(icc.size()));
        image->setIccProfile(iccBuf, false);
    }
    image->writeMetadata();
    Exiv2::BasicIo &io = image->io();
    io.open();
    QByteArray out(int(io.size()), Qt::Uninitialized);
    io.read(reinterpret_cast<Exiv2::byte *>(out.data()), long(out.size()));
    io.close();
    return out;
}

// An APP2 segment carrying one chunk of an ICC profile, as JPEG writers split large ones.
QByteArray iccSegment(const std::vector<Exiv2::byte> &chunk, int sequence, int count)
{
    QByteArray segment("\xff\xe2", 2);
    const int length = 2 + 14 + int(chunk.size());
    segment.append(char(length >> 8)).append(char(length & 0xff));
    segment.append("ICC_PROFILE", 12).append(char(sequence)).append(char(count));
    segment.append(reinterpret_cast<const char *>(chunk.data()), qsizetype(chunk.size()));
    return segment;
}

struct ReadBack
{
    Exiv2::ExifData exif;
    Exiv2::XmpData xmp;
    bool hasIcc = false;
};

ReadBack readBack(const QString &path)
{
    auto image = Exiv2::ImageFactory::open(path.toStdString());
    image->readMetadata();
    return {image->exifData(), image->xmpData(), image->iccProfileDefined()};
}

// The EXIF of a PNG's eXIf chunk, which libpng, libvips and browsers read
// (exiv2 reads ImageMagick's older text chunk); empty without one.
Exiv2::ExifData pngExifChunk(const QString &path)
{
    const QByteArray png = test::readFile(path);
    Exiv2::ExifData exif;
    for (qsizetype at = 8; at + 12 <= png.size();) {
        const auto *p = reinterpret_cast<const Exiv2::byte *>(png.constData() + at);
        const qsizetype length = qsizetype(p[0]) << 24 | qsizetype(p[1]) << 16 | qsizetype(p[2]) << 8 | p[3];
        if (png.mid(at + 4, 4) == "eXIf")
            Exiv2::ExifParser::decode(exif, p + 8, uint32_t(length));
        at += 12 + length;
    }
    return exif;
}

QString value(const Exiv2::ExifData &exif, const char *key)
{
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    return it == exif.end() ? QString() : QString::fromStdString(it->toString());
}

bool hasGps(const ReadBack &r)
{
    for (const auto &d : r.exif) {
        if (d.groupName() == "GPSInfo")
            return true;
    }
    return r.xmp.findKey(Exiv2::XmpKey("Xmp.exif.GPSLatitude")) != r.xmp.end();
}

} // namespace

class TestSourceMetadata final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;
    QTemporaryDir m_dir;
    QString m_input;

    JobResult run(ImageFormat format, MetadataPolicy policy, const QString &sub, bool keepIcc = true,
                  const QString &input = {}, bool grey = false)
    {
        Job job;
        job.id = 1;
        job.counter = 1;
        job.inputPath = input.isEmpty() ? m_input : input;
        FilterChain chain{FilterStep{"resize", 1, true, {{"long_edge", 120}}}};
        if (grey)
            chain.append(FilterStep{"grayscale", 1, true, {}});
        job.chain = m_registry.normalized(chain).value;
        job.exportOptions.outputDir = m_dir.filePath(sub);
        job.exportOptions.format = format;
        job.exportOptions.metadata = policy;
        job.exportOptions.keepIccProfile = keepIcc;
        job.exportOptions.nameTemplate = "{taken:yyyyMMdd}_{camera}_{name}";
        OutputReservations reservations;
        return processJob(job, m_registry, reservations, CancelToken());
    }

private slots:
    void initTestCase()
    {
        registerBuiltinFilters(m_registry);
        m_input = m_dir.filePath("camera.jpg");
        test::writeFile(m_input, cameraJpeg(test::syntheticImage(300, 200), 6));
    }

    void readsCameraAndDate()
    {
        const SourceMetadata m = SourceMetadata::read(test::readFile(m_input), nullptr);
        QCOMPARE(m.cameraModel(), QStringLiteral("Canon EOS R5"));
        QCOMPARE(m.dateTaken(), QDateTime(QDate(2023, 7, 14), QTime(9, 30, 5)));
        QVERIFY(m.hasIccProfile());
        QVERIFY(SourceMetadata::read(test::encode(".png", test::syntheticImage(8, 8)), nullptr).isEmpty());
    }

    void policiesAreHonouredInEveryFormat_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("policy");
        for (ImageFormat f : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Tiff}) {
            for (MetadataPolicy p : {MetadataPolicy::KeepAll, MetadataPolicy::StripLocation, MetadataPolicy::StripAll})
                QTest::addRow("%s %s", qPrintable(formatName(f)), qPrintable(metadataPolicyName(p))) << int(f) << int(p);
        }
    }
    void policiesAreHonouredInEveryFormat()
    {
        QFETCH(int, format);
        QFETCH(int, policy);
        const QString sub = QStringLiteral("out-%1-%2").arg(format).arg(policy);
        const JobResult r = run(ImageFormat(format), MetadataPolicy(policy), sub);
        QCOMPARE(r.status, JobStatus::Written);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join("; ")));
        QVERIFY2(QFileInfo(r.outputPath).fileName().startsWith("20230714_Canon EOS R5_camera."),
                 qPrintable(r.outputPath));
        QCOMPARE(r.outputSize, QSize(80, 120)); // upright: orientation 6 was applied
        const ReadBack back = readBack(r.outputPath);
        QVERIFY(back.hasIcc); // the colour profile survives every policy
        if (MetadataPolicy(policy) == MetadataPolicy::StripAll) {
            QCOMPARE(value(back.exif, "Exif.Image.Model"), QString());
            QVERIFY(!hasGps(back));
            return;
        }
        QCOMPARE(value(back.exif, "Exif.Image.Model"), QStringLiteral("Canon EOS R5"));
        QCOMPARE(value(back.exif, "Exif.Photo.DateTimeOriginal"), QStringLiteral("2023:07:14 09:30:05"));
        QCOMPARE(value(back.exif, "Exif.Image.Orientation"), QStringLiteral("1"));
        QCOMPARE(hasGps(back), MetadataPolicy(policy) == MetadataPolicy::KeepAll);
        QVERIFY(back.xmp.findKey(Exiv2::XmpKey("Xmp.dc.creator")) != back.xmp.end());
        if (ImageFormat(format) == ImageFormat::Png) {
            const Exiv2::ExifData chunk = pngExifChunk(r.outputPath);
            QCOMPARE(value(chunk, "Exif.Image.Model"), QStringLiteral("Canon EOS R5"));
            QCOMPARE(value(chunk, "Exif.Image.Orientation"), QStringLiteral("1"));
            QCOMPARE(value(chunk, "Exif.GPSInfo.GPSLatitudeRef").isEmpty(),
                MetadataPolicy(policy) != MetadataPolicy::KeepAll);
        }
        // The pixels on disk are upright and the tag says so: viewers show it the same way.
        const cv::Mat pixels = cv::imread(r.outputPath.toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(pixels.cols, 80);
    }

    void layoutTagsOfTiffAndRawStayBehind_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        cv::Mat scene(40, 60, CV_16UC3, cv::Scalar(9000, 12000, 20000));
        QTest::newRow("camera RAW") << "camera.dng" << test::syntheticDng(scene);
        QTest::newRow("16-bit TIFF") << "scan.tif" << test::encode(".tif", test::syntheticImage(60, 40, CV_16U));
    }
    void layoutTagsOfTiffAndRawStayBehind()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        const QString input = m_dir.filePath(name);
        test::writeFile(input, bytes);
        const JobResult r = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "out-layout-" + name, true, input);
        QCOMPARE(r.status, JobStatus::Written);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join("; ")));
        const ReadBack back = readBack(r.outputPath);
        for (const char *key : {"Exif.Image.BitsPerSample", "Exif.Image.Compression", "Exif.Image.SamplesPerPixel",
                                "Exif.Image.StripOffsets", "Exif.Image.PhotometricInterpretation",
                                "Exif.Image.CFAPattern", "Exif.Image.DNGVersion", "Exif.Image.ColorMatrix1"})
            QVERIFY2(value(back.exif, key).isEmpty(), key);
        if (name.endsWith(".dng")) {
            QCOMPARE(value(back.exif, "Exif.Image.Make"), QStringLiteral("Pixelmill"));
            QCOMPARE(value(back.exif, "Exif.Image.Model"), QStringLiteral("Test Camera"));
            QCOMPARE(value(back.exif, "Exif.Image.Orientation"), QStringLiteral("1"));
        }
    }

    void formatsWithoutMetadataReadAsEmptyWithoutWarning()
    {
        QString warning;
        QVERIFY(SourceMetadata::read(test::encode(".ppm", test::syntheticImage(8, 8)), &warning).isEmpty());
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        // Tiny Netpbm files exiv2 took for something else and called damaged.
        for (const QByteArray &tiny : {QByteArray("P4\n13 2\n\xaa\xa8\x55\x50"),
                 QByteArray("P5\n3 1\n100\n\x63\x64\xfa"), QByteArray("P2\n3 1\n1023\n0 512 1023\n")}) {
            QVERIFY(SourceMetadata::read(tiny, &warning).isEmpty());
            QVERIFY2(warning.isEmpty(), qPrintable(warning));
        }
        // A JPEG whose EXIF segment is cut short is damage worth a word.
        const QByteArray jpeg = test::withExifOrientation(test::encode(".jpg", test::syntheticImage(8, 8)), 6);
        SourceMetadata::read(jpeg.left(40), &warning);
        QVERIFY2(warning.startsWith("metadata could not be read"), qPrintable(warning));
    }

    void iccCanBeDroppedAndBmpWarns()
    {
        const JobResult noIcc = run(ImageFormat::Jpeg, MetadataPolicy::StripAll, "noicc", false);
        QVERIFY(!readBack(noIcc.outputPath).hasIcc);
        const JobResult bmp = run(ImageFormat::Bmp, MetadataPolicy::KeepAll, "bmp");
        QCOMPARE(bmp.status, JobStatus::Written);
        QCOMPARE(bmp.warnings.size(), 1);
        QVERIFY(bmp.warnings.first().contains("BMP files cannot hold metadata"));
    }

    void profileInChunksOutOfOrderWithPaddingIsKept()
    {
        // exiv2 rejects this profile (its joined size is not the declared one) and
        // with it the file's EXIF; the chunks are in sequence order once sorted.
        std::vector<Exiv2::byte> padded = fakeIccProfile();
        padded.resize(padded.size() + 10, 0);
        const std::vector<Exiv2::byte> first(padded.begin(), padded.begin() + 100);
        const std::vector<Exiv2::byte> second(padded.begin() + 100, padded.end());
        QByteArray jpeg = cameraJpeg(test::syntheticImage(300, 200), 1, {});
        jpeg.insert(2, iccSegment(second, 2, 2) + iccSegment(first, 1, 2));
        const QString input = m_dir.filePath("chunked-profile.jpg");
        test::writeFile(input, jpeg);

        const JobResult r = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "chunked-icc", true, input);
        QCOMPARE(r.status, JobStatus::Written);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join("; ")));
        auto image = Exiv2::ImageFactory::open(r.outputPath.toStdString());
        image->readMetadata();
        QVERIFY(image->iccProfileDefined());
        const std::vector<Exiv2::byte> expected = fakeIccProfile();
        QCOMPARE(std::vector<Exiv2::byte>(image->iccProfile()->pData_,
                                          image->iccProfile()->pData_ + image->iccProfile()->size_),
                 expected);
        QCOMPARE(value(image->exifData(), "Exif.Image.Model"), QStringLiteral("Canon EOS R5"));
    }

    // A profile describes one kind of data; one that no longer fits the output is not copied.
    void profileFollowsTheOutputsColourSpace()
    {
        const QString cmyk = m_dir.filePath("cmyk-profile.jpg");
        test::writeFile(cmyk, cameraJpeg(test::syntheticImage(300, 200), 1, fakeIccProfile("CMYK")));
        const JobResult fromCmyk = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "cmyk-icc", true, cmyk);
        QCOMPARE(fromCmyk.status, JobStatus::Written);
        QCOMPARE(fromCmyk.warnings, QStringList({"the input's CMYK ICC profile was left out: the output is RGB, "
                                                 "converted without colour management"}));
        QVERIFY(!readBack(fromCmyk.outputPath).hasIcc);

        // After a greyscale step an RGB profile means nothing to a grey JPEG; WebP stays colour.
        const JobResult greyJpeg = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "grey-jpeg", true, {}, true);
        QCOMPARE(greyJpeg.status, JobStatus::Written);
        QVERIFY2(greyJpeg.warnings.isEmpty(), qPrintable(greyJpeg.warnings.join("; ")));
        QVERIFY(!readBack(greyJpeg.outputPath).hasIcc);
        QCOMPARE(value(readBack(greyJpeg.outputPath).exif, "Exif.Image.Model"), QStringLiteral("Canon EOS R5"));
        const JobResult greyWebp = run(ImageFormat::Webp, MetadataPolicy::KeepAll, "grey-webp", true, {}, true);
        QCOMPARE(greyWebp.status, JobStatus::Written);
        QVERIFY(readBack(greyWebp.outputPath).hasIcc);
    }

    // The press profile turns the inks into sRGB, so it no longer describes
    // the output and goes without a word: nothing was lost.
    void aCmykPhotoGoesThroughItsPressProfileIntoSrgb()
    {
        const cv::Mat fullCyan(64, 64, CV_8UC4, cv::Scalar(0, 255, 255, 255)); // Adobe's inverted inks
        const QString input = m_dir.filePath("press.jpg");
        test::writeFile(input, test::adobeCmykJpeg(fullCyan, test::swappedPressProfile(), 100));
        const JobResult r = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "press", true, input);
        QCOMPARE(r.status, JobStatus::Written);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join("; ")));
        QVERIFY(!readBack(r.outputPath).hasIcc);
        const cv::Mat written = test::openCvDecode(test::readFile(r.outputPath), cv::IMREAD_COLOR);
        const cv::Vec3b centre = written.at<cv::Vec3b>(written.rows / 2, written.cols / 2);
        // That press prints cyan ink as yellow; the formula would have given cyan.
        QVERIFY2(cv::norm(centre, test::swappedPressBgr(1, 0, 0, 0), cv::NORM_INF) <= 8,
            qPrintable(QStringLiteral("%1 %2 %3").arg(centre[0]).arg(centre[1]).arg(centre[2])));
    }

    void anRgbProfileOnCmykDataIsNotPassedOn()
    {
        const QByteArray adobe = QColorSpace(QColorSpace::AdobeRgb).iccProfile();
        const QString input = m_dir.filePath("mislabelled.jpg");
        test::writeFile(input, test::adobeCmykJpeg(cv::Mat(32, 32, CV_8UC4, cv::Scalar::all(200)), adobe));
        const JobResult r = run(ImageFormat::Png, MetadataPolicy::KeepAll, "mislabelled", true, input);
        QCOMPARE(r.status, JobStatus::Written);
        QCOMPARE(r.warnings, QStringList({"the input's RGB ICC profile was left out: it does not describe the file's "
                                          "CMYK data, whose colours were converted without colour management"}));
        QVERIFY(!readBack(r.outputPath).hasIcc);
    }

    // Viewers read the profile through their own decoders (libpng rejects an
    // iCCP chunk without a name, for one): Qt's readers here stand for them.
    void theKeptProfileIsOneViewersRead_data()
    {
        QTest::addColumn<int>("format");
        for (ImageFormat f : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Tiff})
            QTest::addRow("%s", qPrintable(formatName(f))) << int(f);
    }

    void theKeptProfileIsOneViewersRead()
    {
        QFETCH(int, format);
        const QByteArray adobe = QColorSpace(QColorSpace::AdobeRgb).iccProfile();
        const QString input = m_dir.filePath(QStringLiteral("adobe-%1.jpg").arg(format));
        test::writeFile(input,
            cameraJpeg(
                test::syntheticImage(120, 80), 1, std::vector<Exiv2::byte>(adobe.begin(), adobe.end())));
        const JobResult r = run(ImageFormat(format), MetadataPolicy::KeepAll,
            QStringLiteral("adobe-%1").arg(format), true, input);
        QCOMPARE(r.status, JobStatus::Written);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join("; ")));
        QImageReader reader(r.outputPath);
        const QImage written = reader.read();
        QVERIFY2(!written.isNull(), qPrintable(reader.errorString()));
        QCOMPARE(written.colorSpace(), QColorSpace(QColorSpace::AdobeRgb));
    }

    void damagedIccProfileIsLeftOutWithAWarning()
    {
        std::vector<Exiv2::byte> cut = fakeIccProfile();
        cut[2] = 1; // declares 388 bytes, holds 132
        const QString input = m_dir.filePath("cut-profile.jpg");
        test::writeFile(input, cameraJpeg(test::syntheticImage(300, 200), 1, cut));
        QVERIFY(!SourceMetadata::read(test::readFile(input), nullptr).hasIccProfile());

        const JobResult kept = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "cut-icc", true, input);
        QCOMPARE(kept.status, JobStatus::Written);
        QCOMPARE(kept.warnings.size(), 1);
        QVERIFY2(kept.warnings.first().contains("ICC colour profile is damaged (cut off: 132 of 388 bytes)"),
                 qPrintable(kept.warnings.first()));
        const ReadBack back = readBack(kept.outputPath);
        QVERIFY(!back.hasIcc);
        QCOMPARE(value(back.exif, "Exif.Image.Model"), QStringLiteral("Canon EOS R5")); // the rest still travels

        // Nobody asked for the profile: nothing to warn about.
        const JobResult dropped = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "cut-icc-unwanted", false, input);
        QVERIFY2(dropped.warnings.isEmpty(), qPrintable(dropped.warnings.join("; ")));

        // A CMYK photo's cut profile also cost its colour management: that is said too.
        const QByteArray press = test::swappedPressProfile();
        const QString cmyk = m_dir.filePath("cut-press.jpg");
        test::writeFile(cmyk, test::adobeCmykJpeg(cv::Mat(32, 32, CV_8UC4, cv::Scalar::all(200)), press.left(4000)));
        const JobResult inks = run(ImageFormat::Jpeg, MetadataPolicy::KeepAll, "cut-press", true, cmyk);
        QCOMPARE(inks.status, JobStatus::Written);
        QCOMPARE(inks.warnings,
                 QStringList({QStringLiteral("the embedded ICC colour profile is damaged (cut off: 4000 of %1 bytes); it "
                                             "was not copied, and the CMYK colours were converted without it")
                                  .arg(press.size())}));
    }
};

QTEST_GUILESS_MAIN(TestSourceMetadata)
#include "tst_sourcemetadata.moc"

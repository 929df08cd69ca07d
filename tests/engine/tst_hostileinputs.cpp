// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// A generated corpus of hostile and unusual files: each gets a clear per-file
// outcome, nothing crashes or hangs, and the batch goes on.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/nativepath.h"
#include "engine/scan/pathscanner.h"
#include "engine/worker/workerpool.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QDirIterator>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace pixelmill;

namespace {

// Patches the first JPEG frame header (SOF0/SOF2) to declare another size.
QByteArray jpegDeclaring(QByteArray jpeg, int width, int height)
{
    for (qsizetype i = 2; i + 9 < jpeg.size(); ++i) {
        const uchar m = uchar(jpeg.at(i + 1));
        if (uchar(jpeg.at(i)) == 0xFF && (m == 0xC0 || m == 0xC2)) {
            jpeg[i + 5] = char(height >> 8);
            jpeg[i + 6] = char(height & 0xFF);
            jpeg[i + 7] = char(width >> 8);
            jpeg[i + 8] = char(width & 0xFF);
            return jpeg;
        }
    }
    return jpeg;
}

// Rewrites ImageWidth/ImageLength of a little-endian TIFF's first IFD.
QByteArray tiffDeclaring(const QByteArray &tiff, quint32 width, quint32 height)
{
    std::vector<uchar> d(tiff.begin(), tiff.end());
    auto u16 = [&d](size_t at) { return quint16(d.at(at) | d.at(at + 1) << 8); };
    const size_t ifd = size_t(u16(4)) | size_t(u16(6)) << 16;
    for (size_t e = 0, count = u16(ifd); e < count; ++e) {
        const size_t entry = ifd + 2 + 12 * e;
        const quint16 tag = u16(entry);
        if (tag != 256 && tag != 257)
            continue;
        quint32 value = tag == 256 ? width : height;
        if (u16(entry + 2) == 3) // SHORT
            value = std::min<quint32>(value, 65535);
        for (int b = 0; b < 4; ++b)
            d.at(entry + 8 + size_t(b)) = uchar(value >> (8 * b));
    }
    return test::bytesOf(d);
}

QByteArray flippedByte(QByteArray bytes, qsizetype at)
{
    bytes[at] = char(bytes.at(at) ^ 0x5A);
    return bytes;
}

} // namespace

class TestHostileInputs final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;
    test::TemporaryDir m_dir;
    QString m_in;
    QHash<QString, QString> m_expect; // file name -> "written", "warning" or a reason fragment

    void add(const QString &name, const QByteArray &bytes, const QString &expect)
    {
        test::writeFile(m_in + "/" + name, bytes);
        m_expect.insert(name, expect);
    }

private slots:
    void initTestCase()
    {
        registerBuiltinFilters(m_registry);
        m_in = m_dir.filePath("hostile");
        QDir().mkpath(m_in);
        const cv::Mat photo = test::syntheticImage(320, 240);
        const QByteArray jpeg = test::encode(".jpg", photo);
        const QByteArray png = test::encode(".png", photo);
        const QByteArray tiff = test::encode(".tif", photo);
        const QByteArray webp = test::encode(".webp", photo);
        QByteArray random(4096, Qt::Uninitialized);
        QRandomGenerator rng(42);
        for (char &c : random)
            c = char(rng.bounded(256));

        add("empty.jpg", {}, "file is empty");
        add("text.jpg", "Dear diary, this is not a photo.\n", "not an image");
        add("random.png", random, "not an image");
        add("png-named.jpg", png, "written");
        add("truncated.jpg", jpeg.left(jpeg.size() * 2 / 3), "warning");
        add("truncated.png", png.left(png.size() / 2), "corrupt or truncated");
        add("truncated.tif", tiff.left(tiff.size() / 2), "TIFF header: it is damaged or truncated");
        add("truncated.webp", webp.left(webp.size() / 2), "corrupt or truncated");
        add("bad-crc.png", flippedByte(png, png.indexOf("IDAT") + 40), "corrupt or truncated");
        add("animated.gif", QByteArray("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04"
                                       "\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02" "D\x01\x00;", 43),
            "written");
        add("bomb.png", test::pngBombHeader(60000, 60000), "over the limit");
        // Decoded a band at a time and shrunk on load to 3750×3750: the missing data is grey, said.
        add("bomb.jpg", jpegDeclaring(jpeg, 30000, 30000), "warning");
        // Progressive: libjpeg would hold all 900 MP of coefficients.
        add("bomb.tif", tiffDeclaring(tiff, 100000, 100000), "over the limit");
        add("one-pixel.png", test::encode(".png", test::syntheticImage(1, 1)), "written");
        add("sixteen-bit.png", test::encode(".png", test::syntheticImage(64, 48, CV_16U, 4)), "written");
        add("grey.png", test::encode(".png", test::syntheticImage(64, 48, CV_8U, 1)), "written");
        QImage palette(40, 30, QImage::Format_Indexed8);
        palette.setColorCount(4);
        for (int i = 0; i < 4; ++i)
            palette.setColor(i, qRgb(i * 60, 255 - i * 60, 128));
        palette.fill(2);
        palette.save(m_in + "/palette.png");
        m_expect.insert("palette.png", "written");
        std::vector<uchar> progressive;
        cv::imencode(".jpg", photo, progressive, {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
        add("progressive.jpg", test::bytesOf(progressive), "written");
        // Progressive: libjpeg would hold all 900 MP of coefficients.
        add("bomb-progressive.jpg", jpegDeclaring(test::bytesOf(progressive), 30000, 30000),
            "a progressive JPEG, which is held whole while it decodes, over the limit of 200 MP");
        add("rotated.jpg", test::withExifOrientation(jpeg, 8), "written");
        add("name with spaces #1 %20 ?.jpg", jpeg, "written");
        add("ünïcødé 日本.jpg", jpeg, "written");
        add("-leading-dash.jpg", jpeg, "written");
        add(pathFromNative("caf\xe9 latin-1.jpg"), jpeg, "written"); // not UTF-8: an old camera card's name
        QDir().mkpath(m_in + "/sub");
        const QString oddFolder = m_in + "/" + pathFromNative("d\xfcsseldorf");
        QVERIFY(::mkdir(nativePath(oddFolder).constData(), 0755) == 0);
        test::writeFile(oddFolder + "/in-odd-folder.jpg", jpeg);
        m_expect.insert("in-odd-folder.jpg", "written");
        QString deep = m_in;
        for (int level = 0; level < 20; ++level)
            deep += QStringLiteral("/level%1").arg(level);
        QDir().mkpath(deep);
        test::writeFile(deep + "/deep.jpg", jpeg);
        m_expect.insert("deep.jpg", "written");
    }

    void specialFilesNeverHangOrReachTheDecoder()
    {
        const QString fifo = m_in + "/pipe.jpg";
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString socketPath = m_in + "/socket.jpg";
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(socketPath);
        if (size_t(native.size()) < sizeof(addr.sun_path)) {
            std::memcpy(addr.sun_path, native.constData(), size_t(native.size()));
            QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        }
        QFile::link(m_in + "/gone.jpg", m_in + "/dangling.jpg");
        QFile::link(m_in, m_in + "/level0/loop");
        std::atomic<bool> cancel{false};
        QList<FoundFile> found;
        const ScanReport report = scanPaths({m_in}, [&](const QList<FoundFile> &b) { found += b; }, cancel);
        ::close(fd);
        QCOMPARE(report.specialFiles, 3); // FIFO, socket, dangling link: counted, not queued
        QStringList foundNames;
        for (const FoundFile &f : found)
            foundNames << QFileInfo(f.path).fileName();
        for (const QString &name : m_expect.keys())
            QVERIFY2(foundNames.contains(name), qPrintable(name));
        QCOMPARE(int(found.size()), m_expect.size());
        QVERIFY(report.notes.join('\n').contains("already scanned")); // the loop

        // Given explicitly, they are refused with a reason instead of opened.
        WorkerPool pool(m_registry);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        QList<Job> jobs;
        for (const QString &path : {fifo, socketPath, m_in + "/dangling.jpg"}) {
            Job job;
            job.inputPath = path;
            job.exportOptions.outputDir = m_dir.filePath("special-out");
            jobs << job;
        }
        pool.submit(jobs);
        QVERIFY(done.wait(10000));
        for (const auto &args : finished) {
            const JobResult r = args.at(0).value<JobResult>();
            QCOMPARE(r.status, JobStatus::Failed);
            QVERIFY2(r.error.contains("not a regular file") || r.error.contains("No such file"), qPrintable(r.error));
        }
    }

    void everyFileGetsItsOutcomeAndTheBatchGoesOn()
    {
        std::atomic<bool> cancel{false};
        QList<Job> jobs;
        scanPaths({m_in}, [&](const QList<FoundFile> &batch) {
            for (const FoundFile &f : batch) {
                Job job;
                job.inputPath = f.path;
                job.relativeDir = f.relativeDir;
                job.chain = m_registry.normalized(FilterChain{FilterStep{"resize", 1, true, {{"long_edge", 100}}},
                                                              FilterStep{"unsharp_mask", 1, true, {}}}).value;
                job.exportOptions.outputDir = m_dir.filePath("out");
                job.exportOptions.mirrorFolders = true;
                job.exportOptions.format = ImageFormat::Png;
                jobs << job;
            }
        }, cancel);
        WorkerPool pool(m_registry);
        pool.setMaxWorkers(4); // every worker at once on bombs and broken files
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QSignalSpy done(&pool, &WorkerPool::batchFinished);
        pool.submit(jobs);
        QVERIFY(done.wait(60000));
        const BatchSummary summary = done.first().at(0).value<BatchSummary>();
        QCOMPARE(summary.submitted, int(jobs.size()));
        QCOMPARE(summary.finished(), summary.submitted);
        int written = 0;
        for (const auto &args : finished) {
            const JobResult r = args.at(0).value<JobResult>();
            const QString name = QFileInfo(r.inputPath).fileName();
            const QString expect = m_expect.value(name);
            QVERIFY2(!expect.isEmpty(), qPrintable(name));
            if (expect == "written" || expect == "warning") {
                QVERIFY2(r.status == JobStatus::Written, qPrintable(name + ": " + r.error));
                QCOMPARE(r.warnings.isEmpty(), expect == "written");
                QVERIFY(!test::readFile(r.outputPath).isEmpty());
                ++written;
            } else {
                QVERIFY2(r.status == JobStatus::Failed, qPrintable(name));
                QVERIFY2(r.error.contains(expect), qPrintable(name + ": " + r.error));
                QVERIFY(r.outputPath.isEmpty());
            }
        }
        QCOMPARE(summary.written, written);
        QVERIFY(QFileInfo::exists(m_dir.filePath("out/level0/level1/level2/level3/level4/level5/level6/level7/"
                                                 "level8/level9/level10/level11/level12/level13/level14/"
                                                 "level15/level16/level17/level18/level19/deep.png")));
        QVERIFY(QFileInfo::exists(m_dir.filePath("out/name with spaces #1 %20 ?.png")));
        QVERIFY(QFileInfo::exists(m_dir.filePath("out/ünïcødé 日本.png")));
        // Names that are not UTF-8 keep their exact bytes, folders too (mirrored).
        QVERIFY(test::existsNative(m_dir.filePath("out/") + pathFromNative("caf\xe9 latin-1.png")));
        QVERIFY(test::existsNative(m_dir.filePath("out/") + pathFromNative("d\xfcsseldorf/in-odd-folder.png")));
        // Nothing half-written anywhere.
        QDirIterator it(m_dir.filePath("out"), {".pixelmill-*"}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QVERIFY(!it.hasNext());
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostileinputs.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// End-to-end: runs the real pixelmill-cli binary on generated images.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/nativepath.h"
#include "tests/cli/clitestbase.h"
#include "tests/common/syntheticdng.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace pixelmill;

class TestCli final : public test::CliTestBase
{
    Q_OBJECT

    QString m_photos;

private slots:
    void initTestCase()
    {
        useScratchJournal();
        m_photos = m_dir.filePath("photos");
        QDir().mkpath(m_photos + "/trip");
        test::writeImage(m_photos + "/a.jpg", test::syntheticImage(1200, 800));
        test::writeImage(m_photos + "/b.png", test::syntheticImage(300, 600, CV_16U, 4));
        test::writeImage(m_photos + "/trip/a.jpg", test::syntheticImage(640, 480));
        test::writeFile(m_photos + "/readme.txt", "not an image");
    }

    void processesAFolderAndWritesAReport()
    {
        const QString out = m_dir.filePath("out1");
        const QString report = m_dir.filePath("r1.json");
        const Run r = cli({m_photos, "-o", out, "--workers", "2", "--filter",
                           "resize:long_edge=400,interpolation=area", "--filter", "unsharp_mask",
                           "--name", "{name}_web.{ext}", "--report", report});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Two inputs named a.jpg: the rename policy keeps both.
        QCOMPARE(QDir(out).entryList(QDir::Files, QDir::Name),
                 QStringList({"a_web.jpg", "a_web_1.jpg", "b_web.jpg"}));
        const cv::Mat a = cv::imread((out + "/a_web.jpg").toStdString());
        QCOMPARE(a.cols, 400);
        QCOMPARE(a.rows, 267);
        const QJsonObject json = readJson(report);
        QCOMPARE(json["summary"].toObject()["written"].toInt(), 3);
        const QJsonArray jobs = json["jobs"].toArray();
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(jobs[0].toObject()["input"].toString(), m_photos + "/a.jpg");
        QCOMPARE(jobs[0].toObject()["status"].toString(), QStringLiteral("written"));
        QVERIFY(jobs[0].toObject()["timings_ms"].toObject()["decode"].toDouble() > 0);
        QVERIFY(r.err.contains("3 inputs: 3 written, 0 skipped, 0 failed"));
    }

    void mirrorsFoldersAndHonoursSkip()
    {
        const QString out = m_dir.filePath("out2");
        QStringList args{m_photos, "-o", out, "--mirror", "--format", "png", "--overwrite", "skip"};
        QCOMPARE(cli(args).exitCode, 0);
        QVERIFY(QFileInfo::exists(out + "/trip/a.png"));
        QVERIFY(QFileInfo::exists(out + "/a.png"));
        const Run again = cli(args << "--report" << m_dir.filePath("r2.json"));
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(readJson(m_dir.filePath("r2.json"))["summary"].toObject()["skipped"].toInt(), 3);
    }

    void badFileFailsTheRunButNotTheBatch()
    {
        const QString in = m_dir.filePath("mixed");
        QDir().mkpath(in);
        test::writeImage(in + "/good.png", test::syntheticImage(50, 50));
        test::writeFile(in + "/bad.jpg", "garbage garbage");
        const QString report = m_dir.filePath("r3.json");
        const Run r = cli({in, in + "/missing.png", "-o", m_dir.filePath("out3"), "--report", report});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("failed: " + in + "/bad.jpg: not an image"), qPrintable(r.err));
        QVERIFY(QFileInfo::exists(m_dir.filePath("out3/good.jpg")));
        const QJsonObject json = readJson(report);
        QCOMPARE(json["summary"].toObject()["failed"].toInt(), 2);
        QCOMPARE(json["summary"].toObject()["written"].toInt(), 1);
        QCOMPARE(json["jobs"].toArray().size(), 3);
    }

    void hostileFilesFailOneByOneAndTheRunFinishes()
    {
        const QString in = m_dir.filePath("hostile");
        QDir().mkpath(in);
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(200, 150));
        test::writeFile(in + "/good.jpg", jpeg);
        test::writeFile(in + "/bomb.png", test::pngBombHeader(70000, 70000));
        test::writeFile(in + "/empty.jpg", {});
        test::writeFile(in + "/truncated.jpg", jpeg.left(jpeg.size() / 2));
        QVERIFY(::mkfifo(QFile::encodeName(in + "/fifo.jpg").constData(), 0600) == 0);
        QVERIFY(QFile::link(in + "/deleted-since.jpg", in + "/dangling.jpg"));
        const QString report = m_dir.filePath("hostile.json");
        const Run r = cli({in, in + "/fifo.jpg", "-o", m_dir.filePath("hostile-out"), "--report", report});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bomb.png: image is 70000×70000"), qPrintable(r.err));
        QVERIFY(r.err.contains("warning: " + in + "/truncated.jpg: JPEG is truncated"));
        QVERIFY(r.err.contains("fifo.jpg: not a regular file"));
        // Found in the folder, neither is an input, but the user hears of both.
        QVERIFY2(r.err.contains("note: 2 file(s) with an image's name skipped: not regular files"), qPrintable(r.err));
        const QJsonObject summary = readJson(report)["summary"].toObject();
        QCOMPARE(summary["written"].toInt(), 2);
        QCOMPARE(summary["written_with_warnings"].toInt(), 1);
        QCOMPARE(summary["failed"].toInt(), 3);
        QVERIFY2(r.err.contains("5 inputs: 2 written (1 with warnings), 0 skipped, 3 failed"), qPrintable(r.err));
        QCOMPARE(QDir(m_dir.filePath("hostile-out")).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    // A name that is not UTF-8, given on the command line and found in a folder:
    // read, processed and written under the same bytes.
    void namesThatAreNotUtf8KeepTheirBytes()
    {
        const QString in = m_dir.filePath("latin1");
        const QString out = m_dir.filePath("latin1-out");
        QDir().mkpath(in + "/folder");
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(120, 90));
        test::writeFile(in + "/" + pathFromNative("caf\xe9.jpg"), jpeg);
        test::writeFile(in + "/folder/" + pathFromNative("gr\xfc\xdf.jpg"), jpeg);
        QProcess p; // through a shell: QProcess itself would re-encode the argument as UTF-8
        // The preset and the report are named so too.
        test::writeFile(in + "/" + pathFromNative("pr\xe9set.json"), R"({"format":"pixelmill-preset","version":1,"filters":[{"id":"flip"}]})");
        p.start("/bin/sh", {"-c", "exec \"$0\" \"$1/$(printf 'caf\\351.jpg')\" \"$1/folder\" -o \"$2\" --format png "
                                  "--preset \"$1/$(printf 'pr\\351set.json')\" --report \"$1/$(printf 'r\\351port.json')\"",
                            qEnvironmentVariable("PIXELMILL_CLI"), in, out});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(test::existsNative(out + "/" + pathFromNative("caf\xe9.png")));
        QVERIFY(test::existsNative(out + "/" + pathFromNative("gr\xfc\xdf.png")));
        QVERIFY(test::readFile(in + "/" + pathFromNative("r\xe9port.json")).contains("\"written\": 2"));
    }

    // A newline, a terminal escape sequence or a foreign byte in a name is shown
    // escaped on the console: one line per file, nothing sent to the terminal.
    void namesAreShownWithTheirControlCharactersEscaped()
    {
        const QString in = m_dir.filePath("controls");
        const QString out = m_dir.filePath("controls-out");
        QDir().mkpath(in);
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(64, 48));
        test::writeFile(in + "/two\nlines.jpg", jpeg);
        test::writeFile(in + "/\x1b[2Jred.jpg", jpeg);
        test::writeFile(in + "/" + pathFromNative("caf\xe9.jpg"), jpeg);
        test::writeFile(in + "/broken\ttab.jpg", "not a photo");

        const Run run = cli({in, "-o", out});
        QCOMPARE(run.exitCode, 1);
        const QStringList lines = run.err.split('\n', Qt::SkipEmptyParts);
        QVERIFY2(!run.err.contains(QChar(0x1b)) && !run.err.contains(QChar(0xfffd)), qPrintable(run.err));
        QVERIFY2(lines.filter(" -> ").size() == 3, qPrintable(run.err));
        QVERIFY2(lines.filter(in + "/two\\nlines.jpg -> " + out + "/two\\nlines.jpg").size() == 1, qPrintable(run.err));
        QVERIFY2(lines.filter("/\\x1b[2Jred.jpg -> ").size() == 1, qPrintable(run.err));
        QVERIFY2(lines.filter("/caf\\xe9.jpg -> ").size() == 1, qPrintable(run.err));
        QVERIFY2(lines.filter(QRegularExpression("^failed: .*/broken\\\\ttab\\.jpg: ")).size() == 1, qPrintable(run.err));
        // The files themselves keep their names.
        QVERIFY(QFileInfo::exists(out + "/two\nlines.jpg"));
        QVERIFY(QFileInfo::exists(out + "/\x1b[2Jred.jpg"));

        const Run plan = cli({"--dry-run", in, "-o", m_dir.filePath("controls-plan")});
        QVERIFY2(plan.out.contains(in + "/two\\nlines.jpg -> "), qPrintable(plan.out));
        QVERIFY2(!plan.out.contains(QChar(0x1b)), qPrintable(plan.out));
    }

    // Unreadable files and folders fail one by one, with the OS reason, and the
    // batch goes on. Root reads everything, so as root the CLI runs as "nobody".
    void unreadableFilesAndFoldersFailOneByOne()
    {
        const bool asRoot = ::geteuid() == 0;
        if (asRoot && !QFileInfo("/usr/bin/setpriv").isExecutable())
            QSKIP("running as root without setpriv to drop privileges");
        const QString in = m_dir.filePath("locked");
        const QString out = m_dir.filePath("locked-out");
        QDir().mkpath(in + "/sealed");
        QDir().mkpath(out);
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(120, 90));
        test::writeFile(in + "/open.jpg", jpeg);
        test::writeFile(in + "/secret.jpg", jpeg);
        test::writeFile(in + "/sealed/inside.jpg", jpeg);
        QVERIFY(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755) == 0);
        QVERIFY(::chmod(QFile::encodeName(in).constData(), 0755) == 0);
        QVERIFY(::chmod(QFile::encodeName(in + "/open.jpg").constData(), 0644) == 0);
        QVERIFY(::chmod(QFile::encodeName(in + "/secret.jpg").constData(), 0) == 0);
        QVERIFY(::chmod(QFile::encodeName(in + "/sealed").constData(), 0) == 0);
        QVERIFY(::chmod(QFile::encodeName(out).constData(), 0777) == 0);
        const QStringList dropRoot{"--reuid=65534", "--regid=65534", "--clear-groups", "--"};
        if (asRoot && QProcess::execute("/usr/bin/setpriv", dropRoot + QStringList{"/usr/bin/test", "-r", in + "/open.jpg"}) != 0) {
            ::chmod(QFile::encodeName(in + "/sealed").constData(), 0755);
            QSKIP("cannot run as nobody here (no CAP_SETUID, or the temporary folder is private)");
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", out + "/journal"); // somewhere "nobody" may write
        p.setProcessEnvironment(env);
        const QStringList args{in, "-o", out, "--format", "png"};
        if (asRoot)
            p.start("/usr/bin/setpriv", dropRoot + QStringList{qEnvironmentVariable("PIXELMILL_CLI")} + args);
        else
            p.start(qEnvironmentVariable("PIXELMILL_CLI"), args);
        QVERIFY(p.waitForFinished(60000));
        ::chmod(QFile::encodeName(in + "/sealed").constData(), 0755);
        ::chmod(QFile::encodeName(m_dir.path()).constData(), 0700);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("secret.jpg: cannot open: Permission denied"), qPrintable(err));
        QVERIFY2(err.contains("sealed: folder cannot be read (Permission denied)"), qPrintable(err));
        QVERIFY(QFileInfo::exists(out + "/open.png"));
        QVERIFY(!QFileInfo::exists(out + "/secret.png"));
    }

    void dryRunPrintsThePlanAndWritesNothing()
    {
        const QString out = m_dir.filePath("dry");
        const Run r = cli({m_photos, "-o", out, "--dry-run", "--format", "png"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(m_photos + "/a.jpg -> " + out + "/a.png\n"));
        QVERIFY2(r.out.contains(m_photos + "/trip/a.jpg -> " + out + "/a_1.png  [CLASH: same name as " + m_photos + "/a.jpg]  [renamed]"),
                 qPrintable(r.out));
        QVERIFY(r.err.contains("3 inputs, 1 name clashes"));
        QVERIFY(!QFileInfo::exists(out));
    }

    // Two inputs that want one name get the names the plan shows, whichever
    // finishes first: the large photo first in the queue keeps the plain name
    // although the small one after it is done long before (it used to take it).
    void clashingNamesComeOutAsPlanned()
    {
        const QString in = m_dir.filePath("clash-order");
        QVERIFY(QDir().mkpath(in + "/a-card") && QDir().mkpath(in + "/b-card"));
        test::writeImage(in + "/a-card/IMG_0001.jpg", test::syntheticImage(4000, 3000));
        test::writeImage(in + "/b-card/IMG_0001.jpg", test::syntheticImage(64, 48));
        const QString out = m_dir.filePath("clash-order-out");
        const Run plan = cli({in, "-o", out, "--dry-run", "--format", "png"});
        QCOMPARE(plan.exitCode, 0);
        QVERIFY2(plan.out.contains(in + "/a-card/IMG_0001.jpg -> " + out + "/IMG_0001.png\n"), qPrintable(plan.out));
        QVERIFY(plan.out.contains(in + "/b-card/IMG_0001.jpg -> " + out + "/IMG_0001_1.png"));
        const Run r = cli({in, "-o", out, "--format", "png", "--workers", "2"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(cv::imread((out + "/IMG_0001.png").toStdString(), cv::IMREAD_UNCHANGED).cols, 4000);
        QCOMPARE(cv::imread((out + "/IMG_0001_1.png").toStdString(), cv::IMREAD_UNCHANGED).cols, 64);
    }

    // A real full disk: a 1 MiB tmpfs (needs root and mount permission; skipped otherwise).
    void fullDiskFailsPerFileAndLeavesNoPartialFile()
    {
        const QString mountPoint = m_dir.filePath("tiny");
        QDir().mkpath(mountPoint);
        if (QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint}) != 0)
            QSKIP("cannot mount a tmpfs here (not root, or no permission)");
        const QString in = m_dir.filePath("big-pngs");
        QDir().mkpath(in);
        cv::Mat noise(300, 300, CV_16UC4); // incompressible: about 700 KB per PNG
        cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(65535));
        const QByteArray png = test::encode(".png", noise);
        for (int i = 0; i < 6; ++i)
            test::writeFile(in + QStringLiteral("/p%1.png").arg(i), png);
        const Run r = cli({in, "-o", mountPoint + "/out", "--format", "png", "--workers", "2"});
        const QStringList left = QDir(mountPoint + "/out").entryList(QDir::Files | QDir::Hidden);
        QProcess::execute("umount", {mountPoint});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("No space left on device"), qPrintable(r.err));
        QVERIFY(left.size() < 6);
        QVERIFY(left.filter(".pixelmill-").isEmpty()); // no temporary left behind
        QVERIFY(r.err.contains("6 inputs: " + QString::number(left.size()) + " written"));
    }

    // RAW+JPEG folders are common: the RAW is developed beside its camera JPEG
    // (the two outputs' names do not clash silently), turned as shot, with the
    // camera's tags; a RAW that cannot be read fails alone, never as its preview.
    void cameraRawIsDevelopedBesideItsJpeg()
    {
        const QString in = m_dir.filePath("raw-plus-jpeg");
        QDir().mkpath(in);
        test::writeImage(in + "/IMG_0001.JPG", test::syntheticImage(120, 80));
        cv::Mat scene(80, 120, CV_16UC3, cv::Scalar(6000, 14000, 26000));
        test::writeFile(in + "/IMG_0001.CR2", test::syntheticDng(scene)); // by content: a DNG inside
        test::writeFile(in + "/IMG_0002.dng", test::syntheticDng(scene, 6));
        QByteArray unreadable = test::syntheticDng(scene);
        unreadable.truncate(unreadable.size() / 3);
        test::writeFile(in + "/IMG_0003.dng", unreadable);
        test::writeFile(in + "/poster.psd", "8BPS");
        const QString out = m_dir.filePath("raw-out");
        const Run r = cli({in, "-o", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("note: 1 Photoshop (PSD) file(s) skipped: Pixelmill cannot read them"), qPrintable(r.err));
        QVERIFY2(r.err.contains("failed: " + in + "/IMG_0003.dng: the camera RAW image could not be decoded: "),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("4 inputs: 3 written, 0 skipped, 1 failed"), qPrintable(r.err));
        QCOMPARE(QDir(out).entryList(QDir::Files), QStringList({"IMG_0001.jpg", "IMG_0001_1.jpg", "IMG_0002.jpg"}));
        const cv::Mat portrait = cv::imread((out + "/IMG_0002.jpg").toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(portrait.cols, 80);
        QCOMPARE(portrait.rows, 120);
        QVERIFY(test::readFile(out + "/IMG_0002.jpg").contains("Test Camera")); // EXIF model kept
    }

    // Last run's results inside the input folder are not this run's inputs.
    void outputFolderInsideTheInputIsNotRescanned()
    {
        const QString in = m_dir.filePath("in-place");
        QDir().mkpath(in);
        test::writeImage(in + "/a.jpg", test::syntheticImage(120, 80));
        test::writeImage(in + "/b.jpg", test::syntheticImage(120, 80));
        const QStringList args{in, "-o", in + "/web"};
        QCOMPARE(cli(args).exitCode, 0);
        const Run again = cli(args);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("2 inputs: 2 written"), qPrintable(again.err));
        QVERIFY2(again.err.contains("note: " + in + "/web: the output folder, not scanned"), qPrintable(again.err));
        const Run dry = cli(args + QStringList{"--dry-run"});
        QVERIFY2(dry.err.contains("note: " + in + "/web: the output folder, not scanned"), qPrintable(dry.err));
        QVERIFY2(dry.err.contains("dry run: 2 inputs"), qPrintable(dry.err));
        QCOMPARE(QDir(in + "/web").entryList(QDir::Files), QStringList({"a.jpg", "a_1.jpg", "b.jpg", "b_1.jpg"}));
    }

    // libpng's complaints reach the console through Qt with no file name; the
    // user hears about the file's profile as that file's warning instead.
    void libraryChatterStaysOffTheConsole()
    {
        const QString in = m_dir.filePath("odd-profile");
        QDir().mkpath(in);
        const QByteArray notAProfile = QByteArray("bogus\0\0", 7) + qCompress(QByteArray("not a profile").repeated(4)).mid(4);
        test::writeFile(in + "/odd.png", test::withPngChunkAfterHeader(test::encode(".png", test::syntheticImage(64, 48)),
                                                                        "iCCP", notAProfile));
        // A cut TIFF sends Qt's probe and libtiff looking past the end; a cut BMP is read as far as it goes.
        const QByteArray tiff = test::encode(".tif", test::syntheticImage(300, 200));
        test::writeFile(in + "/cut.tif", tiff.left(tiff.size() / 2));
        const QByteArray bmp = test::encode(".bmp", test::syntheticImage(300, 200));
        test::writeFile(in + "/cut.bmp", bmp.left(bmp.size() / 2));
        // A JPEG cut inside its header makes Qt's JPEG plugin talk as it probes the header.
        test::writeFile(in + "/cut.jpg", test::encode(".jpg", test::syntheticImage(300, 200)).left(100));
        const Run r = cli({in, "-o", m_dir.filePath("odd-out")});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            static const QRegularExpression ours(QStringLiteral("^(\\[\\d+/\\d+\\] |warning: |failed: |\\d+ inputs: )"));
            QVERIFY2(ours.match(line).hasMatch(), qPrintable(r.err));
        }
        QVERIFY2(r.err.contains("failed: " + in + "/cut.tif: "), qPrintable(r.err));
        QVERIFY2(r.err.contains("warning: " + in + "/cut.bmp: the BMP is truncated: "), qPrintable(r.err));
        QVERIFY2(r.err.contains("failed: " + in + "/cut.jpg: "), qPrintable(r.err));
        QVERIFY2(r.err.contains("warning: " + in + "/odd.png: the embedded ICC colour profile is damaged "
                                "(only 52 bytes, too short for a profile); it was not copied"),
                 qPrintable(r.err));
    }

    // imgcodecs' hundred libraries cost ~58 ms at every start; only the codec
    // module may link them.
    void startsWithoutOpenCvsCodecLibraries()
    {
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {qEnvironmentVariable("PIXELMILL_CLI")});
        QVERIFY(ldd.waitForFinished());
        const QString libraries = QString::fromLocal8Bit(ldd.readAllStandardOutput());
        QVERIFY2(libraries.contains("libopencv_core"), qPrintable(libraries));
        QVERIFY2(!libraries.contains("libopencv_imgcodecs"), qPrintable(libraries));
    }

    void usageErrorsExitWithTwo()
    {
        const Run r = cli({m_photos, "-o", m_dir.filePath("x"), "--filter", "blur:sigma=2"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown filter 'blur'"), qPrintable(r.err));
        QCOMPARE(cli({m_photos}).exitCode, 2);
        QVERIFY(!QFileInfo::exists(m_dir.filePath("x")));
        // The first thing missing is named first; nothing at all shows how to call it.
        const Run noInputs = cli({"-o", m_dir.filePath("x")});
        QCOMPARE(noInputs.exitCode, 2);
        QVERIFY2(noInputs.err.contains("no input files or folders given"), qPrintable(noInputs.err));
        const Run nothing = cli({});
        QCOMPARE(nothing.exitCode, 2);
        QVERIFY2(nothing.err.startsWith("Usage: pixelmill-cli"), qPrintable(nothing.err));
    }

    void presetAndFlagsGiveTheSameOutput()
    {
        const QString preset = m_dir.filePath("p.json");
        test::writeFile(preset, R"({"format":"pixelmill-preset","version":1,
            "filters":[{"id":"resize","params":{"long_edge":300}},{"id":"grayscale"}],
            "export":{"format":"png","name_template":"{name}"}})");
        QCOMPARE(cli({m_photos + "/a.jpg", "-o", m_dir.filePath("p1"), "--preset", preset}).exitCode, 0);
        QCOMPARE(cli({m_photos + "/a.jpg", "-o", m_dir.filePath("p2"), "--filter", "resize:long_edge=300",
                      "--filter", "grayscale", "--format", "png", "--name", "{name}"}).exitCode, 0);
        QCOMPARE(test::readFile(m_dir.filePath("p1/a.png")), test::readFile(m_dir.filePath("p2/a.png")));
        QVERIFY(!test::readFile(m_dir.filePath("p1/a.png")).isEmpty());
    }

    void listsFiltersAsTextAndJson()
    {
        const Run text = cli({"--list-filters"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("resize  (Resize, Geometry, version 1)"));
        QVERIFY(text.out.contains("long_edge"));
        const Run json = cli({"--list-filters", "--json"});
        const QJsonArray all = QJsonDocument::fromJson(json.out.toUtf8()).array();
        FilterRegistry registry;
        registerBuiltinFilters(registry);
        QCOMPARE(all.size(), registry.descriptors().size());
        QCOMPARE(all[0].toObject()["params"].toArray()[1].toObject()["key"].toString(),
                 QStringLiteral("long_edge"));
    }

    void plainProgressLinesWhenNotATerminal()
    {
        const Run r = cli({m_photos + "/a.jpg", "-o", m_dir.filePath("p3")});
        QVERIFY(r.err.contains("[1/1] written " + m_photos + "/a.jpg -> "));
        QVERIFY(!r.err.contains("\r"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

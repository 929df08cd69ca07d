// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// End-to-end: runs the real pixelmill-cli binary on generated images.
#include "engine/journal/batchjournal.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/nativepath.h"
#include "tests/common/syntheticdng.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace pixelmill;

// The crashing child of one test would otherwise run Qt Test's debugger-driven stack dump.
static const bool g_noStackDumps = qputenv("QTEST_DISABLE_STACK_DUMP", "1");

class TestCli final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;
    QString m_photos;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("PIXELMILL_CLI"), args);
        if (!p.waitForFinished(120000))
            qFatal("pixelmill-cli did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    // Sixty photos for a slow PNG run; the process is stopped once `before` outputs
    // exist, with `signal`, and left for the caller to read.
    void interruptLongRun(QProcess &p, const QString &in, const QString &out, const QStringList &options,
                          int before, int signal)
    {
        test::writePhotos(in, 60);
        stopOnceWritten(p, QStringList{in, "-o", out} + options, out, before, signal);
    }

    // Runs the CLI with `args` and stops it with `signal` once `before` outputs exist in `out`.
    void stopOnceWritten(QProcess &p, const QStringList &args, const QString &out, int before, int signal)
    {
        p.start(qEnvironmentVariable("PIXELMILL_CLI"), args);
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QDir(out).entryList(QDir::Files).size() >= before, 60000);
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished());
    }

    void unrecord(const QStringList &inputs)
    {
        QVERIFY(test::unrecord(m_dir.filePath("data/pixelmill/journal.sqlite"), inputs));
    }

    static QJsonObject readJson(const QString &path)
    {
        return QJsonDocument::fromJson(test::readFile(path)).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QFileInfo(qEnvironmentVariable("PIXELMILL_CLI")).isExecutable());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath("data"))); // the journal goes here
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
        const QString report = m_dir.filePath("hostile.json");
        const Run r = cli({in, in + "/fifo.jpg", "-o", m_dir.filePath("hostile-out"), "--report", report});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bomb.png: image is 70000×70000"), qPrintable(r.err));
        QVERIFY(r.err.contains("warning: " + in + "/truncated.jpg: JPEG is truncated"));
        QVERIFY(r.err.contains("fifo.jpg: not a regular file"));
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
        p.start("/bin/sh", {"-c", "exec \"$0\" \"$1/$(printf 'caf\\351.jpg')\" \"$1/folder\" -o \"$2\" --format png",
                            qEnvironmentVariable("PIXELMILL_CLI"), in, out});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(test::existsNative(out + "/" + pathFromNative("caf\xe9.png")));
        QVERIFY(test::existsNative(out + "/" + pathFromNative("gr\xfc\xdf.png")));
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

    // kill -9 mid-batch: whatever carries a final name is a complete image, and
    // --resume finishes the rest without doing anything twice.
    void killedMidBatchLeavesNoCorruptOutput()
    {
        const QString in = m_dir.filePath("many");
        const QString out = m_dir.filePath("many-out");
        QProcess p;
        interruptLongRun(p, in, out, {"--workers", "2", "--format", "png", "--filter", "unsharp_mask"}, 3, SIGKILL);
        const QStringList finals = QDir(out).entryList(QDir::Files);
        QVERIFY(finals.size() < 60);
        for (const QString &name : finals) {
            const QByteArray bytes = test::readFile(out + "/" + name);
            QVERIFY2(!test::openCvDecode(bytes).empty(), qPrintable(name));
            QVERIFY2(bytes.endsWith(QByteArray("IEND\xae\x42\x60\x82", 8)), qPrintable(name)); // complete PNG
        }
        const Run again = cli({in, "-o", out, "--workers", "2", "--format", "png", "--filter", "unsharp_mask",
                               "--resume"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("inputs already written by the interrupted run were kept"), qPrintable(again.err));
        const QStringList all = QDir(out).entryList(QDir::Files);
        QCOMPARE(all.size(), 60); // the default rename policy would have added *_1.png copies
        QVERIFY(all.filter("_1.png").isEmpty());
        QVERIFY(QFileInfo::exists(m_dir.filePath("data/pixelmill/journal.sqlite")));
        // Resuming a batch that already completed redoes nothing.
        const Run again2 = cli({in, "-o", out, "--workers", "2", "--format", "png", "--filter", "unsharp_mask",
                                "--resume"});
        QCOMPARE(again2.exitCode, 0);
        QVERIFY2(again2.err.contains("60 inputs: 0 written, 60 skipped"), qPrintable(again2.err));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 60);
    }

    // An output a kill left unrecorded is kept by --resume only when it can be
    // nobody else's: b's numbered name must not be taken for a's finished one.
    void resumeNeverTakesAnotherInputsOutput()
    {
        const QString in = m_dir.filePath("unrecorded");
        QVERIFY(QDir().mkpath(in + "/a") && QDir().mkpath(in + "/b"));
        test::writeImage(in + "/a/IMG.jpg", test::syntheticImage(64, 48));
        test::writeImage(in + "/b/IMG.jpg", test::syntheticImage(80, 60));
        const QString out = m_dir.filePath("unrecorded-out");
        const QStringList args{in, "-o", out, "--format", "png"};
        QCOMPARE(cli(args).exitCode, 0);
        QCOMPARE(cv::imread((out + "/IMG_1.png").toStdString()).cols, 80);

        // Killed before b was written: a's IMG.png, at b's wanted name, is not b's.
        QVERIFY(QFile::remove(out + "/IMG_1.png"));
        unrecord({in + "/b/IMG.jpg"});
        const Run redone = cli(args + QStringList{"--resume"});
        QVERIFY2(redone.err.contains("2 inputs: 1 written, 1 skipped"), qPrintable(redone.err));
        QCOMPARE(cv::imread((out + "/IMG_1.png").toStdString()).cols, 80);

        // Killed after b's rename: its IMG_1.png is kept, not written again.
        unrecord({in + "/b/IMG.jpg"});
        const Run kept = cli(args + QStringList{"--resume"});
        QVERIFY2(kept.err.contains("2 inputs: 0 written, 2 skipped"), qPrintable(kept.err));
        QVERIFY2(!kept.err.contains("no images found"), qPrintable(kept.err));
        QCOMPARE(QDir(out).entryList(QDir::Files), (QStringList{"IMG.png", "IMG_1.png"}));

        // Both unrecorded: which file is whose cannot be told, so both run again
        // (two more files, no image lost).
        unrecord({in + "/a/IMG.jpg", in + "/b/IMG.jpg"});
        const Run both = cli(args + QStringList{"--resume"});
        QVERIFY2(both.err.contains("2 inputs: 2 written"), qPrintable(both.err));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 4);
    }

    // Forty cards' IMG_0001.jpg flattened into one folder, killed mid-batch, and
    // one output's journal entry lost as a kill between rename and commit loses
    // it: the intent log still says whose that file is. The resumed run ends
    // with one output per input, none twice.
    void killedRunOfSameNamedInputsEndsWithOneOutputEach()
    {
        const QString in = m_dir.filePath("same-named");
        const int count = 40;
        for (int i = 0; i < count; ++i) {
            const QString card = in + QStringLiteral("/card%1").arg(i, 2, 10, QLatin1Char('0'));
            QVERIFY(QDir().mkpath(card));
            test::writeImage(card + "/IMG_0001.jpg", test::syntheticImage(1200 + i, 900));
        }
        const QString out = m_dir.filePath("same-named-out");
        const QStringList args{in, "-o", out, "--workers", "2", "--format", "png", "--filter", "unsharp_mask"};
        QProcess p;
        stopOnceWritten(p, args, out, 3, SIGKILL);
        QString forgotten;
        qint64 batchId = -1;
        {
            BatchJournal journal;
            QVERIFY(journal.open(m_dir.filePath("data/pixelmill/journal.sqlite"), nullptr));
            const std::optional<InterruptedBatch> batch = journal.newestInterrupted("cli");
            QVERIFY(batch);
            batchId = batch->id;
            for (const InterruptedBatch::Entry &e : batch->jobs) {
                if (e.status == QLatin1String("written") && QFileInfo::exists(e.output))
                    forgotten = e.input;
            }
        }
        QVERIFY(!forgotten.isEmpty());
        QVERIFY(QDir(out).entryList(QDir::Files).size() < count);
        unrecord({forgotten});

        const Run resumed = cli(args + QStringList{"--resume"});
        QCOMPARE(resumed.exitCode, 0);
        QList<int> widths;
        for (const QString &name : QDir(out).entryList(QDir::Files))
            widths << cv::imread((out + "/" + name).toStdString(), cv::IMREAD_UNCHANGED).cols;
        std::sort(widths.begin(), widths.end());
        QList<int> expected;
        for (int i = 0; i < count; ++i)
            expected << 1200 + i;
        QCOMPARE(widths, expected);
        BatchJournal journal; // the kept output is in the journal now, the log being gone
        QVERIFY(journal.open(m_dir.filePath("data/pixelmill/journal.sqlite"), nullptr));
        const std::optional<InterruptedBatch> finished = journal.batch(batchId);
        QVERIFY(finished && !finished->intendedOutputs);
        for (const InterruptedBatch::Entry &e : finished->jobs)
            QVERIFY2(e.status == QLatin1String("written"), qPrintable(e.input + ": " + e.status));
    }

    // {counter} is an input's place in the batch: a resumed run must not number
    // the inputs left over from 1 again (their names would clash with the first run's).
    void resumeKeepsEachInputsCounter()
    {
        const QString in = m_dir.filePath("counted");
        QVERIFY(QDir().mkpath(in));
        for (int i = 1; i <= 4; ++i)
            test::writeImage(in + QStringLiteral("/p%1.jpg").arg(i), test::syntheticImage(40 + i, 30));
        const QString out = m_dir.filePath("counted-out");
        const QStringList args{in, "-o", out, "--format", "png", "--name", "{counter:02}"};
        QCOMPARE(cli(args).exitCode, 0);
        const QStringList all{"01.png", "02.png", "03.png", "04.png"};
        QCOMPARE(QDir(out).entryList(QDir::Files), all);
        const int width3 = cv::imread((out + "/03.png").toStdString()).cols;
        QVERIFY(QFile::remove(out + "/03.png"));
        unrecord({in + "/p3.jpg"});
        const Run resumed = cli(args + QStringList{"--resume"});
        QVERIFY2(resumed.err.contains("4 inputs: 1 written, 3 skipped"), qPrintable(resumed.err));
        QCOMPARE(QDir(out).entryList(QDir::Files), all);
        QCOMPARE(cv::imread((out + "/03.png").toStdString()).cols, width3);
    }

    // A file that crashes a decoder would crash every --resume again: the crash
    // leaves its name behind, and the resumed run fails it alone.
    void resumeFailsTheFileARunCrashedOn()
    {
        const QString in = m_dir.filePath("crashing");
        const QString out = m_dir.filePath("crashing-out");
        const QStringList options{"--workers", "2", "--format", "png", "--filter", "unsharp_mask"};
        QProcess p;
        interruptLongRun(p, in, out, options, 2, SIGKILL);
        QString culprit;
        {
            BatchJournal journal;
            QVERIFY(journal.open(m_dir.filePath("data/pixelmill/journal.sqlite"), nullptr));
            const std::optional<InterruptedBatch> batch = journal.newestInterrupted("cli");
            QVERIFY(batch);
            // Not one whose output the kill caught between its rename and its
            // journal entry: the resumed run rightly keeps such an output.
            for (const InterruptedBatch::Entry &e : batch->jobs) {
                const QString output = out + "/" + QFileInfo(e.input).completeBaseName() + ".png";
                if (e.status == QLatin1String("queued") && culprit.isEmpty() && !QFileInfo::exists(output))
                    culprit = e.input;
            }
            QVERIFY(!culprit.isEmpty());
            journal.begin(batch->key, true); // as the crashed run had it
            QVERIFY(test::crashWhileProcessing(culprit, SIGSEGV));
        }
        const Run resumed = cli(QStringList{in, "-o", out, "--resume"} + options);
        QCOMPARE(resumed.exitCode, 1);
        QVERIFY2(resumed.err.contains("failed: " + culprit + ": Pixelmill crashed while processing this file"),
                 qPrintable(resumed.err));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 59);
        // That run finished the batch: like any failed file, the next --resume tries it
        // again (the decoder may have been fixed); it did not really crash, so it is written.
        const Run again = cli(QStringList{in, "-o", out, "--resume"} + options);
        QVERIFY2(again.err.contains("60 inputs: 1 written, 59 skipped, 0 failed"), qPrintable(again.err));
    }

    static QProcessEnvironment crashingOn(const QString &fileName)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PIXELMILL_CRASH_ON_INPUT", fileName);
        return env;
    }

    // A decoder that crashes on one file must not end the batch: the command
    // goes on without that file, and only that file, and reports the whole batch.
    void aCrashOnOneFileLeavesOnlyThatFileOut()
    {
        const QString in = m_dir.filePath("crash-one");
        const QString out = m_dir.filePath("crash-one-out");
        const QString report = m_dir.filePath("crash-one.json");
        test::writePhotos(in, 30);
        const QString culprit = in + "/img07.jpg";
        const Run r = cli({in, "-o", out, "--workers", "2", "--format", "png", "--report", report},
                          crashingOn("img07.jpg"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("pixelmill-cli: crashed while processing " + culprit + "; the batch goes on without it"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("failed: " + culprit + ": Pixelmill crashed while processing this file"),
                 qPrintable(r.err));
        // The other worker's file, in flight at the crash, is not blamed: it is written.
        QVERIFY2(r.err.contains("30 inputs: 29 written, 0 skipped, 1 failed"), qPrintable(r.err));
        // The progress goes on counting the whole batch, not from 1 again.
        QVERIFY2(r.err.contains(QStringLiteral("[30/30] written ")), qPrintable(r.err));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 29); // no temporaries left
        const QJsonObject json = readJson(report);
        QCOMPARE(json["summary"].toObject()["written"].toInt(), 29);
        QSet<QString> inputs;
        for (const QJsonValue &job : json["jobs"].toArray()) {
            const QJsonObject o = job.toObject();
            inputs.insert(o["input"].toString());
            QCOMPARE(o["status"].toString(), o["input"].toString() == culprit ? "failed" : "written");
        }
        QCOMPARE(inputs.size(), 30);
    }

    // Two bad files side by side crash two workers at once: both are blamed
    // and left out, and the command still goes on (the second crash must not
    // meet the default action while the first is being dealt with).
    void twoCrashesAtOnceBothGoOn()
    {
        const QString in = m_dir.filePath("crash-two");
        const QString out = m_dir.filePath("crash-two-out");
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(1200, 900), 95);
        for (const char *card : {"a", "b"}) {
            QDir().mkpath(in + "/" + card);
            test::writeFile(in + "/" + card + "/bad.jpg", jpeg);
            test::writeFile(in + "/" + card + "/good.jpg", jpeg);
        }
        // The two bad files first: the two workers start on them together.
        const Run r = cli({in + "/a/bad.jpg", in + "/b/bad.jpg", in + "/a/good.jpg", in + "/b/good.jpg", "-o", out,
                           "--workers", "2", "--format", "png"},
                          crashingOn("bad.jpg"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("4 inputs: 2 written, 0 skipped, 2 failed"), qPrintable(r.err));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden), (QStringList{"good.png", "good_1.png"}));
    }

    // The command that takes over after a crash still stops on Ctrl+C, as the
    // first did, and says what it cancelled.
    void theCommandGoingOnAfterACrashStopsOnCtrlC()
    {
        const QString in = m_dir.filePath("crash-interrupted");
        const QString out = m_dir.filePath("crash-interrupted-out");
        test::writePhotos(in, 60);
        QProcess p;
        p.setProcessEnvironment(crashingOn("img01.jpg"));
        p.start(qEnvironmentVariable("PIXELMILL_CLI"),
                {in, "-o", out, "--workers", "2", "--format", "png", "--filter", "unsharp_mask"});
        QVERIFY(p.waitForStarted());
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError())).contains("goes on without it"),
                                 60000);
        const int before = int(QDir(out).entryList(QDir::Files).size());
        QTRY_VERIFY_WITH_TIMEOUT(QDir(out).entryList(QDir::Files).size() > before, 60000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished());
        err += QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(err.contains(" canceled in "), qPrintable(err));
    }

    // Ctrl+C cancels what is left; the summary's speed counts only what was done.
    void interruptedRunReportsTheSpeedOfWhatItDid()
    {
        QProcess p;
        interruptLongRun(p, m_dir.filePath("interrupted"), m_dir.filePath("interrupted-out"),
                         {"--workers", "1", "--format", "png", "--filter", "unsharp_mask", "-q"}, 2, SIGINT);
        QCOMPARE(p.exitCode(), 130);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        static const QRegularExpression summary(
            QStringLiteral("60 inputs: (\\d+) written, 0 skipped, 0 failed, (\\d+) canceled in ([\\d.]+) s \\(([\\d.]+) img/s\\)"));
        const QRegularExpressionMatch m = summary.match(err);
        QVERIFY2(m.hasMatch(), qPrintable(err));
        const int written = m.captured(1).toInt();
        QVERIFY(written >= 2 && written < 60);
        QCOMPARE(written + m.captured(2).toInt(), 60);
        const double expected = written / m.captured(3).toDouble();
        // Both figures are rounded in print (seconds to 0.01).
        QVERIFY2(qAbs(m.captured(4).toDouble() - expected) <= 0.05 + expected * 0.05, qPrintable(err));
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
        // A cut TIFF sends Qt's probe and libtiff looking past the end; a cut BMP makes OpenCV throw.
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
        QVERIFY2(r.err.contains("failed: " + in + "/cut.bmp: "), qPrintable(r.err));
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

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// End-to-end: the real pixelmill-cli killed, interrupted, crashing, and resumed.
#include "engine/journal/batchjournal.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"
#include "tests/cli/clitestbase.h"
#include "tests/common/testutils.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace pixelmill;

// The crashing child of one test would otherwise run Qt Test's debugger-driven stack dump.
static const bool g_noStackDumps = qputenv("QTEST_DISABLE_STACK_DUMP", "1");

class TestCliResume final : public test::CliTestBase
{
    Q_OBJECT

private:
    struct KilledRun
    {
        QString in;
        QString out;
        QStringList options;
        QStringList args() const { return QStringList{in, "-o", out} + options; }
    };

    // Sixty photos in <name>, written as sharpened PNGs to <name>-out by two
    // workers, and the run killed with SIGKILL once `before` outputs exist.
    KilledRun killSlowRun(const QString &name, int before)
    {
        KilledRun run{m_dir.filePath(name), m_dir.filePath(name + "-out"),
                      {"--workers", "2", "--format", "png", "--filter", "unsharp_mask"}};
        QProcess p;
        interruptLongRun(p, run.in, run.out, run.options, before, SIGKILL);
        return run;
    }

private slots:
    void initTestCase() { useScratchJournal(); }

    // kill -9 mid-batch: whatever carries a final name is a complete image, and
    // --resume finishes the rest without doing anything twice.
    void killedMidBatchLeavesNoCorruptOutput()
    {
        const KilledRun killed = killSlowRun("many", 3);
        const QString &out = killed.out;
        const QStringList finals = QDir(out).entryList(QDir::Files);
        QVERIFY(finals.size() < 60);
        for (const QString &name : finals) {
            const QByteArray bytes = test::readFile(out + "/" + name);
            QVERIFY2(!test::openCvDecode(bytes).empty(), qPrintable(name));
            QVERIFY2(bytes.endsWith(QByteArray("IEND\xae\x42\x60\x82", 8)), qPrintable(name)); // complete PNG
        }
        const Run again = cli(killed.args() + QStringList{"--resume"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("inputs already written by an earlier run of this command were kept"), qPrintable(again.err));
        const QStringList all = QDir(out).entryList(QDir::Files);
        QCOMPARE(all.size(), 60); // the default rename policy would have added *_1.png copies
        QVERIFY(all.filter("_1.png").isEmpty());
        QVERIFY(QFileInfo::exists(journalPath()));
        // Resuming a batch that already completed redoes nothing.
        const Run again2 = cli(killed.args() + QStringList{"--resume"});
        QCOMPARE(again2.exitCode, 0);
        QVERIFY2(again2.err.contains("60 inputs: 0 written, 60 skipped"), qPrintable(again2.err));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 60);
    }

    // The same command again without --resume does everything again (numbered
    // copies under the default policy): it says so before it starts, once.
    void runningAgainWithoutResumeSaysWhatResumeWouldKeep()
    {
        const KilledRun killed = killSlowRun("again", 3);
        // The journal records a result just after its file appears: the kill may
        // leave fewer recorded than there are files. The note counts the records.
        const int recorded = test::writtenInLatestBatch(journalPath());
        QVERIFY(recorded >= 0 && recorded < 60);
        const Run rerun = cli(killed.args());
        QCOMPARE(rerun.exitCode, 0);
        const QRegularExpression note(R"(note: the last run of this command \(.+\) stopped after writing outputs )"
                                      R"(for (\d+) of its (\d+) inputs; this run does every input again\. )"
                                      R"(To keep those and do only the rest: Ctrl\+C, then the same command with --resume)");
        const QRegularExpressionMatch match = note.match(rerun.err);
        if (recorded == 0) { // nothing a --resume would keep: nothing to say
            QVERIFY2(!rerun.err.contains("note: the last run"), qPrintable(rerun.err));
        } else {
            QVERIFY2(match.hasMatch(), qPrintable(rerun.err));
            QCOMPARE(match.captured(1).toInt(), recorded);
            QCOMPARE(match.captured(2).toInt(), 60);
        }
        QVERIFY(rerun.err.contains("60 inputs: 60 written"));

        // The last run finished: nothing to resume, nothing to say.
        const Run third = cli(killed.args());
        QVERIFY2(!third.err.contains("note:"), qPrintable(third.err));
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

    // The same, for a name that is not UTF-8: the output folder is read by its
    // bytes, or the finished output would look like no one's and be made again.
    void resumeFindsAnUnrecordedOutputWhoseNameIsNotUtf8()
    {
        const QString in = m_dir.filePath("latin1");
        QVERIFY(QDir().mkpath(in));
        const QString photo = pathFromNative(QFile::encodeName(in) + "/caf\xe9.jpg");
        test::writeImage(photo, test::syntheticImage(64, 48));
        const QString out = m_dir.filePath("latin1-out");
        const QStringList args{in, "-o", out, "--format", "png"};
        QCOMPARE(cli(args).exitCode, 0);
        unrecord({photo});
        const Run kept = cli(args + QStringList{"--resume"});
        QVERIFY2(kept.err.contains("1 inputs: 0 written, 1 skipped"), qPrintable(kept.err));
        QStringList outputs;
        QVERIFY(listFolderNames(out, outputs));
        QCOMPARE(outputs, QStringList{pathFromNative("caf\xe9.png")});
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
            QVERIFY(journal.open(journalPath(), nullptr));
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
        QVERIFY(journal.open(journalPath(), nullptr));
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
        const KilledRun killed = killSlowRun("crashing", 2);
        const QString &out = killed.out;
        QString culprit;
        {
            BatchJournal journal;
            QVERIFY(journal.open(journalPath(), nullptr));
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
        const Run resumed = cli(killed.args() + QStringList{"--resume"});
        QCOMPARE(resumed.exitCode, 1);
        QVERIFY2(resumed.err.contains("failed: " + culprit + ": Pixelmill crashed while processing this file"),
                 qPrintable(resumed.err));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 59);
        // That run finished the batch: like any failed file, the next --resume tries it
        // again (the decoder may have been fixed); it did not really crash, so it is written.
        const Run again = cli(killed.args() + QStringList{"--resume"});
        QVERIFY2(again.err.contains("60 inputs: 1 written, 59 skipped, 0 failed"), qPrintable(again.err));
    }

    static QProcessEnvironment crashingOn(const QString &fileName)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PIXELMILL_CRASH_ON_INPUT", fileName);
        return env;
    }

    // The crash line, written from the signal handler, escapes the name as
    // every other console line does.
    void theCrashLineEscapesTheName()
    {
        const QString in = m_dir.filePath("crash-named");
        test::writePhotos(in, 3);
        QVERIFY(QFile::rename(in + "/img01.jpg", in + "/bad\n\x1b[2Jname.jpg"));
        const Run r = cli({in, "-o", m_dir.filePath("crash-named-out"), "--workers", "1"},
                          crashingOn("bad\n\x1b[2Jname.jpg"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("pixelmill-cli: crashed while processing " + in
                                + "/bad\\n\\x1b[2Jname.jpg; the batch goes on without it\n"),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(QChar(0x1b)), qPrintable(r.err));
        QVERIFY2(r.err.contains("3 inputs: 2 written, 0 skipped, 1 failed"), qPrintable(r.err));
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
};

QTEST_GUILESS_MAIN(TestCliResume)
#include "tst_cliresume.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/batchjournal.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/nativepath.h"
#include "engine/worker/memorybudget.h"
#include "engine/worker/workerpool.h"
#include "tests/common/testutils.h"
#include "ui/batchcontroller.h"
#include "ui/common/outputplandialog.h"
#include "ui/mainwindow.h"
#include "ui/preview/previewpane.h"
#include "ui/queue/jobqueuemodel.h"
#include "ui/queue/onscreenjobs.h"
#include "ui/queue/thumbnailloader.h"
#include "ui/settings/exportoptionsform.h"
#include "ui/settings/filterchaineditor.h"
#include "ui/settings/filterparamform.h"
#include "ui/settings/settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QMessageBox>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

#include <csignal>
#include <functional>

using namespace pixelmill;

// The crashing child of one test would otherwise run Qt Test's debugger-driven stack dump.
static const bool g_noStackDumps = qputenv("QTEST_DISABLE_STACK_DUMP", "1");

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;
    test::TemporaryDir m_dir;
    QString m_photos;

    void drop(MainWindow &window, const QStringList &paths)
    {
        QList<QUrl> urls;
        for (const QString &p : paths)
            urls << QUrl::fromLocalFile(p);
        QMimeData mime;
        mime.setUrls(urls);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QSignalSpy scanned(&window, &MainWindow::scanFinished);
        QApplication::sendEvent(&window, &dropEvent);
        QVERIFY(scanned.wait(10000));
    }


    // Each row's file name -> "State: error warnings", as the queue shows them.
    static QHash<QString, QString> rowOutcomes(const MainWindow &window)
    {
        QHash<QString, QString> outcome;
        for (int row = 0; row < window.model()->rowCount(); ++row) {
            const QModelIndex i = window.model()->index(row, 0);
            const QString state = rowStateText(RowState(i.data(JobQueueModel::StateRole).toInt()));
            outcome.insert(i.data().toString(), state + ": " + i.data(JobQueueModel::ErrorRole).toString() + " "
                                                    + i.data(JobQueueModel::WarningsRole).toStringList().join(' '));
        }
        return outcome;
    }

    // Six photos for a slow chain on one worker: the batch still runs when its first job ends.
    QString sixPhotos(const QString &folder)
    {
        const QString in = m_dir.filePath(folder);
        QDir().mkpath(in);
        for (int i = 0; i < 6; ++i)
            test::writeImage(in + QStringLiteral("/img%1.jpg").arg(i), test::syntheticImage(900, 600));
        return in;
    }

    // Starts the queued batch and ends it with `stop` once its first job is done.
    void stopAfterTheFirstJob(MainWindow &window, WorkerPool &pool, const std::function<void()> &stop)
    {
        QSignalSpy finishedJobs(&pool, &WorkerPool::jobFinished);
        QSignalSpy finishedBatch(&pool, &WorkerPool::batchFinished);
        window.startBatch();
        QVERIFY(finishedJobs.wait(30000));
        stop();
        QVERIFY(finishedBatch.wait(30000));
    }

    AppSettings slowOneWorkerSettings(const MainWindow &window, const QString &outputDir)
    {
        AppSettings s = window.settings();
        s.workers = 1;
        s.exportOptions.outputDir = outputDir;
        s.chain = m_registry.normalized(FilterChain{FilterStep{"denoise", 1, true, {}}}).value;
        return s;
    }

    // A slow PNG batch of `in` whose window is closed after its first output:
    // an interrupted batch in `journal`, as the next start finds it.
    void closeWindowAfterTheFirstJob(const QString &in, const QString &out, const QString &journal,
                                     const QString &nameTemplate = ExportOptions().nameTemplate)
    {
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        window.batchController()->setJournalPath(journal);
        AppSettings s = slowOneWorkerSettings(window, out);
        s.exportOptions.format = ImageFormat::Png;
        s.exportOptions.nameTemplate = nameTemplate;
        window.applySettings(s);
        drop(window, {in});
        stopAfterTheFirstJob(window, pool, [&window] { window.batchController()->abandon(); }); // what closing does
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("PixelmillTest");
        registerBuiltinFilters(m_registry);
        m_photos = m_dir.filePath("photos");
        QDir().mkpath(m_photos + "/sub");
        test::writeImage(m_photos + "/one.jpg", test::syntheticImage(640, 480));
        test::writeImage(m_photos + "/two.png", test::syntheticImage(300, 200, CV_8U, 4));
        test::writeImage(m_photos + "/sub/three.jpg", test::syntheticImage(800, 400));
        test::writeFile(m_photos + "/broken.jpg", "not really a jpeg");
        test::writeFile(m_photos + "/notes.txt", "text");
        test::writeFile(m_photos + "/sub/layers.psd", "8BPS");
    }

    void droppedFolderQueuesExactlyItsImages()
    {
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        drop(window, {m_photos});
        QCOMPARE(window.model()->rowCount(), 4);
        QCOMPARE(window.lastScanMessage(), QStringLiteral("4 added, 1 skipped: not images, 1 skipped: Photoshop (PSD)"));
        drop(window, {m_photos + "/one.jpg", m_photos + "/sub"});
        QCOMPARE(window.model()->rowCount(), 4);
        QVERIFY(window.lastScanMessage().startsWith("0 added"));
        QVERIFY(window.lastScanMessage().contains("2 already queued"));
        // A path that went away between choosing and dropping: said once, with its reason.
        drop(window, {m_photos + "/gone", m_photos + "/notes.txt"});
        QCOMPARE(window.lastScanMessage(), QStringLiteral("0 added, 2 cannot be processed, see tooltip"));
        const QStringList details = window.lastScanDetails().split('\n');
        QCOMPARE(details.size(), 2);
        QCOMPARE(details.at(0), m_photos + "/gone: no such file or folder");
        QVERIFY(details.at(1).startsWith(m_photos + "/notes.txt: not an image"));
    }

    void outputFolderInsideADroppedFolderIsNotQueued()
    {
        const QString photos = m_dir.filePath("photos-with-output");
        QDir().mkpath(photos + "/web\nsite");
        test::writeImage(photos + "/one.jpg", test::syntheticImage(64, 48));
        test::writeImage(photos + "/web\nsite/one.jpg", test::syntheticImage(32, 24));
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.exportOptions.outputDir = photos + "/web\nsite";
        window.applySettings(s);
        drop(window, {photos}); // the folder's name holds a newline: the details show it escaped
        QCOMPARE(window.model()->rowCount(), 1);
        QCOMPARE(window.lastScanMessage(), QStringLiteral("1 added, output folder not scanned"));
        QVERIFY2(window.lastScanDetails().startsWith(photos + "/web\\nsite: the output folder, not scanned"),
                 qPrintable(window.lastScanDetails()));
    }

    void batchRunsToTheEndWithThumbnailsAndFiles()
    {
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.exportOptions.outputDir = m_dir.filePath("out");
        s.chain = m_registry.normalized(FilterChain{FilterStep{"resize", 1, true, {{"long_edge", 200}}}}).value;
        window.applySettings(s);
        drop(window, {m_photos, m_photos + "/gone"});
        QSignalSpy finished(&pool, &WorkerPool::batchFinished);
        window.startBatch();
        QVERIFY(finished.wait(30000));
        JobQueueModel *model = window.model();
        QCOMPARE(model->countInState(RowState::Done), 3);
        QCOMPARE(model->countInState(RowState::Failed), 1);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex i = model->index(row, 0);
            if (RowState(i.data(JobQueueModel::StateRole).toInt()) != RowState::Done) {
                QVERIFY(i.data(JobQueueModel::ErrorRole).toString().contains("not an image"));
                continue;
            }
            QVERIFY(!i.data(JobQueueModel::OutputThumbnailRole).value<QImage>().isNull());
            QVERIFY(QFileInfo::exists(i.data(JobQueueModel::OutputPathRole).toString()));
        }
        QCOMPARE(QDir(m_dir.filePath("out")).entryList(QDir::Files).size(), 3);
        auto *overall = window.findChild<QProgressBar *>("overallProgress");
        QVERIFY(overall);
        QCOMPARE(overall->value(), overall->maximum());
        QCOMPARE(window.findChild<QLabel *>("batchCounts")->text(), QStringLiteral("3 done · 1 failed · 4 total"));
        auto *summary = window.findChild<QMessageBox *>("batchSummary");
        QVERIFY(summary);
        // Every row finished, but a path given was never there: the end says so too.
        QVERIFY2(summary->text().contains("1 path(s) given could not be processed"), qPrintable(summary->text()));
        QVERIFY(summary->detailedText().contains(m_photos + "/gone: no such file or folder"));
        QCOMPARE(summary->icon(), QMessageBox::Warning);
        summary->close();
    }

    void onlyRowsOnScreenGetThumbnailsFromTheWorkers()
    {
        const QString in = m_dir.filePath("many");
        QDir().mkpath(in);
        for (int i = 0; i < 40; ++i)
            test::writeImage(in + QStringLiteral("/img%1.jpg").arg(i, 2, 10, QLatin1Char('0')),
                test::syntheticImage(320, 240));
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.exportOptions.outputDir = m_dir.filePath("many-out");
        window.applySettings(s);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        drop(window, {in});
        const auto [first, last] = OnScreenJobs::rowsOnScreen(*window.tableView());
        QCOMPARE(first, 0);
        QVERIFY2(last > 2 && last < 30, qPrintable(QString::number(last)));
        QSignalSpy jobs(&pool, &WorkerPool::jobFinished);
        QSignalSpy finished(&pool, &WorkerPool::batchFinished);
        // Held until the window has looked at its rows: jobs it has not seen yet make
        // their thumbnail, and these small ones could all end before it looks.
        pool.pause();
        window.startBatch();
        QTest::qWait(20);
        pool.resume();
        QVERIFY(finished.wait(30000));
        JobQueueModel *model = window.model();
        QCOMPARE(jobs.count(), 40);
        QSize madeInMemory;
        for (const QList<QVariant> &signal : std::as_const(jobs)) {
            const auto result = signal.at(0).value<JobResult>();
            const int row = model->rowForJob(result.id);
            QCOMPARE(result.status, JobStatus::Written);
            QVERIFY2(result.thumbnail.isNull() == (row > last), qPrintable(QString::number(row)));
            if (!result.thumbnail.isNull())
                madeInMemory = result.thumbnail.size();
        }
        // Scrolled to, a row shows its output read from the file.
        window.findChild<QMessageBox *>("batchSummary")->close();
        window.tableView()->scrollToBottom();
        const QModelIndex bottom = model->index(39, 0);
        QTRY_VERIFY(!bottom.data(JobQueueModel::OutputThumbnailRole).value<QImage>().isNull());
        QCOMPARE(bottom.data(JobQueueModel::OutputThumbnailRole).value<QImage>().size(), madeInMemory);
    }

    // "100 % done" with files missing is what users of other tools complain of.
    void aCancelledBatchDoesNotEndAtFullProgress()
    {
        const QString in = sixPhotos("cancel-in");
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        const AppSettings s = slowOneWorkerSettings(window, m_dir.filePath("cancel-out"));
        window.applySettings(s);
        drop(window, {in});
        stopAfterTheFirstJob(window, pool, [&window] { window.batchController()->cancel(); });
        const int written = QDir(s.exportOptions.outputDir).entryList(QDir::Files).size();
        QVERIFY(written >= 1 && written < 6);
        auto *overall = window.findChild<QProgressBar *>("overallProgress");
        QCOMPARE(overall->maximum(), 6);
        QCOMPARE(overall->value(), written);
        QCOMPARE(window.findChild<QLabel *>("batchCounts")->text(),
                 QStringLiteral("%1 done · 0 failed · %2 cancelled · 6 total").arg(written).arg(6 - written));
        if (QWidget *summary = window.findChild<QWidget *>("batchSummary"))
            summary->close();
    }

    // The GUI shows the same plan as `pixelmill-cli --dry-run`, and writes nothing.
    void outputPlanShowsClashesBeforeAnythingIsWritten()
    {
        const QString in = m_dir.filePath("clash");
        const QString out = m_dir.filePath("clash-out");
        QDir().mkpath(in + "/trip");
        QDir().mkpath(out);
        test::writeImage(in + "/a.jpg", test::syntheticImage(64, 48));
        test::writeImage(in + "/trip/a.jpg", test::syntheticImage(64, 48));
        test::writeImage(in + "/b.jpg", test::syntheticImage(64, 48));
        test::writeImage(out + "/b.png", test::syntheticImage(8, 8)); // someone's earlier file
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.exportOptions.outputDir = out;
        s.exportOptions.format = ImageFormat::Png;
        s.exportOptions.nameTemplate = "{name}.{ext}";
        s.exportOptions.overwrite = OverwritePolicy::Rename;
        window.applySettings(s);
        drop(window, {in});
        OutputPlanDialog *plan = window.showOutputPlan();
        QVERIFY(plan);
        QTRY_VERIFY_WITH_TIMEOUT(plan->isPlanned(), 10000);
        QCOMPARE(plan->tree()->topLevelItemCount(), 3);
        QVERIFY2(plan->summaryText().startsWith("3 image(s): 1 name clash(es), 2 renamed, 0 overwrite(s), 0 skipped"),
                 qPrintable(plan->summaryText()));
        const QTreeWidgetItem *clash = plan->tree()->findItems(in + "/trip/a.jpg", Qt::MatchExactly).value(0);
        QVERIFY(clash);
        QCOMPARE(clash->text(1), out + "/a_1.png");
        QVERIFY(clash->text(2).startsWith("CLASH: same name as " + in + "/a.jpg"));
        plan->problemsOnlyBox()->setChecked(true);
        QCOMPARE(plan->visibleRows(), 2); // the clash and the rename around the existing b.png
        QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{"b.png"});
        plan->close();
    }

    // A file that crashed the window's batch would crash every resume again: it
    // is left out with its reason, and the rest is finished.
    void resumeLeavesOutTheFileTheBatchCrashedOn()
    {
        const QString in = sixPhotos("crash-in");
        const QString out = m_dir.filePath("crash-out");
        const QString journal = m_dir.filePath("crash-journal.sqlite");
        closeWindowAfterTheFirstJob(in, out, journal);
        QString culprit;
        {
            BatchJournal crashed; // what the crashed process had open
            QVERIFY(crashed.open(journal, nullptr));
            const std::optional<InterruptedBatch> batch = crashed.newestInterrupted("gui");
            QVERIFY(batch);
            for (const InterruptedBatch::Entry &e : batch->jobs) {
                if (e.status == QLatin1String("queued") && culprit.isEmpty())
                    culprit = e.input;
            }
            crashed.begin(batch->key, true, "gui", batch->preset);
            QVERIFY(test::crashWhileProcessing(culprit, SIGSEGV));
        }
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        window.batchController()->setJournalPath(journal);
        const std::optional<InterruptedBatch> interrupted = window.batchController()->interruptedBatch();
        QVERIFY(interrupted);
        QCOMPARE(interrupted->crashedInputs, QStringList{culprit});
        QVERIFY(window.offerResume());
        const auto *offer = window.findChild<QMessageBox *>("resumeOffer");
        QVERIFY(offer);
        QVERIFY2(offer->text().endsWith("will be processed.\n1 file(s) that Pixelmill crashed on will be left out."),
                 qPrintable(offer->text()));
        QSignalSpy finishedBatch(&pool, &WorkerPool::batchFinished);
        window.resumeBatch(*interrupted);
        QVERIFY(finishedBatch.wait(60000));
        QVERIFY2(window.lastScanMessage().endsWith(", 1 left out (Pixelmill crashed while processing them), see tooltip"),
                 qPrintable(window.lastScanMessage()));
        QVERIFY2(window.lastScanDetails().startsWith(culprit + ": Pixelmill crashed while processing this file"),
                 qPrintable(window.lastScanDetails()));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 5);
        QVERIFY(!window.batchController()->interruptedBatch()); // finished now
        // The whole batch is shown and counted, not just what was left of it:
        // kept outputs as done rows, the file left out as a failed one.
        JobQueueModel *model = window.model();
        QCOMPARE(model->rowCount(), 6);
        int done = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            const auto state = RowState(index.data(JobQueueModel::StateRole).toInt());
            if (index.data(JobQueueModel::PathRole).toString() == culprit) {
                QCOMPARE(state, RowState::Failed);
                QVERIFY(index.data(JobQueueModel::ErrorRole).toString().startsWith("Pixelmill crashed"));
            } else {
                QCOMPARE(state, RowState::Done);
                QVERIFY(QFileInfo(index.data(JobQueueModel::OutputPathRole).toString()).isFile());
                // Kept or not, a done row tells the picture's size like the others.
                const QString info = model->index(row, JobQueueModel::InfoColumn).data().toString();
                QVERIFY2(info.startsWith(QStringLiteral("900 × 600")), qPrintable(info));
                ++done;
            }
        }
        QCOMPARE(done, 5);
        QCOMPARE(window.findChild<QLabel *>("batchCounts")->text(), QStringLiteral("5 done · 1 failed · 6 total"));
        auto *summary = window.findChild<QMessageBox *>("batchSummary");
        QVERIFY(summary);
        QVERIFY2(summary->text().startsWith("5 image(s) written"), qPrintable(summary->text()));
        QVERIFY2(summary->detailedText().contains(culprit + ": Pixelmill crashed while processing this file"),
                 qPrintable(summary->detailedText()));
        summary->close();
    }

    // A kill between an output's rename and its journal entry: resuming keeps that
    // output instead of writing a second copy, and every input keeps its {counter}.
    void resumeKeepsUnrecordedOutputsAndCounters()
    {
        const QString in = sixPhotos("unrecorded-in");
        const QString out = m_dir.filePath("unrecorded-out");
        const QString journal = m_dir.filePath("unrecorded-journal.sqlite");
        closeWindowAfterTheFirstJob(in, out, journal, "{counter:02}_{name}");
        const QStringList firstRun = QDir(out).entryList(QDir::Files);
        QVERIFY(!firstRun.isEmpty() && firstRun.size() < 6);
        QVERIFY(firstRun.contains("01_img0.png"));
        QVERIFY(test::unrecord(journal, {in + "/img0.jpg"}));

        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        window.batchController()->setJournalPath(journal);
        const std::optional<InterruptedBatch> interrupted = window.batchController()->interruptedBatch();
        QVERIFY(interrupted);
        QSignalSpy finishedBatch(&pool, &WorkerPool::batchFinished);
        window.resumeBatch(*interrupted);
        QVERIFY(finishedBatch.wait(60000));
        QCOMPARE(window.lastScanMessage(), QStringLiteral("Resumed: %1 finished image(s) kept, %2 queued again")
                                               .arg(firstRun.size())
                                               .arg(6 - firstRun.size()));
        QCOMPARE(QDir(out).entryList(QDir::Files),
                 (QStringList{"01_img0.png", "02_img1.png", "03_img2.png", "04_img3.png", "05_img4.png",
                              "06_img5.png"}));
        BatchJournal recorded; // the kept output is in the journal now
        QVERIFY(recorded.open(journal, nullptr));
        const std::optional<InterruptedBatch> finished = recorded.batch(interrupted->id);
        QVERIFY(finished);
        for (const InterruptedBatch::Entry &e : finished->jobs)
            QVERIFY2(e.status == QLatin1String("written"), qPrintable(e.input + ": " + e.status));
    }

    // A batch stopped by a closing window is offered back; resuming keeps the
    // finished outputs (those still there), redoes the rest, and makes no duplicates.
    void closedWindowBatchIsResumedWithoutDoingAnythingTwice()
    {
        const QString in = sixPhotos("resume-in");
        const QString out = m_dir.filePath("resume-out");
        const QString journal = m_dir.filePath("resume-journal.sqlite");
        closeWindowAfterTheFirstJob(in, out, journal);
        const QStringList firstRun = QDir(out).entryList(QDir::Files);
        QVERIFY(!firstRun.isEmpty() && firstRun.size() < 6);
        QVERIFY(QFile::remove(out + "/" + firstRun.first())); // the user deleted one output since

        { // New work dropped while the offer is up postpones it, the batch untouched.
            WorkerPool otherPool(m_registry);
            MainWindow other(m_registry, otherPool);
            other.batchController()->setJournalPath(journal);
            QVERIFY(other.offerResume());
            QPointer<QMessageBox> offer = other.findChild<QMessageBox *>("resumeOffer");
            QVERIFY(offer);
            drop(other, {m_photos});
            QTRY_VERIFY(!offer || !offer->isVisible());
            QCOMPARE(other.model()->rowCount(), 4);
            QVERIFY(other.batchController()->interruptedBatch());
        }

        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        window.batchController()->setJournalPath(journal);
        const std::optional<InterruptedBatch> interrupted = window.batchController()->interruptedBatch();
        QVERIFY(interrupted);
        QCOMPARE(interrupted->jobs.size(), 6);
        QVERIFY(window.offerResume());
        auto *offer = window.findChild<QMessageBox *>("resumeOffer");
        QVERIFY(offer);
        QCOMPARE(offer->windowModality(), Qt::NonModal); // drops on the window go through meanwhile
        QSignalSpy finishedBatch(&pool, &WorkerPool::batchFinished);
        window.resumeBatch(*interrupted);
        QCOMPARE(window.settings().chain.first().filterId, QStringLiteral("denoise")); // the batch's own settings
        QVERIFY(finishedBatch.wait(60000));
        QCOMPARE(window.lastScanMessage(), QStringLiteral("Resumed: %1 finished image(s) kept, %2 queued again")
                                               .arg(firstRun.size() - 1)
                                               .arg(6 - firstRun.size() + 1));
        QStringList names = QDir(out).entryList(QDir::Files);
        QCOMPARE(names.size(), 6);
        QVERIFY2(names.filter("_1.").isEmpty(), qPrintable(names.join(','))); // nothing written twice
        QVERIFY(!window.batchController()->interruptedBatch()); // finished now

        // The user's own Cancel ends a batch for good: it is not offered again.
        QVERIFY(QDir(out).removeRecursively());
        window.model()->removeFinished();
        drop(window, {in});
        QSignalSpy canceled(&pool, &WorkerPool::batchFinished);
        window.startBatch();
        window.batchController()->cancel();
        QVERIFY(canceled.wait(30000));
        QVERIFY(!window.batchController()->interruptedBatch());
        if (QWidget *summary = window.findChild<QWidget *>("batchSummary"))
            summary->close();
    }

    void hostileFilesShowTheirReasonInTheQueue()
    {
        const QString in = m_dir.filePath("hostile");
        QDir().mkpath(in);
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(200, 150));
        test::writeFile(in + "/good.jpg", jpeg);
        test::writeFile(in + "/truncated.jpg", jpeg.left(jpeg.size() / 2));
        test::writeFile(in + "/bomb.png", test::pngBombHeader(50000, 50000));
        test::writeFile(in + "/empty.jpg", {});
        test::writeFile(in + "/moving.gif", "GIF89a");
        test::writeFile(in + "/" + pathFromNative("caf\xe9.jpg"), jpeg); // not UTF-8
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.exportOptions.outputDir = m_dir.filePath("hostile-out");
        window.applySettings(s);
        drop(window, {in});
        QCOMPARE(window.model()->rowCount(), 6);
        QSignalSpy finished(&pool, &WorkerPool::batchFinished);
        window.startBatch();
        QVERIFY(finished.wait(30000));
        const QHash<QString, QString> outcome = rowOutcomes(window);
        QVERIFY(outcome["good.jpg"].startsWith("Done"));
        QVERIFY2(outcome["caf\\xe9.jpg"].startsWith("Done"), qPrintable(outcome.keys().join(','))); // shown escaped
        QVERIFY(test::existsNative(m_dir.filePath("hostile-out/") + pathFromNative("caf\xe9.png")));
        QVERIFY2(outcome["truncated.jpg"].startsWith("Done") && outcome["truncated.jpg"].contains("truncated"),
                 qPrintable(outcome["truncated.jpg"]));
        QVERIFY2(outcome["bomb.png"].contains("Failed: image is 50000×50000"), qPrintable(outcome["bomb.png"]));
        QVERIFY(outcome["empty.jpg"].contains("Failed: file is empty"));
        QVERIFY2(outcome["moving.gif"].contains("Failed"), qPrintable(outcome["moving.gif"]));
        // The end says which outputs carry a warning, not only which inputs failed.
        auto *summary = window.findChild<QMessageBox *>("batchSummary");
        QVERIFY(summary);
        QVERIFY2(summary->text().startsWith("3 image(s) written (1 with warnings), 3 failed"), qPrintable(summary->text()));
        QVERIFY2(summary->detailedText().contains(in + "/truncated.jpg: warning: JPEG is truncated"),
                 qPrintable(summary->detailedText()));
        summary->close();
    }

    void settingsDialogReachesThePool()
    {
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings automatic = window.settings();
        automatic.memoryLimitMiB = 0; // settings persist between runs of this test
        window.applySettings(automatic);
        SettingsDialog dialog(m_registry, window.settings());
        connect(&dialog, &SettingsDialog::applied, &window, &MainWindow::applySettings);
        QCOMPARE(pool.memoryLimit(), MemoryBudget::defaultLimit()); // "Automatic"
        QVERIFY(dialog.memoryLimitBox()->text().startsWith("Automatic"));
        dialog.workersBox()->setValue(3);
        dialog.memoryLimitBox()->setValue(512);
        dialog.chainEditor()->addStep("gamma");
        dialog.apply();
        QCOMPARE(pool.maxWorkers(), 3);
        QCOMPARE(pool.memoryLimit(), qint64(512) << 20);
        QCOMPARE(window.settings().chain.last().filterId, QStringLiteral("gamma"));
    }

    // Settings › Largest image reaches the jobs: a PNG past it is refused and
    // says where the limit is set; a JPEG past it at full size goes through
    // when the resize lets it decode smaller.
    void largestImageSettingReachesTheJobs()
    {
        const QString in = m_dir.filePath("largest");
        QDir().mkpath(in);
        test::writeImage(in + "/wide.png", test::syntheticImage(1600, 1000));
        test::writeImage(in + "/wide.jpg", test::syntheticImage(1600, 1000));
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        SettingsDialog dialog(m_registry, window.settings());
        connect(&dialog, &SettingsDialog::applied, &window, &MainWindow::applySettings);
        QCOMPARE(dialog.maxMegapixelsBox()->value(), kDefaultMaxMegapixels);
        dialog.maxMegapixelsBox()->setValue(1);
        dialog.apply();
        AppSettings s = window.settings();
        QCOMPARE(s.maxMegapixels, 1);
        s.chain = m_registry.normalized(FilterChain{FilterStep{"resize", 1, true, {{"long_edge", 400}}}}).value;
        s.exportOptions.outputDir = m_dir.filePath("largest-out");
        window.applySettings(s);
        drop(window, {in});
        QSignalSpy finished(&pool, &WorkerPool::batchFinished);
        window.startBatch();
        QVERIFY(finished.wait(30000));
        const QHash<QString, QString> outcome = rowOutcomes(window);
        QVERIFY2(outcome["wide.jpg"].startsWith("Done"), qPrintable(outcome["wide.jpg"]));
        QVERIFY2(outcome["wide.png"].contains("Failed: image is 1600×1000 (1.6 MP), over the limit of 1 MP "
                                              "(raise it in Settings"),
                 qPrintable(outcome["wide.png"]));
        s.maxMegapixels = kDefaultMaxMegapixels; // settings persist between runs of this test
        window.applySettings(s);
        if (QWidget *summary = window.findChild<QWidget *>("batchSummary"))
            summary->close();
    }

    // Thumbnails and the preview follow the same limit: raised, an image the
    // queue showed as "no preview" is read again when its row is shown.
    void raisingTheLargestImageSettingBringsMissingThumbnails()
    {
        const QString in = m_dir.filePath("largest-thumbs");
        QDir().mkpath(in);
        test::writeImage(in + "/wide.png", test::syntheticImage(1600, 1000));
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.maxMegapixels = 1;
        window.applySettings(s);
        drop(window, {in});
        const QModelIndex row = window.model()->index(0, JobQueueModel::NameColumn);
        QTRY_VERIFY(row.isValid());
        row.data(Qt::DecorationRole); // as a view showing the row asks
        QTRY_VERIFY(row.data(JobQueueModel::NoPreviewRole).toBool());
        s.maxMegapixels = 2;
        window.applySettings(s);
        QVERIFY(!row.data(JobQueueModel::NoPreviewRole).toBool());
        row.data(Qt::DecorationRole);
        QTRY_VERIFY(!row.data(JobQueueModel::InputThumbnailRole).value<QImage>().isNull());
        s.maxMegapixels = kDefaultMaxMegapixels; // settings persist between runs of this test
        window.applySettings(s);
    }

    void exportFormShowsAnExampleAndRejectsBadTemplates()
    {
        ExportOptionsForm form;
        ExportOptions o;
        o.outputDir = "/out";
        o.nameTemplate = "{counter:04}_{name}";
        form.setOptions(o);
        QCOMPARE(form.exampleText(), QStringLiteral("Example: /out/0042_IMG_0042.jpg"));
        QSignalSpy validity(&form, &ExportOptionsForm::validityChanged);
        o.nameTemplate = "{nmae}";
        form.setOptions(o);
        QVERIFY(!form.isValid());
        QVERIFY(form.exampleText().contains("position 1: unknown token {nmae}"));
    }

    void exportFormShowsEveryOptionItWasGiven()
    {
        ExportOptions o;
        o.outputDir = "/out";
        o.format = ImageFormat::Webp;
        o.jpegQuality = o.webpQuality = 61;
        o.jpegProgressive = true;
        o.jpegSubsampling = ChromaSubsampling::S444;
        o.pngCompression = 2;
        o.pngBitDepth = 16;
        o.webpLossless = true;
        o.webpEffort = 6;
        o.webpAlphaFilter = WebpAlphaFilter::Best;
        o.tiffCompression = TiffCompression::Deflate;
        o.nameTemplate = "{name}_x.{ext}";
        o.overwrite = OverwritePolicy::Skip;
        o.mirrorFolders = true;
        o.keepInputFormat = true;
        o.metadata = MetadataPolicy::StripLocation;
        o.keepIccProfile = false;
        ExportOptionsForm form;
        form.setOptions(o);
        QCOMPARE(form.options(), o);
    }

    void presetSaveThenLoadRestoresTheChain()
    {
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        AppSettings s = window.settings();
        s.chain = m_registry.normalized(FilterChain{FilterStep{"rotate", 1, true, {{"angle", 33}}},
                                                    FilterStep{"grayscale", 1, false, {}}}).value;
        s.exportOptions.format = ImageFormat::Png;
        window.applySettings(s);
        const QString path = m_dir.filePath("saved.json");
        QVERIFY(window.savePreset(path));
        AppSettings other = s;
        other.chain.clear();
        other.exportOptions.format = ImageFormat::Bmp;
        window.applySettings(other);
        QVERIFY(window.loadPreset(path));
        QCOMPARE(window.settings().chain, s.chain);
        QCOMPARE(window.settings().exportOptions.format, ImageFormat::Png);
        QCOMPARE(window.settings().exportOptions.outputDir, s.exportOptions.outputDir);
    }

    // A file that crashed the window as a thumbnail or a preview is not read
    // for a preview again: selecting it must not crash the window every time.
    void previewLeavesAFileThatCrashedTheWindowAlone()
    {
        const QString marker = ThumbnailLoader::crashMarkerPath();
        QVERIFY(QDir().mkpath(QFileInfo(marker).path()));
        const QString culprit = m_photos + "/one.jpg";
        test::writeFile(marker, nativePath(culprit) + '\0');
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        PreviewPane *preview = window.preview();
        QSignalSpy updated(preview, &PreviewPane::previewUpdated);
        preview->setImage(culprit);
        QVERIFY(updated.wait(10000));
        QVERIFY(preview->afterImage().isNull());
        QVERIFY2(preview->findChild<QLabel *>("previewCaption")->text().startsWith("Pixelmill crashed while reading"),
                 qPrintable(preview->findChild<QLabel *>("previewCaption")->text()));
        QVERIFY(QFile::remove(marker));
        preview->setImage(m_photos + "/two.png"); // others are read as ever
        QVERIFY(updated.wait(10000));
        QVERIFY(!preview->afterImage().isNull());
    }

    void previewFollowsParameterChanges()
    {
        WorkerPool pool(m_registry);
        MainWindow window(m_registry, pool);
        PreviewPane *preview = window.preview();
        QSignalSpy updated(preview, &PreviewPane::previewUpdated);
        preview->setChain({});
        preview->setImage(m_photos + "/one.jpg");
        QVERIFY(updated.wait(10000));
        const QImage plain = preview->afterImage();
        QCOMPARE(plain.size(), QSize(640, 480));

        // Change a parameter through the generated form, as a user would.
        FilterChainEditor editor(m_registry);
        connect(&editor, &FilterChainEditor::chainChanged, preview, &PreviewPane::setChain);
        editor.addStep("brightness_contrast");
        updated.clear();
        qobject_cast<QDoubleSpinBox *>(editor.currentForm()->editorFor("brightness"))->setValue(40);
        QVERIFY(updated.wait(10000));
        if (updated.size() == 1 && preview->afterImage() == plain)
            QVERIFY(updated.wait(10000));
        const QImage brighter = preview->afterImage();
        QVERIFY(brighter != plain);
        QVERIFY(qGray(brighter.pixel(10, 10)) > qGray(plain.pixel(10, 10)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// The window's batch: what Start refuses, the figures it keeps, and which ends
// of a batch leave it to be resumed.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/worker/workerpool.h"
#include "tests/common/testutils.h"
#include "ui/batchcontroller.h"
#include "ui/queue/jobqueuemodel.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pixelmill;

class TestBatchController final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FilterRegistry m_registry;

    // A pool, a queue of `photos` images (and `bad` files that are not) and the
    // controller over them, journalled in a folder of its own.
    struct Batch
    {
        WorkerPool pool;
        JobQueueModel model;
        BatchController controller;
        AppSettings settings;

        Batch(const FilterRegistry &registry, const QString &folder, int photos, int bad)
            : pool(registry), controller(pool, model, registry)
        {
            const QString in = test::writePhotos(folder + "/in", photos, 320, 240);
            QList<FoundFile> files;
            for (const QString &name : QDir(in).entryList(QDir::Files, QDir::Name))
                files.append(FoundFile {in + "/" + name, QString(), 0});
            for (int i = 0; i < bad; ++i) {
                const QString path = QStringLiteral("%1/bad%2.jpg").arg(in).arg(i);
                test::writeFile(path, "not a JPEG at all");
                files.append(FoundFile {path, QString(), 0});
            }
            model.addFiles(files);
            controller.setJournalPath(folder + "/journal.sqlite");
            settings.workers = 2;
            settings.exportOptions.outputDir = folder + "/out";
        }
    };

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        registerBuiltinFilters(m_registry);
    }

    void settingsThatCannotRunAreRefusedBeforeAnythingIsSubmitted_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no output folder") << "folder"
                                          << "Choose an output folder in Settings first.";
        QTest::newRow("a name template with an unknown token") << "template"
                                                               << "nope";
        QTest::newRow("a step no filter has") << "step"
                                              << "no_such_filter";
    }

    void settingsThatCannotRunAreRefusedBeforeAnythingIsSubmitted()
    {
        QFETCH(QString, what);
        QFETCH(QString, reason);
        Batch batch(m_registry, m_dir.filePath("refused-" + what), 3, 0);
        if (what == "folder")
            batch.settings.exportOptions.outputDir.clear();
        else if (what == "template")
            batch.settings.exportOptions.nameTemplate = "{name}_{nope}.{ext}";
        else
            batch.settings.chain.append(FilterStep {"no_such_filter", 1, true, {}});
        QString error;
        QCOMPARE(batch.controller.start(batch.settings, &error), -1);
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(!batch.controller.isRunning());
        QVERIFY(batch.pool.isIdle());
        QCOMPARE(batch.model.queuedRows().size(), 3);
        QVERIFY(!QFileInfo::exists(batch.settings.exportOptions.outputDir + "/img00.jpg"));
    }

    void anEmptyQueueStartsNothing()
    {
        Batch batch(m_registry, m_dir.filePath("empty"), 0, 0);
        QString error;
        QCOMPARE(batch.controller.start(batch.settings, &error), 0);
        QVERIFY(error.isEmpty());
        QVERIFY(!batch.controller.isRunning());
    }

    void aFinishedBatchCountsEveryRowOnce()
    {
        Batch batch(m_registry, m_dir.filePath("finished"), 5, 2);
        QSignalSpy running(&batch.controller, &BatchController::runningChanged);
        QSignalSpy finished(&batch.controller, &BatchController::batchFinished);
        QString error;
        QCOMPARE(batch.controller.start(batch.settings, &error), 7);
        QVERIFY(batch.controller.isRunning());
        QCOMPARE(batch.controller.stats().total, 7);
        QVERIFY(finished.wait(30000));
        const auto summary = finished.constFirst().at(0).value<BatchSummary>();
        QCOMPARE(summary.written, 5);
        QCOMPARE(summary.failed, 2);
        QCOMPARE(finished.constFirst().at(1).toString(), batch.settings.exportOptions.outputDir);
        const BatchController::Stats s = batch.controller.stats();
        QCOMPARE(s.total, 7);
        QCOMPARE(s.finished, 7);
        QCOMPARE(s.processed, 7);
        QCOMPARE(s.written, 5);
        QCOMPARE(s.failed, 2);
        QCOMPARE(s.etaSeconds, -1.0); // no batch, no estimate
        QVERIFY(!batch.controller.isRunning());
        QCOMPARE(running.size(), 2); // on, then off
        QVERIFY(batch.model.queuedRows().isEmpty());
        QVERIFY(!batch.controller.interruptedBatch());
    }

    // Cancel is the user's "stop for good"; closing the window keeps the batch
    // to be offered again. Both end with the queued jobs cancelled.
    void cancelEndsTheBatchButAbandonLeavesItResumable_data()
    {
        QTest::addColumn<bool>("userCancels");
        QTest::newRow("Cancel") << true;
        QTest::newRow("window closed") << false;
    }

    void cancelEndsTheBatchButAbandonLeavesItResumable()
    {
        QFETCH(bool, userCancels);
        Batch batch(m_registry, m_dir.filePath(userCancels ? "cancel" : "abandon"), 12, 0);
        QSignalSpy finished(&batch.controller, &BatchController::batchFinished);
        QString error;
        QCOMPARE(batch.controller.start(batch.settings, &error), 12);
        batch.controller.togglePause(); // at most the running jobs finish
        QVERIFY(batch.controller.isPaused());
        if (userCancels)
            batch.controller.cancel();
        else
            batch.controller.abandon();
        QVERIFY(finished.wait(30000));
        QVERIFY(!batch.controller.isPaused());
        const auto summary = finished.constFirst().at(0).value<BatchSummary>();
        QVERIFY(summary.canceled > 0); // what was queued behind the running jobs
        QCOMPARE(summary.finished(), 12);
        QCOMPARE(batch.controller.interruptedBatch().has_value(), !userCancels);
    }

    // Resuming continues the same record: the batch is no longer on offer once it ends.
    void aResumedBatchEndsItsRecord()
    {
        Batch first(m_registry, m_dir.filePath("resumed"), 6, 0);
        QSignalSpy abandoned(&first.controller, &BatchController::batchFinished);
        QString error;
        first.controller.start(first.settings, &error);
        first.controller.togglePause();
        first.controller.abandon();
        QVERIFY(abandoned.wait(30000));
        const std::optional<InterruptedBatch> interrupted = first.controller.interruptedBatch();
        QVERIFY(interrupted);

        first.model.retryRows({});
        first.controller.continueInterrupted(*interrupted);
        QSignalSpy finished(&first.controller, &BatchController::batchFinished);
        QVERIFY(first.controller.start(first.settings, &error) > 0);
        QVERIFY(finished.wait(30000));
        QCOMPARE(first.controller.stats().failed, 0);
        QVERIFY(!first.controller.interruptedBatch());
    }
};

QTEST_MAIN(TestBatchController)
#include "tst_batchcontroller.moc"

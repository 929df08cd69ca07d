// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobqueuemodel.h"

#include "engine/scan/nativepath.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace pixelmill;

class TestJobQueueModel final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QList<FoundFile> files(const QStringList &names)
    {
        QList<FoundFile> out;
        for (const QString &n : names) {
            QFile f(m_dir.filePath(n));
            f.open(QIODevice::WriteOnly);
            f.write("x");
            out.append({m_dir.filePath(n), QString()});
        }
        return out;
    }

    static JobResult result(JobId id, JobStatus status)
    {
        JobResult r;
        r.id = id;
        r.status = status;
        r.error = status == JobStatus::Failed ? QStringLiteral("broken") : QString();
        r.outputPath = QStringLiteral("/out/x.jpg");
        r.thumbnail = QImage(8, 8, QImage::Format_RGB32);
        return r;
    }

private slots:
    void addsWithoutDuplicatesUnderTheTester()
    {
        JobQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.addFiles(files({"a.jpg", "b.jpg"})), 2);
        QCOMPARE(model.addFiles(files({"b.jpg", "c.jpg"})), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(JobQueueModel::ColumnCount));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("c.jpg"));
        QCOMPARE(model.queuedRows(), QList<int>({0, 1, 2}));
    }

    // The size column asks the file system with the name's bytes: QFileInfo
    // found no file under a name that is not UTF-8, and showed "0 bytes".
    void showsTheSizeOfAFileWhoseNameIsNotUtf8()
    {
        const QByteArray native = QFile::encodeName(m_dir.path()) + "/caf\xe9.jpg";
        {
            std::FILE *raw = std::fopen(native.constData(), "wb");
            QVERIFY(raw);
            const QByteArray bytes(5000, 'x');
            QCOMPARE(std::fwrite(bytes.constData(), 1, size_t(bytes.size()), raw), size_t(bytes.size()));
            std::fclose(raw);
        }
        JobQueueModel model;
        QCOMPARE(model.addFiles({FoundFile{pathFromNative(native), QString()}}), 1);
        QCOMPARE(model.index(0, JobQueueModel::InfoColumn).data().toString(), QLocale().formattedDataSize(5000));
        // Added again by another name of the same file: one row.
        const QByteArray alias = QFile::encodeName(m_dir.path()) + "/./caf\xe9.jpg";
        QCOMPARE(model.addFiles({FoundFile{pathFromNative(alias), QString()}}), 0);
    }

    // A row shows a name as text people can read: a newline would cut the row,
    // a byte that is not UTF-8 would be a box. The path itself stays exact.
    void showsNamesWithTheirControlCharactersEscaped()
    {
        JobQueueModel model;
        const QString odd = pathFromNative("/card/caf\xe9\nsunset.jpg");
        QCOMPARE(model.addFiles({FoundFile{odd, QString()}, FoundFile{"/card/plain.jpg", QString()}}), 2);
        QCOMPARE(model.index(0, JobQueueModel::NameColumn).data().toString(), QStringLiteral("caf\\xe9\\nsunset.jpg"));
        QCOMPARE(model.index(1, JobQueueModel::NameColumn).data().toString(), QStringLiteral("plain.jpg"));
        QCOMPARE(model.index(0, 0).data(JobQueueModel::PathRole).toString(), odd);
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().startsWith("/card/caf\\xe9\\nsunset.jpg"));
    }

    void followsAJobThroughItsStates()
    {
        JobQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addFiles(files({"a.jpg", "b.jpg"}));
        model.assignJobId(0, 10);
        model.assignJobId(1, 11);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.markStarted(10);
        QCOMPARE(model.index(0, 0).data(JobQueueModel::StateRole).toInt(), int(RowState::Running));
        model.markProgress(10, JobStage::Filtering, 42);
        const QList<QVariant> progressChange = changed.last();
        QCOMPARE(progressChange.at(0).toModelIndex().column(), int(JobQueueModel::ProgressColumn));
        QVERIFY(progressChange.at(2).value<QList<int>>().contains(JobQueueModel::ProgressRole));
        QCOMPARE(model.index(0, 0).data(JobQueueModel::ProgressRole).toInt(), 42);
        model.markFinished(result(10, JobStatus::Written));
        model.markFinished(result(11, JobStatus::Failed));
        QCOMPARE(model.index(0, 0).data(JobQueueModel::ProgressRole).toInt(), 100);
        QVERIFY(!model.index(0, 0).data(JobQueueModel::OutputThumbnailRole).value<QImage>().isNull());
        QCOMPARE(model.index(1, JobQueueModel::StateColumn).data().toString(), QStringLiteral("Failed: broken"));
        QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains("broken"));
        QCOMPARE(model.countInState(RowState::Done), 1);
        QVERIFY(model.queuedRows().isEmpty());
        QCOMPARE(model.retryRows({}), 1);
        QCOMPARE(model.queuedRows(), QList<int>({1}));
        QCOMPARE(model.removeFinished(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.addFiles(files({"a.jpg"})), 1); // removed rows may be queued again
    }

    void asksForThumbnailsOnlyWhenShown()
    {
        JobQueueModel model;
        QStringList requested;
        model.setThumbnailRequester([&](const QString &p, bool isOutput) {
            QVERIFY(!isOutput);
            requested << p;
        });
        model.addFiles(files({"a.jpg", "b.jpg"}));
        QVERIFY(requested.isEmpty());
        model.index(1, 0).data(Qt::DecorationRole);
        model.index(1, 0).data(Qt::DecorationRole);
        QCOMPARE(requested, QStringList({m_dir.filePath("b.jpg")}));
        model.setThumbnail(m_dir.filePath("b.jpg"), QImage(10, 5, QImage::Format_RGB32), QSize(2000, 1000));
        QVERIFY(model.index(1, JobQueueModel::InfoColumn).data().toString().startsWith("2000 × 1000"));
        QVERIFY(!model.index(1, 0).data(Qt::DecorationRole).isNull());
        QVERIFY(!model.index(1, 0).data(JobQueueModel::InputThumbnailRole).value<QImage>().isNull());
        QVERIFY(model.index(1, 0).data(JobQueueModel::OutputThumbnailRole).value<QImage>().isNull());
        // A row the batch finished shows its output: no second decode for an input thumbnail.
        model.assignJobId(0, 10);
        model.markFinished(result(10, JobStatus::Written));
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isNull());
        QVERIFY(model.index(0, 0).data(JobQueueModel::InputThumbnailRole).value<QImage>().isNull());
        QCOMPARE(requested.size(), 1);
    }

    void anUnreadableFileIsAskedForOnceAndADroppedRequestAgain()
    {
        JobQueueModel model;
        QStringList requested;
        model.setThumbnailRequester([&](const QString &p, bool) { requested << p; });
        model.addFiles(files({"a.jpg", "b.jpg"}));
        model.index(0, 0).data(Qt::DecorationRole);
        model.index(1, 0).data(Qt::DecorationRole);
        QVERIFY(!model.index(0, 0).data(JobQueueModel::NoPreviewRole).toBool()); // asked, not known yet
        QVERIFY(model.index(0, 0).data(Qt::DecorationRole).isNull()); // not made yet: blank
        model.setThumbnail(m_dir.filePath("a.jpg"), QImage(), QSize(0, 0));
        QVERIFY(model.index(0, 0).data(JobQueueModel::NoPreviewRole).toBool());
        QVERIFY(!model.index(0, JobQueueModel::InfoColumn).data().toString().contains("×")); // not "0 × 0"
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).value<QPixmap>().isNull()); // the stand-in
        model.forgetThumbnailRequests({m_dir.filePath("b.jpg")}); // scrolled past, dropped unmade
        QVERIFY(!model.index(1, 0).data(JobQueueModel::NoPreviewRole).toBool());
        model.index(0, 0).data(Qt::DecorationRole);
        model.index(1, 0).data(Qt::DecorationRole);
        QCOMPARE(requested, QStringList({m_dir.filePath("a.jpg"), m_dir.filePath("b.jpg"), m_dir.filePath("b.jpg")}));
    }

    // Outputs get moved or deleted; the row then shows its input instead of nothing.
    void aRowWhoseOutputCannotBeReadShowsItsInput()
    {
        JobQueueModel model;
        QList<QPair<QString, bool>> requested;
        model.setThumbnailRequester([&](const QString &p, bool isOutput) { requested.append({p, isOutput}); });
        model.addFiles(files({"moved.jpg"}));
        model.assignJobId(0, 10);
        JobResult r = result(10, JobStatus::Written);
        r.thumbnail = QImage(); // as when the cache has dropped it since
        model.markFinished(r);
        QVERIFY(model.index(0, 0).data(Qt::DecorationRole).isNull());
        model.setThumbnail(QStringLiteral("/out/x.jpg"), QImage(), QSize());
        QVERIFY(!model.index(0, 0).data(JobQueueModel::NoPreviewRole).toBool());
        model.index(0, 0).data(Qt::DecorationRole);
        const QString input = m_dir.filePath("moved.jpg");
        QCOMPARE(requested, (QList<QPair<QString, bool>>{{QStringLiteral("/out/x.jpg"), true}, {input, false}}));
        model.setThumbnail(input, QImage(10, 5, QImage::Format_RGB32), QSize(2000, 1000));
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isNull());
        QVERIFY(!model.index(0, 0).data(JobQueueModel::InputThumbnailRole).value<QImage>().isNull());
        QCOMPARE(requested.size(), 2);
    }

    void keepsBoundedThumbnailsForALongQueueAndAsksAgainForDroppedOnes()
    {
        // 256 px list thumbnails, as the workers make them: each row kept its
        // own before, and a 10,000-image batch grew the window by 1.2 GB.
        const int rows = 1000;
        QStringList names;
        for (int i = 0; i < rows; ++i)
            names << QStringLiteral("p%1.jpg").arg(i);
        JobQueueModel model;
        QList<QPair<QString, bool>> requested;
        model.setThumbnailRequester([&](const QString &p, bool isOutput) { requested.append({p, isOutput}); });
        QCOMPARE(model.addFiles(files(names)), rows);
        for (int i = 0; i < rows; ++i) {
            model.assignJobId(i, JobId(100 + i));
            JobResult r = result(JobId(100 + i), JobStatus::Written);
            r.outputPath = QStringLiteral("/out/p%1.jpg").arg(i);
            r.thumbnail = QImage(256, 171, QImage::Format_RGB888);
            r.thumbnail.fill(Qt::darkGreen);
            r.inputSize = QSize(4000, 3000);
            model.markFinished(r);
            QVERIFY(model.thumbnailBytes() <= ThumbnailCache::kDefaultBudgetBytes);
        }
        QVERIFY(model.thumbnailBytes() > ThumbnailCache::kDefaultBudgetBytes / 2);
        QVERIFY(!model.index(rows - 1, 0).data(Qt::DecorationRole).isNull());
        QVERIFY(requested.isEmpty());
        // The first rows' thumbnails were dropped: shown again, they are read back from the outputs.
        QVERIFY(model.index(0, 0).data(JobQueueModel::OutputThumbnailRole).value<QImage>().isNull());
        QCOMPARE(requested, (QList<QPair<QString, bool>>{{QStringLiteral("/out/p0.jpg"), true}}));
        QImage back(256, 171, QImage::Format_RGB888);
        back.fill(Qt::darkGreen);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setThumbnail(QStringLiteral("/out/p0.jpg"), back, QSize(256, 171));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QVERIFY(!model.index(0, 0).data(JobQueueModel::OutputThumbnailRole).value<QImage>().isNull());
        // The size column keeps the input's size, not the output thumbnail's source size.
        QVERIFY(model.index(0, JobQueueModel::InfoColumn).data().toString().startsWith("4000 × 3000"));
        QCOMPARE(requested.size(), 1);
        model.clear();
        QCOMPARE(model.thumbnailBytes(), 0);
    }
};

QTEST_MAIN(TestJobQueueModel)
#include "tst_jobqueuemodel.moc"

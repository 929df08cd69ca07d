// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobqueuemodel.h"
#include "ui/queue/onscreenjobs.h"

#include <QHeaderView>
#include <QListView>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace pixelmill;

namespace {

// Rows 0..n-1 with job ids 1000 + row, except every tenth row: not submitted (0).
std::unique_ptr<QStandardItemModel> queue(int rows)
{
    auto model = std::make_unique<QStandardItemModel>(rows, 2);
    for (int row = 0; row < rows; ++row) {
        model->setData(model->index(row, 0), JobId(row % 10 == 9 ? 0 : 1000 + row), JobQueueModel::JobIdRole);
        model->setData(
            model->index(row, 0), QStringLiteral("photo %1").arg(row)); // an item of no size has no place
    }
    return model;
}

// What the view shows, the slow way: every row whose item meets the viewport.
QSet<JobId> jobsMeetingTheViewport(const QAbstractItemView &view)
{
    QSet<JobId> jobs;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const QModelIndex index = view.model()->index(row, 0);
        const JobId id = index.data(JobQueueModel::JobIdRole).toULongLong();
        if (id != 0 && view.visualRect(index).intersects(view.viewport()->rect()))
            jobs.insert(id);
    }
    return jobs;
}

} // namespace

class TestOnScreenJobs final : public QObject
{
    Q_OBJECT

private:
    struct Received
    {
        int calls = 0;
        std::optional<QSet<JobId>> jobs;
    };

    static OnScreenJobs::Sink into(Received &received)
    {
        return [&received](const std::optional<QSet<JobId>> &jobs) {
            ++received.calls;
            received.jobs = jobs;
        };
    }

    // The view's rows as the tracker sees them, after every scroll position from top to bottom.
    static void followsTheViewportWhileScrolling(QAbstractItemView &view)
    {
        Received received;
        OnScreenJobs tracker({&view}, into(received));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(received.jobs.has_value());
        QTRY_COMPARE(*received.jobs, jobsMeetingTheViewport(view));
        QVERIFY(received.jobs->size() >= 3);
        QVERIFY(received.jobs->size() < view.model()->rowCount() / 2);
        QScrollBar *bar = view.verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        for (int value = 0; value <= bar->maximum(); value += std::max(1, bar->pageStep() / 3)) {
            bar->setValue(value);
            QTRY_COMPARE(*received.jobs, jobsMeetingTheViewport(view));
        }
        bar->setValue(bar->maximum());
        QTRY_COMPARE(*received.jobs, jobsMeetingTheViewport(view));
        QVERIFY(received.jobs->contains(1000 + view.model()->rowCount() - 2)); // the last has no id

        // Taller: more rows on screen.
        const qsizetype before = received.jobs->size();
        bar->setValue(0);
        view.resize(view.width(), view.height() * 2);
        QTRY_COMPARE(*received.jobs, jobsMeetingTheViewport(view));
        QVERIFY(received.jobs->size() > before);
    }

private slots:
    void aTableGivesTheJobsOfTheRowsInItsViewport()
    {
        const auto model = queue(200);
        QTableView view;
        view.setModel(model.get());
        view.verticalHeader()->setDefaultSectionSize(23);
        view.resize(320, 240);
        followsTheViewportWhileScrolling(view);
    }

    void aWrappingGridLikewise()
    {
        const auto model = queue(300);
        QListView view;
        view.setModel(model.get());
        view.setViewMode(QListView::IconMode);
        view.setResizeMode(QListView::Adjust);
        view.setUniformItemSizes(true);
        view.setGridSize(QSize(57, 61));
        view.resize(330, 250);
        followsTheViewportWhileScrolling(view);
    }

    void rowsAddedOrRemovedAreFollowed()
    {
        auto model = queue(3);
        QTableView view;
        view.setModel(model.get());
        view.resize(320, 400);
        Received received;
        OnScreenJobs tracker({&view}, into(received));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE(received.jobs, std::optional<QSet<JobId>>(QSet<JobId> {1000, 1001, 1002}));
        model->insertRow(0);
        model->setData(model->index(0, 0), JobId(77), JobQueueModel::JobIdRole);
        // An id given later (a batch started) is seen when the caller says so.
        tracker.update();
        QTRY_COMPARE(received.jobs, std::optional<QSet<JobId>>(QSet<JobId> {77, 1000, 1001, 1002}));
        model->removeRows(1, 2);
        QTRY_COMPARE(received.jobs, std::optional<QSet<JobId>>(QSet<JobId> {77, 1002}));
        model->removeRows(0, model->rowCount());
        QTRY_COMPARE(received.jobs, std::optional<QSet<JobId>>(QSet<JobId> {}));
        QCOMPARE(OnScreenJobs::rowsOnScreen(view), std::make_pair(0, -1));
    }

    void theShownViewCountsAndNoneShownMeansEveryJob()
    {
        const auto model = queue(200);
        QTableView table;
        table.setModel(model.get());
        table.resize(320, 200);
        QListView grid;
        grid.setModel(model.get());
        grid.setViewMode(QListView::IconMode);
        grid.setGridSize(QSize(40, 40));
        grid.resize(600, 600);
        Received received;
        OnScreenJobs tracker({&table, &grid}, into(received));
        QTRY_VERIFY(received.calls > 0);
        QCOMPARE(received.jobs, std::nullopt); // nothing shown yet
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        QTRY_COMPARE(received.jobs, std::optional<QSet<JobId>>(jobsMeetingTheViewport(grid)));
        grid.hide();
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QTRY_COMPARE(received.jobs, std::optional<QSet<JobId>>(jobsMeetingTheViewport(table)));
        table.hide();
        QTRY_COMPARE(received.jobs, std::nullopt);
        // Unchanged answers are not given again.
        const int calls = received.calls;
        tracker.update();
        QTest::qWait(50);
        QCOMPARE(received.calls, calls);
    }
};

QTEST_MAIN(TestOnScreenJobs)
#include "tst_onscreenjobs.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/onscreenjobs.h"

#include "ui/queue/jobqueuemodel.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QScrollBar>

namespace pixelmill {

OnScreenJobs::OnScreenJobs(const QList<QAbstractItemView *> &views, Sink sink, QObject *parent)
    : QObject(parent), m_sink(std::move(sink))
{
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, &OnScreenJobs::recompute);
    for (QAbstractItemView *view : views) {
        m_views.append(view);
        // Shown or hidden (list and grid swap), resized, scrolled, rows in or out.
        view->installEventFilter(this);
        view->viewport()->installEventFilter(this);
        for (QScrollBar *bar : {view->verticalScrollBar(), view->horizontalScrollBar()}) {
            connect(bar, &QScrollBar::valueChanged, this, &OnScreenJobs::update);
            connect(bar, &QScrollBar::rangeChanged, this, &OnScreenJobs::update);
        }
        QAbstractItemModel *model = view->model();
        connect(model, &QAbstractItemModel::rowsInserted, this, &OnScreenJobs::update);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &OnScreenJobs::update);
        connect(model, &QAbstractItemModel::modelReset, this, &OnScreenJobs::update);
        connect(model, &QAbstractItemModel::layoutChanged, this, &OnScreenJobs::update);
    }
    update();
}

void OnScreenJobs::update()
{
    if (!m_soon.isActive())
        m_soon.start();
}

bool OnScreenJobs::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::Resize:
        update();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

std::pair<int, int> OnScreenJobs::rowsOnScreen(const QAbstractItemView &view)
{
    const QAbstractItemModel *model = view.model();
    const int rows = model ? model->rowCount() : 0;
    const int height = view.viewport()->height();
    if (rows == 0 || height <= 0)
        return {0, -1};
    const auto rect = [&](int row) { return view.visualRect(model->index(row, 0)); };
    // Rows lie in order down the viewport: search for the first whose bottom
    // is in or below it, and the last whose top is above its bottom edge.
    int low = 0;
    int high = rows;
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (rect(mid).bottom() < 0)
            low = mid + 1;
        else
            high = mid;
    }
    const int first = low;
    high = rows;
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (rect(mid).top() < height)
            low = mid + 1;
        else
            high = mid;
    }
    return {first, low - 1};
}

void OnScreenJobs::recompute()
{
    std::optional<QSet<JobId>> jobs;
    for (const QPointer<QAbstractItemView> &view : std::as_const(m_views)) {
        if (!view || !view->isVisible())
            continue;
        const auto [first, last] = rowsOnScreen(*view);
        jobs.emplace();
        for (int row = first; row <= last; ++row) {
            const JobId id = view->model()->index(row, 0).data(JobQueueModel::JobIdRole).toULongLong();
            if (id != 0)
                jobs->insert(id);
        }
        break;
    }
    if (m_last && *m_last == jobs)
        return;
    m_last = jobs;
    m_sink(jobs);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/job.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>
#include <utility>

class QAbstractItemView;

namespace pixelmill {

/// Follows which rows of the queue are on screen and hands their jobs to a
/// sink (WorkerPool::setThumbnailsWanted), so that only those make an output
/// thumbnail. A batch of 2,000 photos would otherwise make 2,000 thumbnails
/// for the dozen rows the window shows, at 4 ms of a worker each (7 % of a
/// batch of 1920-pixel outputs). A row scrolled to later shows its output
/// read from the file, as the rows of an earlier batch do. GUI thread only.
class OnScreenJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnScreenJobs)

public:
    /// Called with the jobs on screen whenever they change; std::nullopt when
    /// no view is shown (nobody can say, so every job makes its thumbnail).
    using Sink = std::function<void(const std::optional<QSet<JobId>> &)>;

    /// `views` show one model whose rows carry JobQueueModel::JobIdRole (0:
    /// not submitted); the one shown counts (the list or the grid).
    OnScreenJobs(const QList<QAbstractItemView *> &views, Sink sink, QObject *parent = nullptr);

    /// Looks again soon (once for any number of calls): for what the views do
    /// not signal, such as jobs just submitted.
    void update();

    /// First and last row whose item lies at least partly in the viewport;
    /// (0, -1) when none. Rows must be laid out in order, top to bottom (a
    /// table, or a wrapping grid). Public for tests.
    static std::pair<int, int> rowsOnScreen(const QAbstractItemView &view);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void recompute();

    QList<QPointer<QAbstractItemView>> m_views;
    Sink m_sink;
    QTimer m_soon;
    std::optional<std::optional<QSet<JobId>>> m_last; // what the sink was last given
};

} // namespace pixelmill

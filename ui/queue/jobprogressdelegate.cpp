// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobprogressdelegate.h"

#include "ui/queue/jobqueuemodel.h"

#include <iterator>

#include <QPainter>

namespace pixelmill {

QString progressText(int state, int stage, int percent)
{
    const RowState s = RowState(state);
    if (s != RowState::Running)
        return rowStateText(s);
    static const QString stages[] = {
        JobProgressDelegate::tr("Reading"),  JobProgressDelegate::tr("Decoding"),
        JobProgressDelegate::tr("Filtering"), JobProgressDelegate::tr("Encoding"),
        JobProgressDelegate::tr("Writing"),  JobProgressDelegate::tr("Thumbnail"),
    };
    const QString name = stage >= 0 && stage < int(std::size(stages)) ? stages[stage] : QString();
    return QStringLiteral("%1 %2%").arg(name).arg(percent).trimmed();
}

JobProgressDelegate::JobProgressDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void JobProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    if (index.column() != JobQueueModel::ProgressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const int state = index.data(JobQueueModel::StateRole).toInt();
    const int percent = index.data(JobQueueModel::ProgressRole).toInt();
    const int stage = index.data(JobQueueModel::StageRole).toInt();
    const bool active = RowState(state) == RowState::Running || RowState(state) == RowState::Done;
    m_bar.paint(painter, option.rect.adjusted(4, 4, -4, -4), percent, progressText(state, stage, percent), active);
}

QSize JobProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == JobQueueModel::ProgressColumn)
        size.setWidth(std::max(size.width(), 140));
    return size.expandedTo(QSize(0, 40));
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobprogressdelegate.h"

#include "ui/queue/jobqueuemodel.h"

#include <QPainter>

namespace pixelmill {

namespace {

QString stageText(JobStage stage)
{
    switch (stage) {
    case JobStage::Reading:
        return JobProgressDelegate::tr("Reading");
    case JobStage::WaitingForMemory:
        return JobProgressDelegate::tr("Waiting for memory");
    case JobStage::Decoding:
        return JobProgressDelegate::tr("Decoding");
    case JobStage::Filtering:
        return JobProgressDelegate::tr("Filtering");
    case JobStage::Encoding:
        return JobProgressDelegate::tr("Encoding");
    case JobStage::Writing:
        return JobProgressDelegate::tr("Writing");
    case JobStage::Thumbnail:
        return JobProgressDelegate::tr("Thumbnail");
    }
    return {};
}

} // namespace

QString progressText(int state, int stage, int percent)
{
    const RowState s = RowState(state);
    if (s != RowState::Running)
        return rowStateText(s);
    if (JobStage(stage) == JobStage::WaitingForMemory)
        return stageText(JobStage::WaitingForMemory); // a percentage would suggest it moves
    return QStringLiteral("%1 %2%").arg(stageText(JobStage(stage))).arg(percent).trimmed();
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

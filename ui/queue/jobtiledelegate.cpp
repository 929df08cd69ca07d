// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobtiledelegate.h"

#include "ui/queue/jobprogressdelegate.h"
#include "ui/queue/jobqueuemodel.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStyle>

namespace pixelmill {

JobTileDelegate::JobTileDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void JobTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    painter->save();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    // The whole tile is the item: without this the style highlights only a text
    // rectangle the tile does not have, and the name, drawn in the highlight
    // text colour, vanishes on the plain background.
    QStyleOptionViewItem panel(option);
    panel.showDecorationSelected = true;
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &panel, painter, option.widget);
    const QRect r = option.rect.adjusted(6, 6, -6, -6);
    const int state = index.data(JobQueueModel::StateRole).toInt();
    const int percent = index.data(JobQueueModel::ProgressRole).toInt();
    QImage thumb = index.data(JobQueueModel::OutputThumbnailRole).value<QImage>();
    if (thumb.isNull())
        thumb = index.data(JobQueueModel::InputThumbnailRole).value<QImage>();
    const QRect imageArea(r.left(), r.top(), r.width(), r.height() - 40);
    if (!thumb.isNull()) {
        const QImage scaled = thumb.scaled(imageArea.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
        const QPoint topLeft(imageArea.center().x() - scaled.width() / 2,
                             imageArea.center().y() - scaled.height() / 2);
        painter->drawImage(topLeft, scaled);
    } else {
        painter->fillRect(imageArea, option.palette.alternateBase());
        // Blank means "not made yet"; a file that cannot be read says so.
        if (index.data(JobQueueModel::NoPreviewRole).toBool()) {
            painter->setPen(option.palette.color(QPalette::Disabled, QPalette::Text));
            painter->drawText(imageArea, Qt::AlignCenter, tr("No preview"));
        }
    }
    if (RowState(state) == RowState::Failed) {
        painter->setPen(QPen(QColor(200, 40, 40), 3));
        painter->drawRect(imageArea.adjusted(1, 1, -1, -1));
    }
    const QRect nameRect(r.left(), imageArea.bottom() + 2, r.width(), 16);
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->setPen(option.palette.color(option.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                : QPalette::Text));
    painter->drawText(nameRect, Qt::AlignCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideMiddle, nameRect.width()));
    const QRect barRect(r.left(), nameRect.bottom() + 3, r.width(), 16);
    const int stage = index.data(JobQueueModel::StageRole).toInt();
    m_bar.paint(painter, barRect, percent, progressText(state, stage, percent),
                RowState(state) == RowState::Running || RowState(state) == RowState::Done);
    painter->restore();
}

QSize JobTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return {kTileSize, kTileSize + 24};
}

} // namespace pixelmill

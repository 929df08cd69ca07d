// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "ui/queue/progressbarpainter.h"

#include <QStyledItemDelegate>

namespace pixelmill {

/// Grid mode: a tile with the thumbnail (output once done, input before), the
/// file name and a progress bar, all read from model roles.
class JobTileDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTileDelegate)

public:
    static constexpr int kTileSize = 168;

    explicit JobTileDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    ProgressBarPainter m_bar;
};

} // namespace pixelmill

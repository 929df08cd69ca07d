// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "ui/queue/progressbarpainter.h"

#include <QStyledItemDelegate>

namespace pixelmill {

/// Paints the progress column of the queue table from model roles only
/// (ProgressRole, StateRole); other columns use the default painting.
class JobProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobProgressDelegate)

public:
    explicit JobProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    ProgressBarPainter m_bar;
};

/// The text a progress bar shows for a row ("Decoding 10%", "Done", "Failed", ...),
/// from the StateRole, StageRole and ProgressRole values.
QString progressText(int state, int stage, int percent);

} // namespace pixelmill

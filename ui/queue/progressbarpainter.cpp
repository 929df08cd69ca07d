// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/progressbarpainter.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

namespace pixelmill {

void ProgressBarPainter::paint(QPainter *painter, const QRect &rect, int percent, const QString &text,
                               bool enabled) const
{
    QStyleOptionProgressBar option;
    option.initFrom(&m_styleSource);
    option.rect = rect;
    option.minimum = 0;
    option.maximum = 100;
    option.progress = percent;
    option.text = text;
    option.textVisible = true;
    option.textAlignment = Qt::AlignCenter;
    option.state.setFlag(QStyle::State_Enabled, enabled);
    option.state |= QStyle::State_Horizontal;
    m_styleSource.style()->drawControl(QStyle::CE_ProgressBar, &option, painter, &m_styleSource);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QProgressBar>
#include <QRect>
#include <QString>

class QPainter;
class QStyle;

namespace pixelmill {

/// Draws a progress bar with the widget style (CE_ProgressBar). A hidden
/// QProgressBar is passed as the widget so style sheets apply.
class ProgressBarPainter
{
public:
    void paint(QPainter *painter, const QRect &rect, int percent, const QString &text, bool enabled) const;

private:
    QProgressBar m_styleSource;
};

} // namespace pixelmill

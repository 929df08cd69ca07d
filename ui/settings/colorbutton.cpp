// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/colorbutton.h"

#include <QColorDialog>
#include <QPainter>
#include <QPixmap>

namespace pixelmill {

ColorButton::ColorButton(const QColor &color, QWidget *parent) : QPushButton(parent)
{
    setColor(color);
    connect(this, &QPushButton::clicked, this, &ColorButton::choose);
}

QString ColorButton::colorName() const
{
    return m_color.alpha() == 255 ? m_color.name(QColor::HexRgb) : m_color.name(QColor::HexArgb);
}

void ColorButton::setColor(const QColor &color)
{
    if (!color.isValid() || color == m_color)
        return;
    m_color = color;
    QPixmap swatch(16, 16);
    swatch.fill(color);
    setIcon(swatch);
    setText(colorName());
    emit colorChanged(color);
}

void ColorButton::choose()
{
    const QColor picked = QColorDialog::getColor(m_color, this, tr("Choose colour"),
                                                 QColorDialog::ShowAlphaChannel);
    if (picked.isValid())
        setColor(picked);
}

} // namespace pixelmill

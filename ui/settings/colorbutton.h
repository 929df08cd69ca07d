// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QColor>
#include <QPushButton>

namespace pixelmill {

/// A button showing a colour swatch; clicking opens a colour dialog (with alpha).
class ColorButton final : public QPushButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColorButton)

public:
    explicit ColorButton(const QColor &color, QWidget *parent = nullptr);

    QColor color() const { return m_color; }
    /// "#rrggbb", or "#aarrggbb" when not opaque (the ParamType::Color form).
    QString colorName() const;
    void setColor(const QColor &color);

signals:
    void colorChanged(const QColor &color);

private:
    void choose();

    QColor m_color;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterdescriptor.h"

#include <QHash>
#include <QVariantMap>
#include <QWidget>

namespace pixelmill {

/// A form generated from a filter's ParamSpecs: Int → QSpinBox, Double →
/// QDoubleSpinBox, Bool → QCheckBox, Choice → QComboBox, Color → a colour
/// button. Ranges, steps, defaults, units and tooltips come from the specs, so
/// values outside them cannot be entered and new filters need no UI code.
class FilterParamForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterParamForm)

public:
    FilterParamForm(const FilterDescriptor &descriptor, const QVariantMap &values,
                    QWidget *parent = nullptr);

    QVariantMap values() const;
    /// The editor widget for a parameter key (for tests and focus handling).
    QWidget *editorFor(const QString &key) const;

signals:
    void valuesChanged(const QVariantMap &values);

private:
    QWidget *createEditor(const ParamSpec &spec, const QVariant &value);
    void notify();
    void updateApplicability(); // greys out what the chosen mode does not use

    FilterDescriptor m_descriptor;
    QHash<QString, QWidget *> m_editors;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/filterparamform.h"

#include "ui/settings/colorbutton.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>

namespace pixelmill {

namespace {

int decimalsFor(double step)
{
    int decimals = 0;
    while (decimals < 4 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-9)
        ++decimals;
    return std::max(decimals, 1);
}

} // namespace

FilterParamForm::FilterParamForm(const FilterDescriptor &descriptor, const QVariantMap &values,
                                 QWidget *parent)
    : QWidget(parent), m_descriptor(descriptor)
{
    auto *layout = new QFormLayout(this);
    auto *about = new QLabel(descriptor.description, this);
    about->setWordWrap(true);
    layout->addRow(about);
    for (const ParamSpec &spec : descriptor.params) {
        QWidget *editor = createEditor(spec, values.value(spec.key, spec.defaultValue));
        editor->setToolTip(spec.toolTip);
        editor->setObjectName(spec.key);
        m_editors.insert(spec.key, editor);
        layout->addRow(spec.label + QLatin1Char(':'), editor);
    }
    if (descriptor.params.isEmpty())
        layout->addRow(new QLabel(tr("This filter has no settings."), this));
    // Once per controlling choice, however many settings depend on it.
    for (const ParamSpec &spec : descriptor.params) {
        if (auto *choice = qobject_cast<QComboBox *>(m_editors.value(spec.appliesWithKey)))
            connect(choice, &QComboBox::currentIndexChanged, this, &FilterParamForm::updateApplicability,
                    Qt::UniqueConnection);
    }
    updateApplicability();
}

void FilterParamForm::updateApplicability()
{
    const QVariantMap current = values();
    auto *form = qobject_cast<QFormLayout *>(layout());
    for (const ParamSpec &spec : m_descriptor.params) {
        QWidget *editor = m_editors.value(spec.key);
        const bool applies = spec.appliesWith(current);
        editor->setEnabled(applies);
        if (QWidget *label = form->labelForField(editor))
            label->setEnabled(applies);
    }
}

QWidget *FilterParamForm::createEditor(const ParamSpec &spec, const QVariant &value)
{
    const QString suffix = spec.unit.isEmpty() ? QString() : QLatin1Char(' ') + spec.unit;
    switch (spec.type) {
    case ParamType::Int: {
        auto *box = new QSpinBox(this);
        box->setRange(spec.minimum.toInt(), spec.maximum.toInt());
        box->setSingleStep(std::max(1, int(spec.step)));
        box->setSuffix(suffix);
        box->setValue(value.toInt());
        connect(box, &QSpinBox::valueChanged, this, &FilterParamForm::notify);
        return box;
    }
    case ParamType::Double: {
        auto *box = new QDoubleSpinBox(this);
        box->setDecimals(decimalsFor(spec.step));
        box->setRange(spec.minimum.toDouble(), spec.maximum.toDouble());
        box->setSingleStep(spec.step);
        box->setSuffix(suffix);
        box->setValue(value.toDouble());
        connect(box, &QDoubleSpinBox::valueChanged, this, &FilterParamForm::notify);
        return box;
    }
    case ParamType::Bool: {
        auto *box = new QCheckBox(this);
        box->setChecked(value.toBool());
        connect(box, &QCheckBox::toggled, this, &FilterParamForm::notify);
        return box;
    }
    case ParamType::Choice: {
        auto *box = new QComboBox(this);
        box->addItems(spec.choices);
        box->setCurrentText(value.toString());
        connect(box, &QComboBox::currentIndexChanged, this, &FilterParamForm::notify);
        return box;
    }
    case ParamType::Text: {
        auto *edit = new QLineEdit(value.toString(), this);
        connect(edit, &QLineEdit::textChanged, this, &FilterParamForm::notify);
        return edit;
    }
    case ParamType::Color: {
        auto *button = new ColorButton(QColor::fromString(value.toString()), this);
        connect(button, &ColorButton::colorChanged, this, &FilterParamForm::notify);
        return button;
    }
    }
    return new QWidget(this);
}

QVariantMap FilterParamForm::values() const
{
    QVariantMap out;
    for (const ParamSpec &spec : m_descriptor.params) {
        QWidget *w = m_editors.value(spec.key);
        if (auto *i = qobject_cast<QSpinBox *>(w))
            out.insert(spec.key, i->value());
        else if (auto *d = qobject_cast<QDoubleSpinBox *>(w))
            out.insert(spec.key, d->value());
        else if (auto *b = qobject_cast<QCheckBox *>(w))
            out.insert(spec.key, b->isChecked());
        else if (auto *c = qobject_cast<QComboBox *>(w))
            out.insert(spec.key, c->currentText());
        else if (auto *t = qobject_cast<QLineEdit *>(w))
            out.insert(spec.key, t->text());
        else if (auto *k = qobject_cast<ColorButton *>(w))
            out.insert(spec.key, k->colorName());
    }
    return out;
}

QWidget *FilterParamForm::editorFor(const QString &key) const
{
    return m_editors.value(key);
}

void FilterParamForm::notify()
{
    emit valuesChanged(values());
}

} // namespace pixelmill

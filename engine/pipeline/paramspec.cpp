// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/paramspec.h"

namespace pixelmill {

ParamSpec ParamSpec::integer(const QString &key, const QString &label, int def, int min, int max,
                             const QString &unit, const QString &toolTip)
{
    ParamSpec s;
    s.key = key;
    s.label = label;
    s.type = ParamType::Int;
    s.defaultValue = def;
    s.minimum = min;
    s.maximum = max;
    s.unit = unit;
    s.toolTip = toolTip;
    return s;
}

ParamSpec ParamSpec::real(const QString &key, const QString &label, double def, double min,
                          double max, double step, const QString &unit, const QString &toolTip)
{
    ParamSpec s;
    s.key = key;
    s.label = label;
    s.type = ParamType::Double;
    s.defaultValue = def;
    s.minimum = min;
    s.maximum = max;
    s.step = step;
    s.unit = unit;
    s.toolTip = toolTip;
    return s;
}

ParamSpec ParamSpec::boolean(const QString &key, const QString &label, bool def,
                             const QString &toolTip)
{
    ParamSpec s;
    s.key = key;
    s.label = label;
    s.type = ParamType::Bool;
    s.defaultValue = def;
    s.toolTip = toolTip;
    return s;
}

ParamSpec ParamSpec::choice(const QString &key, const QString &label, const QStringList &choices,
                            const QString &def, const QString &toolTip)
{
    ParamSpec s;
    s.key = key;
    s.label = label;
    s.type = ParamType::Choice;
    s.choices = choices;
    s.defaultValue = def;
    s.toolTip = toolTip;
    return s;
}

ParamSpec ParamSpec::color(const QString &key, const QString &label, const QString &def,
                           const QString &toolTip)
{
    ParamSpec s;
    s.key = key;
    s.label = label;
    s.type = ParamType::Color;
    s.defaultValue = def;
    s.toolTip = toolTip;
    return s;
}

ParamSpec ParamSpec::text(const QString &key, const QString &label, const QString &def,
                          const QString &toolTip)
{
    ParamSpec s = color(key, label, def, toolTip);
    s.type = ParamType::Text;
    return s;
}

ParamSpec ParamSpec::onlyWith(const QString &choiceKey, const QStringList &values) const
{
    ParamSpec s = *this;
    s.appliesWithKey = choiceKey;
    s.appliesWithValues = values;
    return s;
}

bool ParamSpec::appliesWith(const QVariantMap &params) const
{
    return appliesWithKey.isEmpty() || appliesWithValues.contains(params.value(appliesWithKey).toString());
}

QString paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Int:
        return QStringLiteral("int");
    case ParamType::Double:
        return QStringLiteral("number");
    case ParamType::Bool:
        return QStringLiteral("bool");
    case ParamType::Choice:
        return QStringLiteral("choice");
    case ParamType::Color:
        return QStringLiteral("color");
    case ParamType::Text:
        return QStringLiteral("text");
    }
    return {};
}

} // namespace pixelmill

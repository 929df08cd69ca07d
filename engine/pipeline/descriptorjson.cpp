// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/descriptorjson.h"

#include <QJsonArray>

namespace pixelmill {

QJsonObject descriptorToJson(const FilterDescriptor &d)
{
    QJsonArray params;
    for (const ParamSpec &p : d.params) {
        QJsonObject j;
        j[QStringLiteral("key")] = p.key;
        j[QStringLiteral("label")] = p.label;
        j[QStringLiteral("type")] = paramTypeName(p.type);
        j[QStringLiteral("default")] = QJsonValue::fromVariant(p.defaultValue);
        if (p.type == ParamType::Int || p.type == ParamType::Double) {
            j[QStringLiteral("minimum")] = QJsonValue::fromVariant(p.minimum);
            j[QStringLiteral("maximum")] = QJsonValue::fromVariant(p.maximum);
            j[QStringLiteral("step")] = p.step;
        }
        if (p.type == ParamType::Choice)
            j[QStringLiteral("choices")] = QJsonArray::fromStringList(p.choices);
        if (!p.unit.isEmpty())
            j[QStringLiteral("unit")] = p.unit;
        j[QStringLiteral("help")] = p.toolTip;
        if (!p.appliesWithKey.isEmpty())
            j[QStringLiteral("applies_with")]
                = QJsonObject{{p.appliesWithKey, QJsonArray::fromStringList(p.appliesWithValues)}};
        params.append(j);
    }
    QJsonObject out;
    out[QStringLiteral("id")] = d.id;
    out[QStringLiteral("version")] = d.version;
    out[QStringLiteral("name")] = d.displayName;
    out[QStringLiteral("category")] = d.category;
    out[QStringLiteral("description")] = d.description;
    out[QStringLiteral("params")] = params;
    return out;
}

QString describeAcceptedValues(const ParamSpec &p)
{
    switch (p.type) {
    case ParamType::Int:
    case ParamType::Double: {
        QString range = QStringLiteral("%1..%2").arg(p.minimum.toString(), p.maximum.toString());
        return p.unit.isEmpty() ? range : range + QLatin1Char(' ') + p.unit;
    }
    case ParamType::Bool:
        return QStringLiteral("true/false");
    case ParamType::Choice:
        return p.choices.join(QLatin1Char('|'));
    case ParamType::Color:
        return QStringLiteral("#rrggbb, #aarrggbb or a colour name");
    case ParamType::Text:
        return QStringLiteral("text; {name} {date} {taken} {camera} ... are filled in");
    }
    return {};
}

} // namespace pixelmill

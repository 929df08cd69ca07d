// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/filterregistry.h"

#include <QColor>

#include <cmath>

namespace pixelmill {

namespace {

QString describeRange(const ParamSpec &spec)
{
    return QStringLiteral("[%1, %2]").arg(spec.minimum.toString(), spec.maximum.toString());
}

std::optional<bool> toBool(const QVariant &v)
{
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    if (v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Int
        || v.typeId() == QMetaType::LongLong) {
        const double d = v.toDouble();
        if (d == 0 || d == 1)
            return d == 1;
        return std::nullopt;
    }
    const QString s = v.toString().trimmed().toLower();
    if (s == QLatin1String("true") || s == QLatin1String("yes") || s == QLatin1String("on")
        || s == QLatin1String("1"))
        return true;
    if (s == QLatin1String("false") || s == QLatin1String("no") || s == QLatin1String("off")
        || s == QLatin1String("0"))
        return false;
    return std::nullopt;
}

// Converts one value to the spec's type and checks its range; returns the error text.
QString convertValue(const ParamSpec &spec, const QVariant &raw, QVariant &out)
{
    const QString shown = raw.toString();
    switch (spec.type) {
    case ParamType::Int: {
        bool ok = false;
        const double d = raw.typeId() == QMetaType::QString ? raw.toString().trimmed().toDouble(&ok)
                                                            : raw.toDouble(&ok);
        if (!ok || !std::isfinite(d) || std::floor(d) != d)
            return QStringLiteral("%1='%2' is not a whole number").arg(spec.key, shown);
        if (d < spec.minimum.toDouble() || d > spec.maximum.toDouble())
            return QStringLiteral("%1=%2 is out of range %3").arg(spec.key, shown, describeRange(spec));
        out = static_cast<int>(d);
        return {};
    }
    case ParamType::Double: {
        bool ok = false;
        const double d = raw.typeId() == QMetaType::QString ? raw.toString().trimmed().toDouble(&ok)
                                                            : raw.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return QStringLiteral("%1='%2' is not a number").arg(spec.key, shown);
        if (d < spec.minimum.toDouble() || d > spec.maximum.toDouble())
            return QStringLiteral("%1=%2 is out of range %3").arg(spec.key, shown, describeRange(spec));
        out = d;
        return {};
    }
    case ParamType::Bool: {
        const auto b = toBool(raw);
        if (!b)
            return QStringLiteral("%1='%2' is not true or false").arg(spec.key, shown);
        out = *b;
        return {};
    }
    case ParamType::Choice: {
        const QString s = raw.toString().trimmed().toLower();
        if (!spec.choices.contains(s))
            return QStringLiteral("%1='%2' is not one of: %3")
                .arg(spec.key, shown, spec.choices.join(QStringLiteral(", ")));
        out = s;
        return {};
    }
    case ParamType::Text: {
        const QString s = raw.toString();
        if (s.size() > 1000)
            return QStringLiteral("%1: text longer than 1000 characters").arg(spec.key);
        out = s;
        return {};
    }
    case ParamType::Color: {
        const QString s = raw.toString().trimmed();
        const QColor c = QColor::fromString(s);
        if (!c.isValid())
            return QStringLiteral("%1='%2' is not a colour (expected #rrggbb, #aarrggbb or a name)")
                .arg(spec.key, shown);
        out = c.alpha() == 255 ? c.name(QColor::HexRgb) : c.name(QColor::HexArgb);
        return {};
    }
    }
    return QStringLiteral("%1: unsupported parameter type").arg(spec.key);
}

} // namespace

bool FilterRegistry::registerFilter(std::unique_ptr<Filter> filter)
{
    if (!filter || find(filter->descriptor().id))
        return false;
    m_filters.push_back(std::move(filter));
    return true;
}

QList<FilterDescriptor> FilterRegistry::descriptors() const
{
    QList<FilterDescriptor> out;
    out.reserve(static_cast<qsizetype>(m_filters.size()));
    for (const auto &f : m_filters)
        out.append(f->descriptor());
    return out;
}

const Filter *FilterRegistry::find(const QString &id) const
{
    for (const auto &f : m_filters) {
        if (f->descriptor().id == id)
            return f.get();
    }
    return nullptr;
}

Normalized<FilterStep> FilterRegistry::normalized(const FilterStep &step) const
{
    Normalized<FilterStep> result{step, {}};
    const Filter *filter = find(step.filterId);
    if (!filter) {
        QStringList ids;
        for (const auto &f : m_filters)
            ids << f->descriptor().id;
        result.error = QStringLiteral("unknown filter '%1' (known filters: %2)")
                           .arg(step.filterId, ids.join(QStringLiteral(", ")));
        return result;
    }
    const FilterDescriptor &d = filter->descriptor();
    if (step.version > d.version) {
        result.error = QStringLiteral("%1: version %2 is newer than this Pixelmill supports (%3)")
                           .arg(d.id)
                           .arg(step.version)
                           .arg(d.version);
        return result;
    }
    QStringList known;
    for (const ParamSpec &p : d.params)
        known << p.key;
    for (auto it = step.params.cbegin(); it != step.params.cend(); ++it) {
        if (!d.param(it.key())) {
            result.error = known.isEmpty()
                ? QStringLiteral("%1: unknown parameter '%2' (this filter takes none)")
                      .arg(d.id, it.key())
                : QStringLiteral("%1: unknown parameter '%2' (expected one of: %3)")
                      .arg(d.id, it.key(), known.join(QStringLiteral(", ")));
            return result;
        }
    }
    const QVariantMap given = filter->inferParams(step.params);
    QVariantMap params;
    for (const ParamSpec &spec : d.params) {
        QVariant value;
        const QString error = convertValue(spec, given.value(spec.key, spec.defaultValue), value);
        if (!error.isEmpty()) {
            result.error = QStringLiteral("%1: %2").arg(d.id, error);
            return result;
        }
        params.insert(spec.key, value);
    }
    if (const QString error = filter->checkParams(params); !error.isEmpty()) {
        result.error = QStringLiteral("%1: %2").arg(d.id, error);
        return result;
    }
    result.value.params = params;
    result.value.version = d.version;
    return result;
}

Normalized<FilterChain> FilterRegistry::normalized(const FilterChain &chain) const
{
    Normalized<FilterChain> result;
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const Normalized<FilterStep> step = normalized(chain.at(i));
        if (!step.ok()) {
            result.error = QStringLiteral("step %1: %2").arg(i + 1).arg(step.error);
            return result;
        }
        result.value.append(step.value);
    }
    return result;
}

} // namespace pixelmill

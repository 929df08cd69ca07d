// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/preset/filterspec.h"

#include <QRegularExpression>

namespace pixelmill {

std::optional<FilterStep> parseFilterSpec(const QString &spec, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("filter '%1': %2").arg(spec, message);
        return std::nullopt;
    };
    static const QRegularExpression identifier(QStringLiteral("^[a-z][a-z0-9_]*$"));
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    FilterStep step;
    step.filterId = (colon < 0 ? spec : spec.left(colon)).trimmed();
    if (!identifier.match(step.filterId).hasMatch())
        return fail(QStringLiteral("expected a filter id like 'resize' before ':'"));
    if (colon < 0)
        return step;
    const QString rest = spec.mid(colon + 1);
    if (rest.trimmed().isEmpty())
        return fail(QStringLiteral("expected key=value after ':'"));
    qsizetype at = 0;
    while (at <= rest.size()) {
        const qsizetype eq = rest.indexOf(QLatin1Char('='), at);
        const qsizetype comma = rest.indexOf(QLatin1Char(','), at);
        if (eq < 0 || (comma >= 0 && comma < eq))
            return fail(QStringLiteral("expected key=value, got '%1'")
                            .arg(rest.mid(at, comma < 0 ? -1 : comma - at)));
        const QString key = rest.mid(at, eq - at).trimmed();
        if (!identifier.match(key).hasMatch())
            return fail(QStringLiteral("'%1' is not a parameter name").arg(key));
        // A value is plain up to the next comma, or quoted so it may hold commas
        // (curve points, watermark text); a backslash escapes the next character.
        qsizetype v = eq + 1;
        while (v < rest.size() && rest.at(v).isSpace())
            ++v;
        QString value;
        if (v < rest.size() && rest.at(v) == QLatin1Char('"')) {
            qsizetype i = v + 1;
            bool closed = false;
            for (; i < rest.size(); ++i) {
                const QChar c = rest.at(i);
                if (c == QLatin1Char('\\') && i + 1 < rest.size()) {
                    value += rest.at(++i);
                } else if (c == QLatin1Char('"')) {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed)
                return fail(QStringLiteral("the quoted value of '%1' has no closing quote").arg(key));
            at = i + 1;
            while (at < rest.size() && rest.at(at).isSpace())
                ++at;
            if (at < rest.size() && rest.at(at) != QLatin1Char(','))
                return fail(QStringLiteral("expected ',' after the quoted value of '%1'").arg(key));
        } else {
            const qsizetype end = comma < 0 ? rest.size() : comma;
            value = rest.mid(v, end - v).trimmed();
            at = end;
            if (value.isEmpty())
                return fail(QStringLiteral("no value for '%1'").arg(key));
        }
        if (step.params.contains(key))
            return fail(QStringLiteral("'%1' is given twice").arg(key));
        step.params.insert(key, value);
        if (at >= rest.size())
            break;
        ++at; // past the comma
        if (at >= rest.size())
            return fail(QStringLiteral("expected key=value after the last ','"));
    }
    return step;
}

} // namespace pixelmill

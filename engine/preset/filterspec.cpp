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
    for (const QString &pair : rest.split(QLatin1Char(','))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq < 0)
            return fail(QStringLiteral("expected key=value, got '%1'").arg(pair));
        const QString key = pair.left(eq).trimmed();
        const QString value = pair.mid(eq + 1).trimmed();
        if (!identifier.match(key).hasMatch())
            return fail(QStringLiteral("'%1' is not a parameter name").arg(key));
        if (value.isEmpty())
            return fail(QStringLiteral("no value for '%1'").arg(key));
        if (step.params.contains(key))
            return fail(QStringLiteral("'%1' is given twice").arg(key));
        step.params.insert(key, value);
    }
    return step;
}

} // namespace pixelmill

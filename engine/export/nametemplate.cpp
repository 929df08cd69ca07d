// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/nametemplate.h"

#include <QStringList>

namespace pixelmill {

namespace {

const QStringList &knownTokens()
{
    static const QStringList tokens = {QStringLiteral("name"),    QStringLiteral("ext"),
                                       QStringLiteral("srcext"),  QStringLiteral("counter"),
                                       QStringLiteral("width"),   QStringLiteral("height"),
                                       QStringLiteral("parent"),  QStringLiteral("date"),
                                       QStringLiteral("taken"),   QStringLiteral("camera")};
    return tokens;
}

QString validateArgument(const QString &token, const QString &argument)
{
    if (argument.isNull())
        return {};
    if (token == QLatin1String("counter")) {
        bool ok = false;
        const int digits = argument.toInt(&ok);
        if (!ok || digits < 1 || digits > 12)
            return QStringLiteral("{counter:%1}: the width must be 1 to 12 digits, like {counter:04}")
                .arg(argument);
        return {};
    }
    if (token == QLatin1String("date") || token == QLatin1String("taken")) {
        if (argument.isEmpty())
            return QStringLiteral("{%1:}: empty date format").arg(token);
        // Only date/time letters: others (time-zone names above all) made one
        // fuzzed format take seconds and gigabytes inside Qt.
        static const QString letters = QStringLiteral("yMdHhmszAap");
        if (argument.size() > 32)
            return QStringLiteral("{%1:…}: date format longer than 32 characters").arg(token);
        for (const QChar c : argument) {
            if (c.isLetter() && !letters.contains(c))
                return QStringLiteral("{%1:%2}: '%3' is not a date letter (use y M d H h m s z A a)")
                    .arg(token, argument, c);
        }
        return {};
    }
    return QStringLiteral("{%1} takes no ':' argument").arg(token);
}

QString sanitized(QString value)
{
    value.replace(QLatin1Char('/'), QLatin1Char('_'));
    value.replace(QChar(0), QLatin1Char('_'));
    return value;
}

} // namespace

std::optional<NameTemplate> NameTemplate::parse(const QString &text, QString *error)
{
    return parseWith(text, error, false);
}

std::optional<NameTemplate> NameTemplate::parseText(const QString &text, QString *error)
{
    return parseWith(text, error, true);
}

std::optional<NameTemplate> NameTemplate::parseWith(const QString &text, QString *error, bool freeText)
{
    auto fail = [error](const QString &message, qsizetype index) {
        if (error)
            *error = QStringLiteral("naming template, position %1: %2").arg(index + 1).arg(message);
        return std::nullopt;
    };
    NameTemplate result;
    result.m_text = text;
    if (!freeText && text.trimmed().isEmpty())
        return fail(QStringLiteral("the template is empty"), 0);
    QString literal;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!freeText && (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.isNull()))
            return fail(QStringLiteral("'%1' is not allowed in a file name").arg(c), i);
        if (c == QLatin1Char('}'))
            return fail(QStringLiteral("'}' without a matching '{'"), i);
        if (c != QLatin1Char('{')) {
            literal += c;
            continue;
        }
        const qsizetype close = text.indexOf(QLatin1Char('}'), i + 1);
        if (close < 0)
            return fail(QStringLiteral("'{' is never closed"), i);
        const QString inside = text.mid(i + 1, close - i - 1);
        if (inside.contains(QLatin1Char('{')))
            return fail(QStringLiteral("'{' is never closed"), i);
        const qsizetype colon = inside.indexOf(QLatin1Char(':'));
        const QString token = colon < 0 ? inside : inside.left(colon);
        const QString argument = colon < 0 ? QString() : inside.mid(colon + 1);
        if (!knownTokens().contains(token))
            return fail(QStringLiteral("unknown token {%1} (known: {%2})")
                            .arg(token, knownTokens().join(QStringLiteral("} {"))),
                        i);
        const QString argError = validateArgument(token, argument);
        if (!argError.isEmpty())
            return fail(argError, i);
        if (!literal.isEmpty())
            result.m_parts.append({literal, {}, {}});
        literal.clear();
        result.m_parts.append({{}, token, argument});
        i = close;
    }
    if (!literal.isEmpty())
        result.m_parts.append({literal, {}, {}});
    return result;
}

QString NameTemplate::render(const NameContext &ctx) const
{
    QString out;
    for (const Part &part : m_parts) {
        if (part.token.isEmpty()) {
            out += part.literal;
        } else if (part.token == QLatin1String("name")) {
            out += sanitized(ctx.baseName);
        } else if (part.token == QLatin1String("ext")) {
            out += ctx.extension;
        } else if (part.token == QLatin1String("srcext")) {
            out += sanitized(ctx.sourceExtension);
        } else if (part.token == QLatin1String("counter")) {
            const int digits = part.argument.isNull() ? 1 : part.argument.toInt();
            out += QStringLiteral("%1").arg(ctx.counter, digits, 10, QLatin1Char('0'));
        } else if (part.token == QLatin1String("width")) {
            out += QString::number(ctx.width);
        } else if (part.token == QLatin1String("height")) {
            out += QString::number(ctx.height);
        } else if (part.token == QLatin1String("parent")) {
            out += sanitized(ctx.parent);
        } else if (part.token == QLatin1String("date") || part.token == QLatin1String("taken")) {
            const QString format = part.argument.isNull() ? QStringLiteral("yyyyMMdd") : part.argument;
            const bool taken = part.token == QLatin1String("taken") && ctx.dateTaken.isValid();
            out += sanitized((taken ? ctx.dateTaken : ctx.date).toString(format));
        } else if (part.token == QLatin1String("camera")) {
            out += ctx.camera.isEmpty() ? QStringLiteral("unknown-camera") : sanitized(ctx.camera);
        }
    }
    return out;
}

bool NameTemplate::usesImageData() const
{
    for (const Part &part : m_parts) {
        if (part.token == QLatin1String("width") || part.token == QLatin1String("height")
            || part.token == QLatin1String("taken") || part.token == QLatin1String("camera"))
            return true;
    }
    return false;
}

} // namespace pixelmill

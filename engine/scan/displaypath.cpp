// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/displaypath.h"

#include "engine/scan/nativepath.h"

#include <algorithm>

namespace pixelmill {

namespace {

bool shownAsCodePoint(char16_t c)
{
    return (c >= 0x80 && c <= 0x9F) // C1 controls: 0x9B is a CSI to some terminals
        || c == 0x2028 || c == 0x2029 // line and paragraph separators break a row
        || c == 0x061C || c == 0x200E || c == 0x200F // bidirectional marks
        || (c >= 0x202A && c <= 0x202E) // embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069); // isolates
}

QString hex(uint value, int digits)
{
    return QString::number(value, 16).rightJustified(digits, QLatin1Char('0'));
}

} // namespace

QString displayPath(const QString &path)
{
    const auto plain = [](QChar ch) {
        const char16_t c = ch.unicode();
        return c >= 0x20 && c != 0x7F && escapedNativeByte(ch) < 0 && !shownAsCodePoint(c);
    };
    if (std::all_of(path.cbegin(), path.cend(), plain))
        return path;

    QString shown;
    shown.reserve(path.size() + 16);
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar ch = path.at(i);
        const char16_t c = ch.unicode();
        // A valid surrogate pair is an ordinary character beyond the BMP (an emoji).
        if (ch.isHighSurrogate() && i + 1 < path.size() && path.at(i + 1).isLowSurrogate()) {
            shown += ch;
            shown += path.at(++i);
        } else if (plain(ch)) {
            shown += ch;
        } else if (c == u'\n') {
            shown += QLatin1String("\\n");
        } else if (c == u'\r') {
            shown += QLatin1String("\\r");
        } else if (c == u'\t') {
            shown += QLatin1String("\\t");
        } else if (const int raw = escapedNativeByte(ch); raw >= 0) {
            shown += QLatin1String("\\x") + hex(uint(raw), 2); // a byte that was not UTF-8
        } else if (shownAsCodePoint(c)) {
            shown += QLatin1String("\\u") + hex(c, 4);
        } else {
            shown += QLatin1String("\\x") + hex(c, 2);
        }
    }
    return shown;
}

} // namespace pixelmill

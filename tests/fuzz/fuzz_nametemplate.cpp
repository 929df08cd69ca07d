// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: naming templates. Accepted ones must render a name without '/'.
#include "engine/export/nametemplate.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto parsed = pixelmill::NameTemplate::parse(text, &error);
    if (!parsed) {
        if (!error.contains(QStringLiteral("position")))
            std::abort(); // every refusal names a position
        return 0;
    }
    pixelmill::NameContext ctx;
    ctx.baseName = QStringLiteral("a/b");
    ctx.extension = QStringLiteral("jpg");
    ctx.counter = 7;
    ctx.date = QDateTime(QDate(2024, 1, 2), QTime(3, 4));
    ctx.camera = QStringLiteral("x/y");
    const QString name = parsed->render(ctx);
    if (name.contains(QLatin1Char('/')))
        std::abort();
    return 0;
}

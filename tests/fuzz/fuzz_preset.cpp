// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: preset JSON must be accepted or refused with an error, never crash.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/preset/preset.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pixelmill::FilterRegistry *registry = [] {
        auto *r = new pixelmill::FilterRegistry;
        pixelmill::registerBuiltinFilters(*r);
        return r;
    }();
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto preset = pixelmill::presetFromJson(json, QStringLiteral("fuzz.json"), *registry, &error);
    if (!preset && error.isEmpty())
        std::abort(); // a refusal must say why
    if (preset) {
        // What we accept must survive a round trip unchanged.
        const auto again = pixelmill::presetFromJson(pixelmill::presetToJson(*preset), QStringLiteral("again"),
                                                     *registry, &error);
        if (!again || !(*again == *preset))
            std::abort();
    }
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: `--filter` specs, parsed and then normalised like the CLI does.
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/preset/filterspec.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pixelmill::FilterRegistry *registry = [] {
        auto *r = new pixelmill::FilterRegistry;
        pixelmill::registerBuiltinFilters(*r);
        return r;
    }();
    const QString spec = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto step = pixelmill::parseFilterSpec(spec, &error);
    if (!step) {
        if (error.isEmpty())
            std::abort();
        return 0;
    }
    const auto normalized = registry->normalized(*step);
    if (normalized.ok() && registry->normalized(normalized.value).value.params != normalized.value.params)
        std::abort(); // normalising twice must change nothing
    return 0;
}

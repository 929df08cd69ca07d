// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/orientation.h"

#include <algorithm>

namespace pixelmill {

bool chainOrientsExplicitly(const FilterChain &chain)
{
    return std::any_of(chain.begin(), chain.end(),
                       [](const FilterStep &s) { return s.enabled && s.filterId == kAutoOrientId; });
}

FilterChain withSourceOrientation(const FilterChain &chain, int exifOrientation)
{
    FilterChain out = chain;
    const QString key = QStringLiteral("orientation");
    for (FilterStep &step : out) {
        if (step.filterId == kAutoOrientId && step.params.value(key).toInt() == 0)
            step.params.insert(key, exifOrientation);
    }
    return out;
}

} // namespace pixelmill

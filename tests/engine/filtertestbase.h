// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"

#include <QtGlobal>

namespace pixelmill::test {

/// Runs one built-in filter with parameters normalised like a preset's.
class FilterRunner
{
public:
    FilterRunner() { registerBuiltinFilters(m_registry); }

    cv::Mat run(const QString &id, const QVariantMap &params, const cv::Mat &in) const
    {
        const auto n = m_registry.normalized(FilterStep{id, 1, true, params});
        if (!n.ok())
            qFatal("%s", qPrintable(n.error));
        return m_registry.find(id)->apply(in, n.value.params, CancelToken());
    }

private:
    FilterRegistry m_registry;
};

} // namespace pixelmill::test

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

namespace pixelmill {

/// One configured filter in a chain: a plain value, copied into every job.
struct FilterStep
{
    QString filterId;
    int version = 1;
    bool enabled = true;
    QVariantMap params;

    bool operator==(const FilterStep &o) const
    {
        return filterId == o.filterId && version == o.version && enabled == o.enabled
            && params == o.params;
    }
};

using FilterChain = QList<FilterStep>;

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/paramspec.h"

#include <QList>
#include <QString>

namespace pixelmill {

/// What a filter is, as data. `id` is stable forever (presets store it); bump
/// `version` when the meaning of a parameter changes.
struct FilterDescriptor
{
    QString id;
    int version = 1;
    QString displayName;
    QString category;
    QString description;
    QList<ParamSpec> params;

    const ParamSpec *param(const QString &key) const
    {
        for (const ParamSpec &p : params) {
            if (p.key == key)
                return &p;
        }
        return nullptr;
    }
};

} // namespace pixelmill

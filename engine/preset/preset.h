// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/pipeline/filterstep.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace pixelmill {

class FilterRegistry;

/// A filter chain plus export options: what the GUI saves and
/// `pixelmill-cli --preset` runs. Stored as versioned JSON:
/// {"format": "pixelmill-preset", "version": 1, "filters": [...], "export": {...}}
struct Preset
{
    static constexpr int kVersion = 1;

    FilterChain chain;
    ExportOptions exportOptions;
    bool hasOutputDir = false; ///< whether the file named an output folder

    bool operator==(const Preset &o) const
    {
        return chain == o.chain && exportOptions == o.exportOptions;
    }
};

QByteArray presetToJson(const Preset &preset);

/// Parses and validates (the chain is normalised through `registry`). Errors
/// read "<source>: line L, column C: ..." for syntax and "<source>: <key path>:
/// ..." for content, naming what was expected.
std::optional<Preset> presetFromJson(const QByteArray &json, const QString &sourceName,
                                     const FilterRegistry &registry, QString *error);

std::optional<Preset> loadPresetFile(const QString &path, const FilterRegistry &registry,
                                     QString *error);
bool savePresetFile(const QString &path, const Preset &preset, QString *error);

} // namespace pixelmill

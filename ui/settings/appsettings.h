// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/image/decodeoptions.h"
#include "engine/pipeline/filterstep.h"

#include <QString>

namespace pixelmill {

class FilterRegistry;
class WorkerPool;

/// What the window remembers between runs. Read and written with QSettings
/// here (the engine only ever sees the values).
struct AppSettings
{
    int workers = 0; ///< 0: one per core
    int memoryLimitMiB = 0; ///< for the images of running jobs; 0: half of RAM (see MemoryBudget)
    /// Larger images are refused (DecodeOptions::maxPixels); a JPEG counts at the size it decodes to.
    int maxMegapixels = kDefaultMaxMegapixels;
    FilterChain chain;
    ExportOptions exportOptions;
    QString lastInputFolder;
    QString lastPresetFolder;
    bool gridMode = false;

    int effectiveWorkers() const;
    qint64 effectiveMemoryLimit() const; ///< in bytes
    /// Gives the pool this worker count and memory limit.
    void applyTo(WorkerPool &pool) const;
    DecodeOptions decodeOptions() const;
};

/// A first run gets a useful default: web-size JPEGs.
AppSettings defaultAppSettings(const FilterRegistry &registry);
AppSettings loadAppSettings(const FilterRegistry &registry);
void saveAppSettings(const AppSettings &settings);

} // namespace pixelmill

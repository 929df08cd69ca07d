// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/appsettings.h"

#include "engine/pipeline/filterregistry.h"
#include "engine/preset/preset.h"
#include "engine/worker/memorybudget.h"
#include "engine/worker/workerpool.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

namespace pixelmill {

namespace {

const QString kWorkers = QStringLiteral("workers");
const QString kMemoryLimit = QStringLiteral("memoryLimitMiB");
const QString kMaxMegapixels = QStringLiteral("maxMegapixels");
const QString kPreset = QStringLiteral("currentPreset");
const QString kLastInput = QStringLiteral("lastInputFolder");
const QString kLastPreset = QStringLiteral("lastPresetFolder");
const QString kGrid = QStringLiteral("gridMode");

} // namespace

int AppSettings::effectiveWorkers() const
{
    return workers > 0 ? workers : QThread::idealThreadCount();
}

qint64 AppSettings::effectiveMemoryLimit() const
{
    return memoryLimitMiB > 0 ? qint64(memoryLimitMiB) << 20 : MemoryBudget::defaultLimit();
}

void AppSettings::applyTo(WorkerPool &pool) const
{
    pool.setMaxWorkers(effectiveWorkers());
    pool.setMemoryLimit(effectiveMemoryLimit());
}

DecodeOptions AppSettings::decodeOptions() const
{
    DecodeOptions options;
    options.maxPixels = qint64(maxMegapixels) * 1'000'000;
    return options;
}

AppSettings defaultAppSettings(const FilterRegistry &registry)
{
    AppSettings s;
    s.chain = registry.normalized(FilterChain{
        FilterStep{QStringLiteral("resize"), 1, true, {{QStringLiteral("long_edge"), 1920}}},
        FilterStep{QStringLiteral("unsharp_mask"), 1, true, {}}}).value;
    s.exportOptions.outputDir = QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                                    .filePath(QStringLiteral("Pixelmill"));
    s.exportOptions.jpegQuality = 85;
    return s;
}

AppSettings loadAppSettings(const FilterRegistry &registry)
{
    AppSettings s = defaultAppSettings(registry);
    QSettings settings;
    s.workers = settings.value(kWorkers, 0).toInt();
    s.memoryLimitMiB = std::max(0, settings.value(kMemoryLimit, 0).toInt());
    s.maxMegapixels = std::clamp(settings.value(kMaxMegapixels, kDefaultMaxMegapixels).toInt(), 1, kMostMaxMegapixels);
    const QByteArray presetJson = settings.value(kPreset).toByteArray();
    if (!presetJson.isEmpty()) {
        // A preset saved by an older build may fail validation: keep the defaults then.
        if (const auto preset = presetFromJson(presetJson, QStringLiteral("settings"), registry, nullptr)) {
            s.chain = preset->chain;
            s.exportOptions = preset->exportOptions;
        }
    }
    s.lastInputFolder = settings.value(kLastInput).toString();
    s.lastPresetFolder = settings.value(kLastPreset).toString();
    s.gridMode = settings.value(kGrid, false).toBool();
    return s;
}

void saveAppSettings(const AppSettings &s)
{
    QSettings settings;
    settings.setValue(kWorkers, s.workers);
    settings.setValue(kMemoryLimit, s.memoryLimitMiB);
    settings.setValue(kMaxMegapixels, s.maxMegapixels);
    settings.setValue(kPreset, presetToJson(Preset{s.chain, s.exportOptions, true}));
    settings.setValue(kLastInput, s.lastInputFolder);
    settings.setValue(kLastPreset, s.lastPresetFolder);
    settings.setValue(kGrid, s.gridMode);
}

} // namespace pixelmill

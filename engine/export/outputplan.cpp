// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputplan.h"

#include "engine/export/nametemplate.h"
#include "engine/export/outputnaming.h"
#include "engine/export/outputreservations.h"
#include "engine/export/outputwriter.h"
#include "engine/image/imagedecoder.h"
#include "engine/image/sourcemetadata.h"
#include "engine/job/job.h"
#include "engine/pipeline/filterregistry.h"

#include <QHash>

namespace pixelmill {

namespace {

// The output size the chain predicts, or empty when a step cannot tell without pixels.
cv::Size predictedSize(cv::Size size, const FilterChain &chain, const FilterRegistry &registry)
{
    for (const FilterStep &step : chain) {
        if (!step.enabled)
            continue;
        const Filter *filter = registry.find(step.filterId);
        const auto next = filter ? filter->outputSize(size, step.params) : std::nullopt;
        if (!next)
            return {};
        size = *next;
    }
    return size;
}

} // namespace

QList<PlannedOutput> planOutputs(const QList<FoundFile> &inputs, const FilterChain &chain,
                                 const ExportOptions &options, const DecodeOptions &decode,
                                 const FilterRegistry &registry)
{
    QList<PlannedOutput> plan;
    const auto name = NameTemplate::parse(options.nameTemplate, nullptr);
    if (!name)
        return plan;
    OutputReservations reservations;
    QStringList sources;
    sources.reserve(inputs.size());
    for (const FoundFile &f : inputs)
        sources.append(f.path);
    reservations.protect(sources);
    QHash<QString, QString> firstWanting; // desired name -> first input that wanted it
    CounterSequence counters;
    for (const FoundFile &f : inputs) {
        PlannedOutput entry;
        entry.input = f.path;
        const int counter = counters.assign(f.counter);
        cv::Size size;
        SourceMetadata metadata;
        ExportOptions inputOptions = options;
        if (!namesKnownBeforeDecoding(options, *name)) {
            QByteArray bytes;
            QString error;
            ImageHeader header;
            if (readRegularFile(f.path, bytes, error, maxImageFileBytes(decode.maxPixels)))
                error = probeHeader(bytes, header);
            if (error.isEmpty() && headerOverPixelLimit(header, decode.maxPixels))
                error = QStringLiteral("over the pixel limit");
            if (!error.isEmpty()) {
                entry.outcome = PlannedOutput::Outcome::Unknown;
                entry.note = error;
                plan.append(entry);
                continue;
            }
            size = predictedSize(header.orientedSize, chain, registry);
            inputOptions = optionsForInput(options, header.format);
            metadata = SourceMetadata::read(bytes, nullptr);
        }
        const QString desired = plannedOutputPath(inputOptions, *name, f.path, f.relativeDir, counter,
                                                  size.width, size.height, &metadata);
        if (firstWanting.contains(desired))
            entry.clashWith = firstWanting.value(desired);
        else
            firstWanting.insert(desired, f.path);
        const NameChoice choice = chooseOutputName(desired, options.overwrite, reservations);
        entry.output = choice.path;
        switch (choice.status) {
        case NameChoice::Status::Chosen:
            entry.outcome = choice.replacesExisting ? PlannedOutput::Outcome::Overwrite
                : choice.attempt > 0                ? PlannedOutput::Outcome::WriteRenamed
                                                    : PlannedOutput::Outcome::Write;
            break;
        case NameChoice::Status::Skipped:
        case NameChoice::Status::Failed:
            entry.outcome = PlannedOutput::Outcome::Skip;
            entry.note = choice.reason;
            break;
        }
        plan.append(entry);
    }
    return plan;
}

QStringList describeOutcome(const PlannedOutput &p)
{
    QStringList marks;
    if (!p.clashWith.isEmpty())
        marks << QStringLiteral("CLASH: same name as %1").arg(p.clashWith);
    switch (p.outcome) {
    case PlannedOutput::Outcome::Write:
        break;
    case PlannedOutput::Outcome::WriteRenamed:
        marks << QStringLiteral("renamed");
        break;
    case PlannedOutput::Outcome::Overwrite:
        marks << QStringLiteral("overwrites existing file");
        break;
    case PlannedOutput::Outcome::Skip:
        marks << QStringLiteral("skip: %1").arg(p.note);
        break;
    case PlannedOutput::Outcome::Unknown:
        marks << QStringLiteral("cannot plan: %1").arg(p.note);
        break;
    }
    return marks;
}

PlanCounts countOutcomes(const QList<PlannedOutput> &plan)
{
    PlanCounts c;
    c.inputs = int(plan.size());
    for (const PlannedOutput &p : plan) {
        c.clashes += p.clashWith.isEmpty() ? 0 : 1;
        c.renamed += p.outcome == PlannedOutput::Outcome::WriteRenamed ? 1 : 0;
        c.overwrites += p.outcome == PlannedOutput::Outcome::Overwrite ? 1 : 0;
        c.skipped += p.outcome == PlannedOutput::Outcome::Skip ? 1 : 0;
        c.unknown += p.outcome == PlannedOutput::Outcome::Unknown ? 1 : 0;
    }
    return c;
}

} // namespace pixelmill

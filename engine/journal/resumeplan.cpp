// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/resumeplan.h"

#include "engine/image/imagedecoder.h"
#include "engine/journal/unrecordedoutputs.h"

namespace pixelmill {

bool outputStillGood(const QString &path)
{
    QByteArray bytes;
    QString error;
    ImageHeader header;
    return !path.isEmpty() && readRegularFile(path, bytes, error) && probeHeader(bytes, header).isEmpty();
}

bool recordedAsFinished(const InterruptedBatch::Entry &entry)
{
    return entry.status == QLatin1String("written") || entry.status == QLatin1String("skipped");
}

ResumePlan planResume(const InterruptedBatch &batch, const ExportOptions &options)
{
    ResumePlan plan;
    const QHash<QString, QString> unrecorded = findUnrecordedOutputs(batch, options);
    for (qsizetype i = 0; i < batch.jobs.size(); ++i) {
        const InterruptedBatch::Entry &e = batch.jobs.at(i);
        if (batch.crashedInputs.contains(e.input)) {
            plan.crashed << e.input;
            continue;
        }
        if (recordedAsFinished(e)) {
            if (e.status == QLatin1String("skipped") || outputStillGood(e.output)) {
                ++plan.keptOutputs;
                continue;
            }
            ++plan.missingOutputs;
        } else if (const QString output = unrecorded.value(e.input); outputStillGood(output)) {
            plan.recovered.insert(e.input, output);
            ++plan.keptOutputs;
            continue;
        }
        plan.remaining.append(FoundFile{e.input, e.relativeDir, int(i) + 1});
    }
    return plan;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/resumeplan.h"

#include "engine/image/imagedecoder.h"

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

ResumePlan planResume(const InterruptedBatch &batch)
{
    ResumePlan plan;
    for (const InterruptedBatch::Entry &e : batch.jobs) {
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
        }
        plan.remaining.append(FoundFile{e.input, e.relativeDir});
    }
    return plan;
}

} // namespace pixelmill

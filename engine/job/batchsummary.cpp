// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/job/batchsummary.h"

namespace pixelmill {

void BatchSummary::add(const JobResult &result)
{
    switch (result.status) {
    case JobStatus::Written:
        ++written;
        bytesWritten += result.bytesWritten;
        if (!result.warnings.isEmpty())
            ++writtenWithWarnings;
        for (const QString &warning : result.warnings)
            warnings.append({result.inputPath, warning});
        return;
    case JobStatus::Skipped:
        ++skipped;
        problems.append({result.inputPath, result.error});
        return;
    case JobStatus::Failed:
        ++failed;
        problems.append({result.inputPath, result.error});
        return;
    case JobStatus::Canceled:
        ++canceled;
        return;
    }
}

void BatchSummary::addNotRun(const JobResult &result)
{
    ++submitted;
    add(result);
}

void BatchSummary::merge(const BatchSummary &other)
{
    submitted += other.submitted;
    written += other.written;
    writtenWithWarnings += other.writtenWithWarnings;
    skipped += other.skipped;
    failed += other.failed;
    canceled += other.canceled;
    bytesWritten += other.bytesWritten;
    problems += other.problems;
    warnings += other.warnings;
}

} // namespace pixelmill

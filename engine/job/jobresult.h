// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/job.h"

#include <QImage>
#include <QMetaType>
#include <QSize>
#include <QString>
#include <QStringList>

namespace pixelmill {

enum class JobStatus {
    Written,
    Skipped,
    Failed,
    Canceled,
};

QString jobStatusName(JobStatus status);

/// Milliseconds spent in each stage of one job.
struct StageTimings
{
    double readMs = 0;
    double decodeMs = 0;
    double filterMs = 0;
    double encodeMs = 0;
    double writeMs = 0;
    double thumbnailMs = 0;
    double totalMs() const { return readMs + decodeMs + filterMs + encodeMs + writeMs + thumbnailMs; }
};

/// Everything the UI and the report need about one finished job. A small value:
/// the thumbnail is at most 256 px.
struct JobResult
{
    JobId id = 0;
    JobStatus status = JobStatus::Failed;
    QString inputPath;
    QString outputPath;
    QString error; ///< reason for Failed or Skipped
    QStringList warnings;
    QImage thumbnail;
    QSize inputSize; ///< upright, full resolution
    QSize outputSize;
    qint64 inputBytes = 0;
    qint64 bytesWritten = 0;
    int decodeReduction = 1;
    StageTimings timings;
};

} // namespace pixelmill

Q_DECLARE_METATYPE(pixelmill::JobResult)

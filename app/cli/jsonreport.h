// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"
#include "engine/job/jobresult.h"

#include <QList>
#include <QString>

namespace pixelmill {

/// `--report`: the summary plus one record per input (status, output, error,
/// warnings, sizes, per-stage timings), in input order. Written atomically.
bool writeJsonReport(const QString &path, const BatchSummary &summary,
                     const QList<JobResult> &results, QString *error);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/job/jobresult.h"

namespace pixelmill {

QString jobStatusName(JobStatus status)
{
    switch (status) {
    case JobStatus::Written:
        return QStringLiteral("written");
    case JobStatus::Skipped:
        return QStringLiteral("skipped");
    case JobStatus::Failed:
        return QStringLiteral("failed");
    case JobStatus::Canceled:
        return QStringLiteral("canceled");
    }
    return {};
}

} // namespace pixelmill

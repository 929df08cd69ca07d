// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/job/jobstage.h"

namespace pixelmill {

QString jobStageName(JobStage stage)
{
    switch (stage) {
    case JobStage::Reading:
        return QStringLiteral("reading");
    case JobStage::WaitingForMemory:
        return QStringLiteral("waiting for memory");
    case JobStage::Decoding:
        return QStringLiteral("decoding");
    case JobStage::Filtering:
        return QStringLiteral("filtering");
    case JobStage::Encoding:
        return QStringLiteral("encoding");
    case JobStage::Writing:
        return QStringLiteral("writing");
    case JobStage::Thumbnail:
        return QStringLiteral("thumbnail");
    }
    return {};
}

} // namespace pixelmill

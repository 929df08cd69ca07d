// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QMetaType>
#include <QString>

namespace pixelmill {

/// The stages a job passes through, in order.
enum class JobStage {
    Reading,
    WaitingForMemory, ///< other running jobs hold the memory this one's image needs
    Decoding,
    Filtering,
    Encoding,
    Writing,
    Thumbnail,
};

QString jobStageName(JobStage stage);

} // namespace pixelmill

Q_DECLARE_METATYPE(pixelmill::JobStage)

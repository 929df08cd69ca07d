// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/job.h"
#include "engine/job/jobresult.h"
#include "engine/job/jobstage.h"
#include "engine/worker/canceltoken.h"

#include <opencv2/core.hpp>

#include <QByteArray>

#include <functional>

namespace pixelmill {

class FilterRegistry;
class MemoryBudget;
class OutputReservations;

using StageCallback = std::function<void(JobStage stage, int percent)>;
/// Asked when a job that makes a thumbnail (Job::makeThumbnail) reaches that
/// stage: false skips it, as nobody will look at it (the window's row is off
/// screen, and will read the output file if it is scrolled to).
using ThumbnailWanted = std::function<bool()>;

/// Runs one job start to finish on the calling thread: read → header guard →
/// decode (shrink-on-load when the chain starts with a downscale) → filters →
/// encode to memory → atomic write → thumbnail (if `thumbnailWanted` says so,
/// or always without one). Checks `cancel` between stages.
/// With a `memory` budget, the job holds its image's estimated working memory
/// from decoding to the end, and waits for it first if need be.
/// Never throws: every failure becomes a JobResult with a reason. Thread-safe;
/// called on worker threads, never on the GUI thread by the app.
JobResult processJob(const Job &job, const FilterRegistry &registry, OutputReservations &reservations,
    const CancelToken &cancel, const StageCallback &onStage = {}, MemoryBudget *memory = nullptr,
    const ThumbnailWanted &thumbnailWanted = {});

/// What a job on this image holds at its peak: the file's bytes, the decoded
/// image and one filter result of the same size (JPEG decodes to 8-bit colour;
/// anything else is taken as 16-bit colour with alpha, its largest layout),
/// and what the decoder buffers beside them (a progressive JPEG's coefficients,
/// see jpegCoefficientBufferBytes).
qint64 estimatedWorkingBytes(const QByteArray &format, cv::Size decodedSize, qint64 fileBytes,
                             qint64 decoderBufferBytes = 0);

} // namespace pixelmill

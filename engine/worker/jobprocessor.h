// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/job.h"
#include "engine/job/jobresult.h"
#include "engine/job/jobstage.h"
#include "engine/worker/canceltoken.h"

#include <functional>

namespace pixelmill {

class FilterRegistry;
class OutputReservations;

using StageCallback = std::function<void(JobStage stage, int percent)>;

/// Runs one job start to finish on the calling thread: read → header guard →
/// decode (shrink-on-load when the chain starts with a downscale) → filters →
/// encode to memory → atomic write → thumbnail. Checks `cancel` between stages.
/// Never throws: every failure becomes a JobResult with a reason. Thread-safe;
/// called on worker threads, never on the GUI thread by the app.
JobResult processJob(const Job &job, const FilterRegistry &registry,
                     OutputReservations &reservations, const CancelToken &cancel,
                     const StageCallback &onStage = {});

} // namespace pixelmill

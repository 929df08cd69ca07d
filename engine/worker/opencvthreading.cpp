// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/opencvthreading.h"

#include <opencv2/core.hpp>

#include <QThread>

#include <algorithm>

namespace pixelmill {

int openCvThreadsFor(int workers, int cores)
{
    // Parallelism across files scales almost linearly; OpenCV's own loops help
    // only when there are fewer workers than cores.
    return std::max(1, cores / std::max(1, workers));
}

void applyOpenCvThreadingRule(int workers)
{
    cv::setNumThreads(openCvThreadsFor(workers, QThread::idealThreadCount()));
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"
#include "engine/job/jobresult.h"

#include <QElapsedTimer>

#include <cstdio>

namespace pixelmill {

/// Progress on stderr: a redrawn bar on a terminal, one plain line per finished
/// input otherwise (logs, CI). Failures are always printed.
class ProgressPrinter
{
public:
    ProgressPrinter(FILE *stream, bool quiet);

    void setTotal(int total) { m_total = total; }
    /// Inputs of the batch that need no run (a resumed batch's kept outputs, the
    /// files a crash left out): counted as finished in "[done/total]".
    void setFinishedBefore(int count) { m_finishedBefore = count; }
    void jobFinished(const JobResult &result, const BatchSummary &soFar);
    void finish(const BatchSummary &summary);

private:
    void drawBar(const BatchSummary &soFar);
    int total() const { return m_finishedBefore + m_total; }
    void clearBar();

    FILE *m_stream;
    bool m_quiet;
    bool m_terminal;
    bool m_barShown = false;
    int m_total = 0;
    int m_finishedBefore = 0;
    QElapsedTimer m_clock;
    qint64 m_lastDrawMs = -1000;
};

} // namespace pixelmill

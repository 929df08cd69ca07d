// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/progressprinter.h"

#include "engine/job/batchpace.h"
#include "engine/scan/displaypath.h"

#include <QString>

#include <unistd.h>

namespace pixelmill {

namespace {

constexpr int kBarWidth = 30;

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

ProgressPrinter::ProgressPrinter(FILE *stream, bool quiet)
    : m_stream(stream), m_quiet(quiet), m_terminal(::isatty(::fileno(stream)) == 1)
{
    m_clock.start();
}

void ProgressPrinter::jobFinished(const JobResult &r, const BatchSummary &soFar)
{
    const int done = m_finishedBefore + soFar.finished();
    if (r.status == JobStatus::Failed) {
        clearBar();
        print(m_stream, QStringLiteral("failed: %1: %2\n").arg(displayPath(r.inputPath), displayPath(r.error)));
    } else if (!m_terminal && !m_quiet) {
        const QString detail = r.status == JobStatus::Written ? QStringLiteral(" -> %1").arg(displayPath(r.outputPath))
                                                              : QStringLiteral(": %1").arg(displayPath(r.error));
        print(m_stream, QStringLiteral("[%1/%2] %3 %4%5\n")
                            .arg(done)
                            .arg(total())
                            .arg(jobStatusName(r.status), displayPath(r.inputPath), detail));
    }
    for (const QString &w : r.warnings) {
        clearBar();
        print(m_stream, QStringLiteral("warning: %1: %2\n").arg(displayPath(r.inputPath), displayPath(w)));
    }
    if (m_terminal && !m_quiet && (m_clock.elapsed() - m_lastDrawMs >= 100 || done == total()))
        drawBar(soFar);
}

void ProgressPrinter::drawBar(const BatchSummary &s)
{
    const int done = m_finishedBefore + s.finished();
    const double seconds = m_clock.elapsed() / 1000.0;
    const double rate = seconds > 0 ? s.processed() / seconds : 0; // this run's own speed
    const int filled = total() > 0 ? kBarWidth * done / total() : 0;
    QString bar = QString(filled, QLatin1Char('#')) + QString(kBarWidth - filled, QLatin1Char('.'));
    const QString eta = clockText(secondsLeft(total() - done, s.worked(), seconds));
    print(m_stream, QStringLiteral("\r[%1] %2/%3  %4 failed  %5 img/s  ETA %6 ")
                        .arg(bar)
                        .arg(done)
                        .arg(total())
                        .arg(s.failed)
                        .arg(rate, 0, 'f', 1)
                        .arg(eta));
    m_barShown = true;
    m_lastDrawMs = m_clock.elapsed();
}

void ProgressPrinter::clearBar()
{
    if (!m_barShown)
        return;
    print(m_stream, QStringLiteral("\r%1\r").arg(QString(kBarWidth + 60, QLatin1Char(' '))));
    m_barShown = false;
}

void ProgressPrinter::finish(const BatchSummary &s)
{
    clearBar();
    const double rate = s.wallSeconds > 0 ? s.processed() / s.wallSeconds : 0;
    print(m_stream, QStringLiteral("%1 inputs: %2 written%3, %4 skipped, %5 failed%6 in %7 s (%8 img/s)\n")
                        .arg(s.submitted)
                        .arg(s.written)
                        .arg(s.writtenWithWarnings ? QStringLiteral(" (%1 with warnings)").arg(s.writtenWithWarnings)
                                                   : QString())
                        .arg(s.skipped)
                        .arg(s.failed)
                        .arg(s.canceled ? QStringLiteral(", %1 canceled").arg(s.canceled) : QString())
                        .arg(s.wallSeconds, 0, 'f', 2)
                        .arg(rate, 0, 'f', 1));
}

} // namespace pixelmill

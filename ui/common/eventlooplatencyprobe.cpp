// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/common/eventlooplatencyprobe.h"

#include <algorithm>

namespace pixelmill {

namespace {

constexpr int kIntervalMs = 10;

double percentile(QList<double> sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype index = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())));
    return sorted.at(index);
}

} // namespace

EventLoopLatencyProbe::EventLoopLatencyProbe(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopLatencyProbe::tick);
}

void EventLoopLatencyProbe::start()
{
    m_lateMs.clear();
    m_lastNs = -1;
    m_clock.start();
    m_timer.start();
}

void EventLoopLatencyProbe::stop()
{
    m_timer.stop();
}

void EventLoopLatencyProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0)
        m_lateMs.append(std::max(0.0, double(now - m_lastNs) / 1e6 - kIntervalMs));
    m_lastNs = now;
}

EventLoopLatencyProbe::Stats EventLoopLatencyProbe::stats() const
{
    QList<double> sorted = m_lateMs;
    std::sort(sorted.begin(), sorted.end());
    Stats s;
    s.samples = int(sorted.size());
    s.p50Ms = percentile(sorted, 0.50);
    s.p99Ms = percentile(sorted, 0.99);
    s.maxMs = sorted.isEmpty() ? 0 : sorted.last();
    return s;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace pixelmill {

/// Measures how late a 10 ms timer fires on this thread's event loop: the
/// stall a user would feel. Used by `pixelmill --latency-report` and the benchmark.
class EventLoopLatencyProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLoopLatencyProbe)

public:
    struct Stats
    {
        int samples = 0;
        double p50Ms = 0;
        double p99Ms = 0;
        double maxMs = 0;
    };

    explicit EventLoopLatencyProbe(QObject *parent = nullptr);

    void start();
    void stop();
    Stats stats() const;

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    QList<double> m_lateMs;
};

} // namespace pixelmill

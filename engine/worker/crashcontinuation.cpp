// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/crashcontinuation.h"

#include "engine/worker/crashmarker.h"

#include <QFile>

namespace pixelmill {

namespace {

constexpr char kVariable[] = "PIXELMILL_CRASH_CONTINUATION";

// Each continuation fails at least one input it never processes again, so the
// chain ends by itself; this bounds it should a marker fail to be read back.
constexpr int kMaxContinuations = 1000;

} // namespace

std::optional<CrashContinuation> crashContinuationOfThisRun()
{
    const QList<QByteArray> fields = qgetenv(kVariable).split(':');
    qunsetenv(kVariable);
    bool numberOk = false;
    bool startOk = false;
    CrashContinuation c;
    if (fields.size() == 2) {
        c.number = fields.at(0).toInt(&numberOk);
        c.startedMs = fields.at(1).toLongLong(&startOk);
    }
    if (!numberOk || !startOk || c.number < 1)
        return std::nullopt;
    return c;
}

QList<QByteArray> thisCommandLine()
{
    QFile cmdline(QStringLiteral("/proc/self/cmdline"));
    if (!cmdline.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> arguments = cmdline.readAll().split('\0');
    if (!arguments.isEmpty() && arguments.last().isEmpty())
        arguments.removeLast();
    return arguments;
}

void continueAfterACrashWith(const QList<QByteArray> &whileBatchRuns, const QList<QByteArray> &otherwise,
                             qint64 startedMs, int crashesSoFar)
{
    if (crashesSoFar >= kMaxContinuations) {
        crashmarker::continueAfterCrash({}, {}, {});
        return;
    }
    const QByteArray variable =
        QByteArray(kVariable) + '=' + QByteArray::number(crashesSoFar + 1) + ':' + QByteArray::number(startedMs);
    crashmarker::continueAfterCrash(whileBatchRuns, otherwise, {variable});
}

} // namespace pixelmill

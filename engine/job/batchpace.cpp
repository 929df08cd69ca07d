// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/job/batchpace.h"

namespace pixelmill {

double secondsLeft(int remaining, int worked, double seconds)
{
    if (worked <= 0 || seconds <= 0)
        return -1;
    return remaining > 0 ? remaining * seconds / worked : 0;
}

QString clockText(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("-:--");
    const long long s = static_cast<long long>(seconds + 0.5);
    const QLatin1Char zero('0');
    return s >= 3600
        ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, zero).arg(s % 60, 2, 10, zero)
        : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, zero);
}

} // namespace pixelmill

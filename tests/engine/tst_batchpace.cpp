// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// The time left in a batch, and how it is shown.
#include "engine/job/batchpace.h"

#include <QTest>

using namespace pixelmill;

class TestBatchPace final : public QObject
{
    Q_OBJECT

private slots:
    void theRestGoesAtThePaceOfTheWorkDone()
    {
        QCOMPARE(secondsLeft(30, 10, 5.0), 15.0);
        QCOMPARE(secondsLeft(0, 10, 5.0), 0.0);
    }

    // A re-run that skips 1,900 existing outputs in a second, then works on
    // the 100 new files: after 10 of them in 5 more seconds, the other 90
    // take about 45 s, not the 0.03 s that counting the skips would say.
    void skipsDoNotMakeTheRestLookInstant()
    {
        const int skipped = 1900;
        const int worked = 10;
        const double seconds = 1 + 5;
        const double left = secondsLeft(90, worked, seconds);
        QVERIFY2(left >= 45, qPrintable(QString::number(left)));
        QVERIFY(90 * seconds / (skipped + worked) < 0.3); // the pace with skips counted
    }

    void unknownUntilAJobHasWorked()
    {
        QVERIFY(secondsLeft(100, 0, 3.0) < 0);
        QVERIFY(secondsLeft(100, 5, 0.0) < 0);
        QCOMPARE(clockText(secondsLeft(100, 0, 3.0)), QStringLiteral("-:--"));
    }

    void clockTextShowsHoursFromAnHourOn()
    {
        QCOMPARE(clockText(0), QStringLiteral("0:00"));
        QCOMPARE(clockText(59.6), QStringLiteral("1:00"));
        QCOMPARE(clockText(599), QStringLiteral("9:59"));
        QCOMPARE(clockText(3599.4), QStringLiteral("59:59"));
        QCOMPARE(clockText(3600), QStringLiteral("1:00:00"));
        QCOMPARE(clockText(2 * 3600 + 5 * 60 + 3), QStringLiteral("2:05:03"));
        QCOMPARE(clockText(200 * 3600), QStringLiteral("200:00:00"));
    }
};

QTEST_GUILESS_MAIN(TestBatchPace)
#include "tst_batchpace.moc"

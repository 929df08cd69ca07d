// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/memorybudget.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace pixelmill;

class TestMemoryBudget final : public QObject
{
    Q_OBJECT

private slots:
    void reservationsWithinTheLimitAreGrantedTogether()
    {
        MemoryBudget budget(100);
        const MemoryBudget::Reservation a = budget.reserve(40, CancelToken());
        const MemoryBudget::Reservation b = budget.reserve(60, CancelToken());
        QVERIFY(a.isGranted() && b.isGranted());
        QCOMPARE(budget.peakHolders(), 2);
    }

    void aReservationThatDoesNotFitWaitsForARelease()
    {
        MemoryBudget budget(100);
        auto first = std::make_unique<MemoryBudget::Reservation>(budget.reserve(80, CancelToken()));
        std::atomic<bool> waiting{false};
        std::atomic<bool> granted{false};
        std::thread second([&] {
            const MemoryBudget::Reservation r = budget.reserve(40, CancelToken(), [&] { waiting = true; });
            granted = r.isGranted();
        });
        QTRY_VERIFY(waiting.load());
        QTest::qWait(100);
        QVERIFY(!granted.load()); // still held back by the first
        first.reset();
        second.join();
        QVERIFY(granted.load());
        QCOMPARE(budget.peakHolders(), 1);
    }

    // A single image larger than the whole budget still runs, on its own.
    void anOversizedReservationIsGrantedWhenNothingElseHoldsMemory()
    {
        MemoryBudget budget(10);
        bool waited = false;
        const MemoryBudget::Reservation huge = budget.reserve(1000, CancelToken(), [&] { waited = true; });
        QVERIFY(huge.isGranted());
        QVERIFY(!waited);
    }

    void cancelingAWaiterEndsItsWaitUngranted()
    {
        MemoryBudget budget(100);
        const MemoryBudget::Reservation held = budget.reserve(100, CancelToken());
        CancelToken cancel;
        std::atomic<bool> returned{false};
        bool granted = true;
        std::thread waiter([&] {
            granted = budget.reserve(50, cancel).isGranted();
            returned = true;
        });
        QTest::qWait(60);
        QVERIFY(!returned.load());
        cancel.cancel();
        waiter.join();
        QVERIFY(!granted);
        QVERIFY(held.isGranted());
    }

    void releasedMemoryCanBeReservedAgain()
    {
        MemoryBudget budget(100);
        {
            MemoryBudget::Reservation a = budget.reserve(100, CancelToken());
            MemoryBudget::Reservation moved = std::move(a);
            QVERIFY(!a.isGranted());
            QVERIFY(moved.isGranted());
        }
        bool waited = false;
        const MemoryBudget::Reservation again = budget.reserve(100, CancelToken(), [&] { waited = true; });
        QVERIFY(again.isGranted());
        QVERIFY(!waited); // the moved-from reservation did not release twice, nor keep anything
    }

    void defaultLimitIsHalfThePhysicalMemory()
    {
        const qint64 limit = MemoryBudget::defaultLimit();
        QVERIFY(limit >= qint64(256) << 20);
    }
};

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memorybudget.moc"

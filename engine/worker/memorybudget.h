// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/worker/canceltoken.h"

#include <QtGlobal>

#include <condition_variable>
#include <functional>
#include <mutex>

namespace pixelmill {

/// Admission by memory. Before decoding, a job reserves what its image will
/// take; while the running jobs' reservations would pass the limit, it waits
/// for some to be released. A job that finds nothing reserved is always let
/// in, however large: a folder of panoramas runs one at a time on eight
/// workers instead of running the machine out of memory, and nothing is
/// refused for size here (the pixel limit does that). Thread-safe.
class MemoryBudget
{
public:
    explicit MemoryBudget(qint64 limitBytes);
    MemoryBudget(const MemoryBudget &) = delete;
    MemoryBudget &operator=(const MemoryBudget &) = delete;

    /// Held for as long as the job needs the memory; releases on destruction.
    class Reservation
    {
    public:
        Reservation() = default;
        Reservation(Reservation &&other) noexcept;
        Reservation &operator=(Reservation &&other) noexcept;
        ~Reservation();
        bool isGranted() const { return m_budget != nullptr; }

    private:
        friend class MemoryBudget;
        Reservation(MemoryBudget *budget, qint64 bytes) : m_budget(budget), m_bytes(bytes) {}
        void release();
        MemoryBudget *m_budget = nullptr;
        qint64 m_bytes = 0;
    };

    /// Blocks until `bytes` fit (or nothing else is reserved); returns an
    /// ungranted reservation if `cancel` is set while waiting. `onWait` runs
    /// once, before the first wait, if there is one.
    Reservation reserve(qint64 bytes, const CancelToken &cancel, const std::function<void()> &onWait = {});

    qint64 limit() const { return m_limit; }
    /// The most reservations held at once so far (for tests and diagnostics).
    int peakHolders() const;

    /// Half of the machine's physical memory: room for the OS, the window and
    /// other programs, and for what the estimate misses.
    static qint64 defaultLimit();

private:
    void release(qint64 bytes);

    const qint64 m_limit;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    qint64 m_reserved = 0;
    int m_holders = 0;
    int m_peakHolders = 0;
};

} // namespace pixelmill

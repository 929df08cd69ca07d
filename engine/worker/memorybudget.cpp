// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/memorybudget.h"

#include <algorithm>
#include <chrono>
#include <unistd.h>
#include <utility>

namespace pixelmill {

namespace {

// How often a waiting job looks at its cancel flag.
constexpr std::chrono::milliseconds kCancelPoll{50};

} // namespace

MemoryBudget::MemoryBudget(qint64 limitBytes) : m_limit(std::max<qint64>(1, limitBytes)) {}

MemoryBudget::Reservation MemoryBudget::reserve(qint64 bytes, const CancelToken &cancel,
                                                const std::function<void()> &onWait)
{
    bytes = std::max<qint64>(0, bytes);
    std::unique_lock lock(m_mutex);
    bool waited = false;
    while (m_holders > 0 && m_reserved + bytes > m_limit) {
        if (cancel.isCanceled())
            return {};
        if (!std::exchange(waited, true) && onWait) {
            lock.unlock(); // the callback may take its own locks
            onWait();
            lock.lock();
            continue;
        }
        m_released.wait_for(lock, kCancelPoll);
    }
    if (cancel.isCanceled())
        return {};
    m_reserved += bytes;
    ++m_holders;
    m_peakHolders = std::max(m_peakHolders, m_holders);
    return Reservation(this, bytes);
}

void MemoryBudget::release(qint64 bytes)
{
    {
        const std::lock_guard lock(m_mutex);
        m_reserved -= bytes;
        --m_holders;
    }
    m_released.notify_all();
}

int MemoryBudget::peakHolders() const
{
    const std::lock_guard lock(m_mutex);
    return m_peakHolders;
}

qint64 MemoryBudget::defaultLimit()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return qint64(4) << 30; // unknown: assume a small machine
    return qint64(pages) * pageSize / 2;
}

MemoryBudget::Reservation::Reservation(Reservation &&other) noexcept
    : m_budget(std::exchange(other.m_budget, nullptr)), m_bytes(other.m_bytes)
{
}

MemoryBudget::Reservation &MemoryBudget::Reservation::operator=(Reservation &&other) noexcept
{
    if (this != &other) {
        release();
        m_budget = std::exchange(other.m_budget, nullptr);
        m_bytes = other.m_bytes;
    }
    return *this;
}

MemoryBudget::Reservation::~Reservation()
{
    release();
}

void MemoryBudget::Reservation::release()
{
    if (m_budget)
        std::exchange(m_budget, nullptr)->release(m_bytes);
}

} // namespace pixelmill

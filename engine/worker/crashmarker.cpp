// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/crashmarker.h"

#include "engine/scan/nativepath.h"

#include <QFile>

#include <array>
#include <atomic>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <unistd.h>

namespace pixelmill::crashmarker {

namespace {

// The handler may only read plain memory and call write(2): everything it
// needs is laid out here in advance, nothing is allocated after a crash.
struct Slot
{
    std::atomic<bool> taken{false};
    std::atomic<int> length{0};
    int channel = 0;
    char path[PATH_MAX];
};

constexpr int kSlots = 256; // more than any pool has workers (at most 4 per core)
constexpr std::array<int, 5> kFatalSignals{SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

constexpr int kChannels = 2;

Slot g_slots[kSlots];
char g_markerPath[kChannels][PATH_MAX];
std::atomic<bool> g_armed[kChannels];
struct sigaction g_previous[kFatalSignals.size()];
std::mutex g_armMutex;

void writeAll(int fd, const char *data, size_t length)
{
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n <= 0)
            return;
        data += n;
        length -= size_t(n);
    }
}

void onFatalSignal(int signal)
{
    for (int channel = 0; channel < kChannels; ++channel) {
        if (!g_armed[channel].load())
            continue;
        const int fd = ::open(g_markerPath[channel], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0)
            continue;
        for (const Slot &slot : g_slots) {
            const int length = slot.length.load();
            if (length > 0 && slot.channel == channel)
                writeAll(fd, slot.path, size_t(length) + 1); // with its NUL: names may hold newlines
        }
        ::close(fd);
    }
    // The previous handler (ASan's, or the default that dumps core) still gets the crash.
    for (size_t i = 0; i < kFatalSignals.size(); ++i) {
        if (kFatalSignals[i] == signal)
            ::sigaction(signal, &g_previous[i], nullptr);
    }
    ::raise(signal);
}

void installOnce()
{
    static const bool installed = [] {
        struct sigaction action {};
        action.sa_handler = &onFatalSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        for (size_t i = 0; i < kFatalSignals.size(); ++i)
            ::sigaction(kFatalSignals[i], &action, &g_previous[i]);
        return true;
    }();
    Q_UNUSED(installed);
}

} // namespace

void arm(const QString &markerPath, Channel channel)
{
    const int c = int(channel);
    const std::lock_guard lock(g_armMutex);
    g_armed[c].store(false);
    const QByteArray native = nativePath(markerPath);
    if (native.isEmpty() || native.size() >= PATH_MAX)
        return;
    std::memcpy(g_markerPath[c], native.constData(), size_t(native.size()) + 1);
    installOnce();
    g_armed[c].store(true);
}

InputScope::InputScope(const QString &input, Channel channel)
{
    const QByteArray native = nativePath(input);
    if (native.isEmpty() || native.size() >= PATH_MAX)
        return;
    for (int i = 0; i < kSlots; ++i) {
        bool expected = false;
        if (g_slots[i].taken.compare_exchange_strong(expected, true)) {
            std::memcpy(g_slots[i].path, native.constData(), size_t(native.size()) + 1);
            g_slots[i].channel = int(channel);
            g_slots[i].length.store(int(native.size()));
            m_slot = i;
            return;
        }
    }
}

InputScope::~InputScope()
{
    if (m_slot < 0)
        return;
    g_slots[m_slot].length.store(0);
    g_slots[m_slot].taken.store(false);
}

QStringList crashedInputs(const QString &markerPath)
{
    QFile file(markerPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList inputs;
    for (const QByteArray &record : file.readAll().split('\0')) {
        if (!record.isEmpty() && !inputs.contains(pathFromNative(record)))
            inputs << pathFromNative(record);
    }
    return inputs;
}

QString crashedInputReason()
{
    return QStringLiteral("Pixelmill crashed while processing this file in the interrupted run; it was not tried "
                          "again");
}

} // namespace pixelmill::crashmarker

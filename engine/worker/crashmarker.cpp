// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/crashmarker.h"

#include "engine/scan/nativepath.h"

#include <QFile>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

extern char **environ;

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
// The slot of the input the calling thread is processing: a fault signal is
// delivered to the thread that faulted, so its handler knows whose input it was.
thread_local int t_ownSlot = -1;
char g_markerPath[kChannels][PATH_MAX];
std::atomic<bool> g_armed[kChannels];
struct sigaction g_previous[kFatalSignals.size()];
std::mutex g_armMutex;

bool writeAll(int fd, const char *data, size_t length)
{
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n <= 0)
            return false;
        data += n;
        length -= size_t(n);
    }
    return true;
}

// A crash on a worker is its own input's. One elsewhere (a decoder's helper
// thread, say) cannot be pinned on an input, so every input in flight is blamed.
bool isBlamed(int slot, int channel)
{
    const int own = t_ownSlot;
    const bool pinned = own >= 0 && g_slots[own].length.load() > 0;
    return g_slots[slot].length.load() > 0 && g_slots[slot].channel == channel && (!pinned || slot == own);
}

// Appends the blamed inputs to each armed channel's marker; true when some
// input was blamed and every marker written out whole.
bool blameInputs()
{
    bool blamed = false;
    bool complete = true;
    for (int channel = 0; channel < kChannels; ++channel) {
        if (!g_armed[channel].load())
            continue;
        bool any = false;
        for (int i = 0; i < kSlots && !any; ++i)
            any = isBlamed(i, channel);
        if (!any)
            continue;
        blamed = true;
        const int fd = ::open(g_markerPath[channel], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0) {
            complete = false;
            continue;
        }
        for (int i = 0; i < kSlots; ++i) {
            if (isBlamed(i, channel)) // with its NUL: names may hold newlines
                complete = writeAll(fd, g_slots[i].path, size_t(g_slots[i].length.load()) + 1) && complete;
        }
        complete = ::close(fd) == 0 && complete;
    }
    return blamed && complete;
}

// A name as displayPath() shows it, as far as a signal handler can: a newline
// or an escape sequence in it must not break the line or drive the terminal.
// Control bytes and UTF-8-encoded C1 controls become escapes; other bytes stay.
template<typename Append>
void appendShownName(const char *name, size_t length, const Append &append)
{
    static const char kHex[] = "0123456789abcdef";
    for (size_t at = 0; at < length; ++at) {
        const auto byte = static_cast<unsigned char>(name[at]);
        const bool c1 = byte == 0xC2 && at + 1 < length && static_cast<unsigned char>(name[at + 1]) >= 0x80
            && static_cast<unsigned char>(name[at + 1]) <= 0x9F;
        if (c1) {
            const auto code = static_cast<unsigned char>(name[++at]);
            const char escaped[] = {'\\', 'u', '0', '0', kHex[code >> 4], kHex[code & 15]};
            append(escaped, sizeof escaped);
        } else if (byte == '\n' || byte == '\r' || byte == '\t') {
            const char escaped[] = {'\\', byte == '\n' ? 'n' : byte == '\r' ? 'r' : 't'};
            append(escaped, sizeof escaped);
        } else if (byte < 0x20 || byte == 0x7F) {
            const char escaped[] = {'\\', 'x', kHex[byte >> 4], kHex[byte & 15]};
            append(escaped, sizeof escaped);
        } else {
            append(name + at, 1);
        }
    }
}

// The command that takes over after a crash, laid out before any crash. Two
// buffers: re-arming fills the one a crash cannot be reading.
struct Continuation
{
    std::vector<std::string> strings; // what the vectors point into
    std::vector<char *> whileBatchRuns; // argv, or empty
    std::vector<char *> otherwise; // argv, or empty
    std::vector<char *> envp;
    std::string program; // what its messages start with
};
Continuation g_continuations[2];
std::atomic<const Continuation *> g_continuation{nullptr};

// Returns only when the new process image could not be started.
void continueWith(const Continuation &c, const std::vector<char *> &argv)
{
    static const char *const kWhat[kChannels] = {"; the batch goes on without it\n",
                                                 " for a preview; going on without reading it again\n"};
    // One write(2) a line: the other threads go on printing meanwhile.
    static char line[PATH_MAX + 256];
    for (int channel = 0; channel < kChannels; ++channel) {
        for (int i = 0; i < kSlots; ++i) {
            if (!isBlamed(i, channel))
                continue;
            size_t length = 0;
            const auto append = [&](const char *text, size_t size) {
                size = std::min(size, sizeof line - length);
                std::memcpy(line + length, text, size);
                length += size;
            };
            append(c.program.data(), c.program.size());
            const char *verb = channel == int(Channel::Batch) ? ": crashed while processing " : ": crashed while reading ";
            append(verb, std::strlen(verb));
            appendShownName(g_slots[i].path, size_t(g_slots[i].length.load()), append);
            append(kWhat[channel], std::strlen(kWhat[channel]));
            writeAll(STDERR_FILENO, line, length);
        }
    }
    // The new image inherits this thread's signal mask; a worker's could
    // leave Ctrl+C blocked there.
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
    ::execve("/proc/self/exe", argv.data(), c.envp.data());
}

// Two workers can crash at once (two bad files side by side). Each blames its
// own input; the first goes on or dies for both, the other waits to be taken
// along. A fault inside the handler itself goes straight to the previous one.
std::atomic<bool> g_takingOver{false};
thread_local bool t_handling = false;

void onFatalSignal(int signal)
{
    if (!t_handling) {
        t_handling = true;
        const bool blamed = blameInputs();
        if (g_takingOver.exchange(true)) {
            for (;;)
                ::pause();
        }
        if (const Continuation *c = g_continuation.load(); blamed && c) {
            const std::vector<char *> &argv = g_armed[int(Channel::Batch)].load() ? c->whileBatchRuns : c->otherwise;
            if (!argv.empty())
                continueWith(*c, argv);
        }
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
        // No SA_RESETHAND: a second thread's crash meanwhile must reach this
        // handler too, not the default action that ends the process at once.
        action.sa_flags = SA_NODEFER;
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
            m_previousOwn = t_ownSlot;
            t_ownSlot = i;
            break;
        }
    }
    // Fault injection, so that tests can crash the real programs on a chosen file.
    static const QByteArray crashOn[kChannels] = {qgetenv("PIXELMILL_CRASH_ON_INPUT"),
                                                  qgetenv("PIXELMILL_CRASH_ON_PREVIEW")};
    if (const QByteArray &name = crashOn[int(channel)]; !name.isEmpty() && native.endsWith('/' + name))
        ::raise(SIGSEGV);
}

InputScope::~InputScope()
{
    if (m_slot < 0)
        return;
    t_ownSlot = m_previousOwn;
    g_slots[m_slot].length.store(0);
    g_slots[m_slot].taken.store(false);
}

void continueAfterCrash(const QList<QByteArray> &whileBatchRuns, const QList<QByteArray> &otherwise,
                        const QList<QByteArray> &environment)
{
    const std::lock_guard lock(g_armMutex);
    if (whileBatchRuns.isEmpty() && otherwise.isEmpty()) {
        g_continuation.store(nullptr);
        return;
    }
    Continuation &c = g_continuations[g_continuation.load() == &g_continuations[0] ? 1 : 0];
    c.strings.clear();
    for (const QList<QByteArray> *arguments : {&whileBatchRuns, &otherwise}) {
        for (const QByteArray &a : *arguments)
            c.strings.push_back(a.toStdString());
    }
    // The current environment, with `environment`'s names replaced.
    for (const QByteArray &e : environment)
        c.strings.push_back(e.toStdString());
    for (char **e = environ; e && *e; ++e) {
        const QByteArray entry(*e);
        const QByteArray name = entry.left(entry.indexOf('=') + 1);
        if (std::none_of(environment.cbegin(), environment.cend(),
                         [&](const QByteArray &n) { return n.startsWith(name); }))
            c.strings.push_back(entry.toStdString());
    }
    // Pointers only now: the strings no longer move.
    c.whileBatchRuns.clear();
    c.otherwise.clear();
    c.envp.clear();
    const size_t batchEnd = size_t(whileBatchRuns.size());
    const size_t otherwiseEnd = batchEnd + size_t(otherwise.size());
    for (size_t i = 0; i < c.strings.size(); ++i)
        (i < batchEnd ? c.whileBatchRuns : i < otherwiseEnd ? c.otherwise : c.envp).push_back(c.strings[i].data());
    for (std::vector<char *> *v : {&c.whileBatchRuns, &c.otherwise, &c.envp}) {
        if (v == &c.envp || !v->empty())
            v->push_back(nullptr);
    }
    const QByteArray program = (whileBatchRuns.isEmpty() ? otherwise : whileBatchRuns).first();
    c.program = program.mid(program.lastIndexOf('/') + 1).toStdString();
    installOnce();
    g_continuation.store(&c);
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
    return QStringLiteral("Pixelmill crashed while processing this file; it was not tried again");
}

} // namespace pixelmill::crashmarker

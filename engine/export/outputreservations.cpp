// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputreservations.h"

#include "engine/export/outputintentlog.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"
#include "engine/worker/canceltoken.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>

namespace pixelmill {

QString OutputReservations::resolvedFolder(const QString &folder)
{
    const QString canonical = canonicalNativePath(folder); // also for folders whose names are not UTF-8
    return canonical.isEmpty() ? QDir::cleanPath(folder) : canonical;
}

QString OutputReservations::key(const QString &path)
{
    const QFileInfo info(path);
    // The folder is resolved (a symlinked folder cannot hide a source); the file
    // name is kept, so the key is the same before and after the file exists.
    return resolvedFolder(info.absolutePath()) + QLatin1Char('/') + info.fileName();
}

void OutputReservations::protect(const QStringList &sourcePaths)
{
    // Each folder is resolved once: a batch's sources share a few folders, and
    // resolving costs a system call per path component (30 ms for 10,000
    // sources, on the GUI thread when the window starts a batch).
    QHash<QString, QString> resolved;
    QSet<QString> keys;
    for (const QString &path : sourcePaths) {
        const QFileInfo info(path);
        const QString folder = info.absolutePath();
        auto it = resolved.constFind(folder);
        if (it == resolved.constEnd())
            it = resolved.insert(folder, resolvedFolder(folder));
        keys.insert(*it + QLatin1Char('/') + info.fileName());
    }
    QMutexLocker lock(&m_mutex);
    m_protected.unite(keys);
}

bool OutputReservations::isProtected(const QString &path) const
{
    const QString k = key(path);
    QMutexLocker lock(&m_mutex);
    return m_protected.contains(k);
}

bool OutputReservations::claim(const QString &path)
{
    const QString k = key(path);
    QMutexLocker lock(&m_mutex);
    if (m_protected.contains(k) || m_claimed.contains(k))
        return false;
    m_claimed.insert(k);
    return true;
}

void OutputReservations::release(const QString &path)
{
    const QString k = key(path);
    QMutexLocker lock(&m_mutex);
    m_claimed.remove(k);
}

int OutputReservations::nextNumber(const QString &desiredPath) const
{
    const QString k = key(desiredPath);
    QMutexLocker lock(&m_mutex);
    return m_nextNumber.value(k, 0);
}

void OutputReservations::noteNumberChosen(const QString &desiredPath, int number)
{
    const QString k = key(desiredPath);
    QMutexLocker lock(&m_mutex);
    int &next = m_nextNumber[k];
    next = std::max(next, number + 1);
}

int OutputReservations::takeNamingTicket()
{
    const std::lock_guard lock(m_turnMutex);
    return m_nextTicket++;
}

bool OutputReservations::waitForNamingTurn(int ticket, const CancelToken &cancel)
{
    constexpr std::chrono::milliseconds kCancelCheck(20);
    std::unique_lock lock(m_turnMutex);
    while (m_turn != ticket) {
        if (cancel.isCanceled())
            return false;
        m_turnChanged.wait_for(lock, kCancelCheck);
    }
    return true;
}

void OutputReservations::passNamingTurn(int ticket)
{
    {
        const std::lock_guard lock(m_turnMutex);
        if (ticket < m_turn)
            return;
        m_passedEarly.insert(ticket);
        while (m_passedEarly.erase(m_turn) > 0)
            ++m_turn;
    }
    m_turnChanged.notify_all();
}

QString OutputReservations::ensureOutputRoot(const QString &root)
{
    const QString clean = QDir::cleanPath(root);
    const QByteArray native = nativePath(clean);
    QMutexLocker lock(&m_mutex);
    struct stat st {};
    if (::stat(native.constData(), &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return QStringLiteral("the output folder %1 is a file, not a folder").arg(clean);
        m_roots.insert(clean);
        return {};
    }
    const int missing = errno;
    if (m_roots.contains(clean))
        return QStringLiteral("the output folder %1 disappeared during the batch (removed, renamed or unmounted: "
                              "%2); it is not re-created")
            .arg(clean, QString::fromLocal8Bit(std::strerror(missing)));
    std::error_code ec;
    std::filesystem::create_directories(native.toStdString(), ec);
    if (ec)
        return QStringLiteral("cannot create output folder %1: %2")
            .arg(clean, QString::fromLocal8Bit(ec.message().c_str()));
    m_roots.insert(clean);
    return {};
}

void OutputReservations::noteIntent(const QString &input, const QString &output) const
{
    if (m_intentLog && !input.isEmpty())
        m_intentLog->record(input, output);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputreservations.h"

#include "engine/scan/nativepath.h"

#include <QDir>
#include <QFileInfo>

#include <cstdlib>

namespace pixelmill {

namespace {

// realpath on the bytes, so folders whose names are not UTF-8 resolve too.
QString canonicalFolder(const QString &folder)
{
    char *resolved = ::realpath(nativePath(folder).constData(), nullptr);
    if (!resolved)
        return {};
    const QString out = pathFromNative(QByteArray(resolved));
    std::free(resolved);
    return out;
}

} // namespace

QString OutputReservations::key(const QString &path)
{
    const QFileInfo info(path);
    // The folder is resolved (a symlinked folder cannot hide a source); the file
    // name is kept, so the key is the same before and after the file exists.
    const QString folder = canonicalFolder(info.absolutePath());
    const QString base = folder.isEmpty() ? QDir::cleanPath(info.absolutePath()) : folder;
    return base + QLatin1Char('/') + info.fileName();
}

void OutputReservations::protect(const QString &sourcePath)
{
    const QString k = key(sourcePath);
    QMutexLocker lock(&m_mutex);
    m_protected.insert(k);
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

} // namespace pixelmill

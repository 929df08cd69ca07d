// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/nativefile.h"

#include "engine/scan/nativepath.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>

namespace pixelmill {

std::optional<NativeFileStatus> nativeFileStatus(const QString &path)
{
    struct stat st {};
    if (::stat(nativePath(path).constData(), &st) != 0)
        return std::nullopt;
    NativeFileStatus status;
    status.regular = S_ISREG(st.st_mode);
    status.directory = S_ISDIR(st.st_mode);
    status.bytes = qint64(st.st_size);
    status.modified = QDateTime::fromMSecsSinceEpoch(qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000);
    return status;
}

QString canonicalNativePath(const QString &path)
{
    char *resolved = ::realpath(nativePath(path).constData(), nullptr);
    if (!resolved)
        return {};
    const QString out = pathFromNative(QByteArray(resolved));
    std::free(resolved);
    return out;
}

bool listFolderNames(const QString &folder, QStringList &names)
{
    DIR *dir = ::opendir(nativePath(folder).constData());
    if (!dir)
        return false;
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
            names << pathFromNative(QByteArray(entry->d_name));
    }
    const int readError = errno;
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    errno = readError;
    return readError == 0;
}

QUrl urlFromLocalPath(const QString &path)
{
    // Percent-encode the bytes ourselves: QUrl::fromLocalFile would encode the escapes as text.
    return QUrl::fromEncoded(QByteArrayLiteral("file://") + nativePath(path).toPercentEncoding("/"), QUrl::StrictMode);
}

} // namespace pixelmill

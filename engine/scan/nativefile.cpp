// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/nativefile.h"

#include "engine/scan/nativepath.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

bool writeAllTo(int fd, const char *data, size_t size)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        done += size_t(n);
    }
    return true;
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString &error)
{
    QByteArray target = nativePath(path);
    struct stat link {};
    if (::lstat(target.constData(), &link) == 0 && S_ISLNK(link.st_mode)) {
        // A preset kept as a link to a shared one is saved through the link, not over it.
        const QString resolved = canonicalNativePath(path);
        if (!resolved.isEmpty())
            target = nativePath(resolved);
    }
    struct stat existing {};
    const bool replacing = ::stat(target.constData(), &existing) == 0 && S_ISREG(existing.st_mode);
    // Beside the target, so the rename stays on one file system; created with
    // O_EXCL under a name no one else uses, with the umask applied by the kernel.
    static std::atomic<unsigned> serial{0};
    QByteArray temporary;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temporary = target + ".tmp-" + QByteArray::number(::getpid()) + "-" + QByteArray::number(serial++);
        fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        error = osErrorText(errno);
        return false;
    }
    bool ok = writeAllTo(fd, bytes.constData(), size_t(bytes.size()))
        && (!replacing || ::fchmod(fd, existing.st_mode & 07777) == 0) && ::fsync(fd) == 0;
    int failure = ok ? 0 : errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        failure = errno;
    }
    if (ok && ::rename(temporary.constData(), target.constData()) != 0) {
        ok = false;
        failure = errno;
    }
    if (!ok) {
        ::unlink(temporary.constData());
        error = osErrorText(failure);
    }
    return ok;
}

QString osErrorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace pixelmill

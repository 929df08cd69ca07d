// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace pixelmill {

/// File system questions asked with a path's own bytes (see nativePath()).
/// QFileInfo and QDir ask about the U+FFFD-mangled name of a file whose name
/// is not UTF-8, and so find nothing: a size of 0, "does not exist", no entry.

struct NativeFileStatus
{
    bool regular = false;
    bool directory = false;
    qint64 bytes = 0;
    QDateTime modified;
};

/// stat(2), symbolic links followed; nullopt when there is nothing to read.
std::optional<NativeFileStatus> nativeFileStatus(const QString &path);
/// realpath(3): symbolic links, "." and ".." resolved; empty when the path does not resolve.
QString canonicalNativePath(const QString &path);
/// The names in a folder but "." and "..", sorted for a stable order. False,
/// with errno set, when the folder cannot be read.
bool listFolderNames(const QString &folder, QStringList &names);
/// A file:// URL carrying the path's bytes (the inverse of localPathFromUrl()).
QUrl urlFromLocalPath(const QString &path);

/// Writes `bytes` to `path` whole or not at all: into a new file beside it,
/// flushed to disk, then renamed over it (as QSaveFile does, but with the
/// path's own bytes). The new file gets the permissions of the one it replaces,
/// or the umask's. False, with the OS's reason in `error`, leaves `path` as it was.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString &error);

/// write(2) until all `size` bytes are out, again after EINTR; false with errno set.
bool writeAllTo(int fd, const char *data, size_t size);

/// strerror(3) in the user's words.
QString osErrorText(int error);

} // namespace pixelmill

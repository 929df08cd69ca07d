// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputwriter.h"

#include "engine/export/outputnaming.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <csignal>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace pixelmill {

namespace {

constexpr int kMaxRenameAttempts = 10000; // names tried by one output, not its number

bool existsOnDisk(const QString &path)
{
    // lstat semantics: a dangling symlink still occupies the name.
    struct stat st {};
    return ::lstat(nativePath(path).constData(), &st) == 0;
}

QString ensureFolder(const QString &folder)
{
    std::error_code ec;
    std::filesystem::create_directories(nativePath(folder).toStdString(), ec);
    if (ec)
        return QStringLiteral("cannot create output folder %1: %2")
            .arg(folder, QString::fromLocal8Bit(ec.message().c_str()));
    return {};
}

// umask() can only be read by setting it, which races with other threads, so
// read it once from /proc (Linux 4.7+); 022 where that is unavailable.
mode_t processUmask()
{
    static const mode_t mask = [] {
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("Umask:")) {
                    bool ok = false;
                    const uint value = line.mid(6).trimmed().toUInt(&ok, 8);
                    if (ok)
                        return mode_t(value);
                }
            }
        }
        return mode_t(022);
    }();
    return mask;
}

// Names this process image in its temporaries: after a crash the program goes
// on as the same process (crashmarker.h), and the pid alone would not tell its
// own unfinished temporaries from those of the image that crashed.
const QByteArray &imageToken()
{
    static const QByteArray token = QByteArray::number(QRandomGenerator::system()->generate(), 16);
    return token;
}

// A kill -9 between writing and renaming leaves ".pixelmill-<pid>-<token>-*.part"
// (".pixelmill-<pid>-*.part" from older versions); when that process is gone,
// or is this one in a later image, nobody will finish it. Checked once per
// folder per process image.
void removeStaleTemporaries(const QString &folder)
{
    static QMutex mutex;
    static QSet<QString> checked;
    {
        QMutexLocker lock(&mutex);
        if (checked.contains(folder))
            return;
        checked.insert(folder);
    }
    QStringList names;
    listFolderNames(folder, names);
    for (const QString &name : std::as_const(names)) {
        if (!name.startsWith(QLatin1String(".pixelmill-")) || !name.endsWith(QLatin1String(".part")))
            continue;
        const QStringList parts = name.split(QLatin1Char('-'));
        bool ok = false;
        const pid_t pid = parts.size() >= 3 ? pid_t(parts.at(1).toLongLong(&ok)) : 0;
        if (!ok || pid <= 0)
            continue;
        const bool gone = pid == ::getpid() ? !(parts.size() == 4 && parts.at(2).toLatin1() == imageToken())
                                            : ::kill(pid, 0) != 0 && errno == ESRCH;
        if (gone)
            ::unlink(nativePath(folder + QLatin1Char('/') + name).constData());
    }
}

// Writes the bytes to a new hidden temporary file beside the target.
QString writeTemporary(const QString &folder, const std::vector<uchar> &data, QByteArray &tempName)
{
    // The writer's pid and image token in the name let a later run recognise leftovers of a killed one.
    tempName = nativePath(folder) + "/.pixelmill-" + QByteArray::number(::getpid()) + '-' + imageToken() + "-XXXXXX.part";
    const int fd = ::mkostemps(tempName.data(), 5, O_CLOEXEC);
    if (fd < 0)
        return QStringLiteral("cannot create a file in %1: %2").arg(folder, osErrorText(errno));
    if (!writeAllTo(fd, reinterpret_cast<const char *>(data.data()), data.size())) {
        const int error = errno;
        ::close(fd);
        ::unlink(tempName.constData());
        return QStringLiteral("write failed: %1").arg(osErrorText(error));
    }
    // Give outputs the permissions a normal file would get, not mkstemp's 0600.
    ::fchmod(fd, 0666 & ~processUmask());
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(tempName.constData());
        return QStringLiteral("write failed: %1").arg(osErrorText(error));
    }
    return {};
}

// Moves the temporary into place without replacing anything; EEXIST when taken.
int renameNoReplace(const QByteArray &from, const QByteArray &to)
{
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    // File systems without RENAME_NOREPLACE: link() also refuses an existing name.
    if (::link(from.constData(), to.constData()) != 0)
        return errno;
    ::unlink(from.constData());
    return 0;
}

} // namespace

NameChoice chooseOutputName(const QString &desiredPath, OverwritePolicy policy,
                            OutputReservations &reservations, int firstAttempt)
{
    NameChoice choice;
    // Numbers below the highest this batch chose for the name are taken (or
    // were, by a job that failed: a gap in the numbering is harmless).
    const auto next = [&](int attempt) { return std::max(attempt + 1, reservations.nextNumber(desiredPath)); };
    for (int attempt = firstAttempt; choice.namesTried < kMaxRenameAttempts; attempt = next(attempt)) {
        const QString path = attempt == 0 ? desiredPath : numberedPath(desiredPath, attempt);
        ++choice.namesTried;
        choice.attempt = attempt;
        choice.path = path;
        if (!reservations.claim(path)) {
            // A source file of the batch, or a name another job of this batch took.
            if (policy == OverwritePolicy::Skip) {
                choice.status = NameChoice::Status::Skipped;
                choice.reason = reservations.isProtected(path)
                    ? QStringLiteral("output name %1 is a source file of this batch").arg(path)
                    : QStringLiteral("another input of this batch already writes %1").arg(path);
                return choice;
            }
            if (policy == OverwritePolicy::Overwrite && attempt == 0)
                choice.warnings << QStringLiteral("%1 is taken by a source or another output of this "
                                                  "batch; wrote a numbered name instead")
                                       .arg(path);
            continue;
        }
        const bool taken = existsOnDisk(path);
        if (taken && policy == OverwritePolicy::Skip) {
            reservations.release(path);
            choice.status = NameChoice::Status::Skipped;
            choice.reason = QStringLiteral("output %1 already exists").arg(path);
            return choice;
        }
        if (taken && policy == OverwritePolicy::Rename) {
            reservations.release(path);
            continue;
        }
        reservations.noteNumberChosen(desiredPath, attempt);
        choice.status = NameChoice::Status::Chosen;
        choice.replacesExisting = taken;
        return choice;
    }
    choice.status = NameChoice::Status::Failed;
    choice.reason = QStringLiteral("no free name found for %1").arg(desiredPath);
    return choice;
}

WriteOutcome writeOutputAtomically(const QString &desiredPath, const std::vector<uchar> &data,
                                   OverwritePolicy policy, OutputReservations &reservations,
                                   const CancelToken &cancel, const NameChoice *chosen, const QString &input)
{
    WriteOutcome out;
    const QString folder = QFileInfo(desiredPath).absolutePath();
    out.reason = ensureFolder(folder);
    if (!out.reason.isEmpty())
        return out;
    removeStaleTemporaries(folder);

    int attempt = 0;
    for (bool first = true;; first = false) {
        const NameChoice choice = first && chosen ? *chosen : chooseOutputName(desiredPath, policy, reservations, attempt);
        out.warnings << choice.warnings;
        out.path = choice.path;
        out.reason = choice.reason;
        if (choice.status == NameChoice::Status::Skipped) {
            out.status = WriteOutcome::Status::Skipped;
            return out;
        }
        if (choice.status == NameChoice::Status::Failed)
            return out;
        const QString &path = choice.path;
        QByteArray temp;
        const QString writeError = writeTemporary(folder, data, temp);
        if (!writeError.isEmpty()) {
            reservations.release(path);
            out.path.clear();
            out.reason = writeError;
            return out;
        }
        if (cancel.isCanceled()) {
            ::unlink(temp.constData());
            reservations.release(path);
            out.path.clear();
            out.status = WriteOutcome::Status::Canceled;
            return out;
        }
        const QByteArray target = nativePath(path);
        reservations.noteIntent(input, path); // before the rename: see OutputIntentLog
        const int error = policy == OverwritePolicy::Overwrite
            ? (::rename(temp.constData(), target.constData()) == 0 ? 0 : errno)
            : renameNoReplace(temp, target);
        if (error == 0) {
            out.status = WriteOutcome::Status::Written;
            out.bytes = qint64(data.size());
            return out;
        }
        ::unlink(temp.constData());
        reservations.release(path);
        if (error == EEXIST && policy == OverwritePolicy::Rename) {
            attempt = choice.attempt + 1; // someone outside the batch created it meanwhile
            continue;
        }
        if (error == EEXIST && policy == OverwritePolicy::Skip) {
            out.status = WriteOutcome::Status::Skipped;
            out.reason = QStringLiteral("output %1 already exists").arg(path);
            return out;
        }
        out.path.clear();
        out.reason = QStringLiteral("cannot move the finished file into place as %1: %2")
                         .arg(path, osErrorText(error));
        return out;
    }
}

} // namespace pixelmill

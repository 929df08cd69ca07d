// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// The output names taken by one batch, and the source files no job may
/// write. Shared by all workers of a batch, so two inputs can never race for
/// one name. Paths are compared after QDir::cleanPath + absolute. Thread-safe.
class OutputReservations
{
public:
    /// No job may write these: the batch's sources.
    void protect(const QStringList &sourcePaths);
    bool isProtected(const QString &path) const;
    /// Takes a name for this batch; false if a source or already taken.
    bool claim(const QString &path);
    void release(const QString &path);

    /// Makes sure the batch's output folder exists. The first job creates it;
    /// once seen, it is never re-created: a folder removed or unmounted during
    /// the batch fails each remaining job with that reason, instead of quietly
    /// filling a fresh folder (on an unmounted drive: the system disk). "" when fine.
    QString ensureOutputRoot(const QString &root);

private:
    static QString key(const QString &path);
    /// The folder with symlinks resolved (cleaned, if it does not exist).
    static QString resolvedFolder(const QString &folder);

    mutable QMutex m_mutex;
    QSet<QString> m_protected;
    QSet<QString> m_claimed;
    QSet<QString> m_roots; // output folders seen existing during this batch
};

} // namespace pixelmill

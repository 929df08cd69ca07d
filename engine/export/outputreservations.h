// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>

namespace pixelmill {

class CancelToken;
class OutputIntentLog;

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

    /// Where numbering may resume for outputs that want `desiredPath`: one past
    /// the highest number already chosen for it in this batch (0 at first).
    /// Without it, the n-th input of a shared name tried n names, each a
    /// lookup and a file check: 3,000 inputs all called IMG_0001.jpg took 21 s.
    int nextNumber(const QString &desiredPath) const;
    void noteNumberChosen(const QString &desiredPath, int number);

    /// Naming turns. An output name whose template needs no image data is
    /// chosen when its job starts, in the order the jobs left the queue, so that
    /// two inputs wanting one name get the names the plan (`--dry-run`, Preview
    /// Output Names) shows, whichever finishes first. The pool takes a ticket
    /// as it takes a job from its queue; the job waits for its turn to choose,
    /// then passes it. A job that ends earlier passes its turn on the way out.
    int takeNamingTicket();
    /// False if `cancel` fires first (checked every 20 ms).
    bool waitForNamingTurn(int ticket, const CancelToken &cancel);
    void passNamingTurn(int ticket);

    /// Makes sure the batch's output folder exists. The first job creates it;
    /// once seen, it is never re-created: a folder removed or unmounted during
    /// the batch fails each remaining job with that reason, instead of quietly
    /// filling a fresh folder (on an unmounted drive: the system disk). "" when fine.
    QString ensureOutputRoot(const QString &root);

    /// The batch's log of outputs about to be put in place (see OutputIntentLog);
    /// set before the batch's jobs run.
    void setIntentLog(std::shared_ptr<const OutputIntentLog> log) { m_intentLog = std::move(log); }
    /// Records that `input`'s output is renamed to `output` next. Thread-safe.
    void noteIntent(const QString &input, const QString &output) const;

private:
    static QString key(const QString &path);
    /// The folder with symlinks resolved (cleaned, if it does not exist).
    static QString resolvedFolder(const QString &folder);

    mutable QMutex m_mutex;
    QSet<QString> m_protected;
    QSet<QString> m_claimed;
    QSet<QString> m_roots; // output folders seen existing during this batch
    QHash<QString, int> m_nextNumber; // by desired name
    // The turns have their own lock: std's condition variable, whose waits
    // ThreadSanitizer sees (QWaitCondition's unlock happens inside QtCore).
    std::mutex m_turnMutex;
    std::condition_variable m_turnChanged;
    int m_nextTicket = 0;
    int m_turn = 0; // the ticket whose turn it is
    std::set<int> m_passedEarly; // tickets passed before their turn came
    std::shared_ptr<const OutputIntentLog> m_intentLog;
};

} // namespace pixelmill

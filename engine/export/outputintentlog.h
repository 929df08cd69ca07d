// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace pixelmill {

/// Where each output of a batch is about to be put, appended by the worker
/// just before the rename that puts it there. The journal learns of an output
/// a little later, on the owner thread: a kill in between leaves a file the
/// journal does not know, and this log says whose it is. One file per batch
/// beside the journal, removed when the batch finishes.
///
/// Each record is one write(2) on a file opened with O_APPEND, so records of
/// concurrent workers never interleave and a kill leaves whole records (a
/// torn last one, from a full disk, is ignored). Thread-safe.
class OutputIntentLog
{
public:
    OutputIntentLog() = default;
    ~OutputIntentLog();
    OutputIntentLog(const OutputIntentLog &) = delete;
    OutputIntentLog &operator=(const OutputIntentLog &) = delete;

    /// False (and the batch runs without a log) when the file cannot be opened.
    bool open(const QString &path);
    /// `input`'s output goes to `output` next; a later record for the same input replaces it.
    void record(const QString &input, const QString &output) const;

    /// The last output recorded for each input, unless a later record gives that
    /// name to another input; nullopt when there is no log (a batch from before
    /// logs, or one whose log could not be written).
    static std::optional<QHash<QString, QString>> read(const QString &path);

private:
    int m_fd = -1;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// Leaves the names of the files the workers were processing behind when the
/// process dies of a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) inside
/// a third-party decoder (libde265, LibRaw, libtiff, ...), so that resuming
/// the batch fails those files with a reason instead of crashing on them
/// again. A kill -9 or a power cut leaves nothing: those are not the file's fault.
namespace crashmarker {

/// What an input is being read for: a batch's marker belongs to that batch;
/// thumbnails and previews are made outside any batch and have a marker of
/// their own.
enum class Channel { Batch, Thumbnails };

/// Starts recording `channel`'s inputs into `markerPath` (the handlers are
/// installed once, the first time); an empty path stops recording them.
void arm(const QString &markerPath, Channel channel = Channel::Batch);

/// Marks `input` as being processed by the calling thread until the scope ends.
/// A crash on that thread is blamed on this input alone; a crash on a thread
/// processing none is blamed on every input in flight.
class InputScope
{
public:
    explicit InputScope(const QString &input, Channel channel = Channel::Batch);
    ~InputScope();
    InputScope(const InputScope &) = delete;
    InputScope &operator=(const InputScope &) = delete;

private:
    int m_slot = -1;
    int m_previousOwn = -1;
};

/// After a crash blamed on inputs, replaces the process with the command in
/// `whileBatchRuns` when a batch is armed, else with `otherwise` (each the
/// program name first, or empty for dying as before; run as /proc/self/exe,
/// so a rebuilt binary does not matter), with `environment` ("NAME=value")
/// added: the same command resuming goes on without those inputs. A crash
/// blamed on no input still ends the process. Both empty stop it.
void continueAfterCrash(const QList<QByteArray> &whileBatchRuns, const QList<QByteArray> &otherwise,
                        const QList<QByteArray> &environment);

/// The inputs a crash left in `markerPath` (none when the file is missing).
QStringList crashedInputs(const QString &markerPath);

/// What resuming says about each such input.
QString crashedInputReason();

} // namespace crashmarker

} // namespace pixelmill

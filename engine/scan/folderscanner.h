// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/scan/pathscanner.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace pixelmill {

/// Runs scanPaths() off the caller's thread. Scans run one after another in the
/// order started; results stream as filesFound() batches and each scan ends with
/// finished(). Signals are emitted in the thread that owns this object.
class FolderScanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderScanner)

public:
    explicit FolderScanner(QObject *parent = nullptr);
    ~FolderScanner() override;

    /// `outputFolders`: see scanPaths().
    void start(const QStringList &roots, const QStringList &outputFolders = {});
    /// Stops the running scan and drops queued ones; each still emits finished().
    void cancel();
    bool isRunning() const { return m_active > 0; }

signals:
    void filesFound(const QList<pixelmill::FoundFile> &files);
    void finished(const pixelmill::ScanReport &report);

private:
    QThreadPool m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int m_active = 0;
};

} // namespace pixelmill

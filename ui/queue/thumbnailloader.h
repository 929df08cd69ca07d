// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QImage>
#include <QMutex>
#include <QObject>
#include <QSize>
#include <QStringList>
#include <QThreadPool>

namespace pixelmill {

/// Makes input thumbnails on a background thread, newest request first (the
/// rows the user is looking at now). Results arrive in the owner's thread.
class ThumbnailLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailLoader)

public:
    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    void request(const QString &path);
    void cancelAll();
    /// Drops a waiting request: a row the batch finished shows its output
    /// thumbnail, made from the image already in memory.
    void forget(const QString &path);
    /// While paused (a batch is running) requests wait: the workers get the
    /// cores, and finished rows show their output thumbnail anyway.
    void setPaused(bool paused);

signals:
    void thumbnailReady(const QString &path, const QImage &thumbnail, const QSize &imageSize);

private:
    void drain();

    QThreadPool m_thread;
    QMutex m_mutex;
    QStringList m_pending; // guarded by m_mutex
    bool m_draining = false; // guarded by m_mutex
    bool m_stopping = false; // guarded by m_mutex
    bool m_paused = false; // guarded by m_mutex
};

} // namespace pixelmill

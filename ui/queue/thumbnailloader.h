// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/decodeoptions.h"

#include <QImage>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSize>
#include <QStringList>
#include <QThreadPool>

namespace pixelmill {

/// Makes thumbnails on a background thread, newest request first (the rows the
/// user is looking at now). Results arrive in the owner's thread; a file that
/// cannot be read gives a null image.
class ThumbnailLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailLoader)

public:
    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    /// At most this many requests wait: scrolling through 10,000 rows must not
    /// leave 10,000 decodes behind it. The oldest go first.
    static constexpr int kMaxPending = 256;

    /// Asking again for a waiting path moves it to the front. `evenWhilePaused`:
    /// a finished row's output is a small file, cheap enough to read while a
    /// batch runs.
    void request(const QString &path, bool evenWhilePaused = false);
    void cancelAll();
    /// Drops a waiting request: a row the batch finished shows its output
    /// thumbnail, made from the image already in memory.
    void forget(const QString &path);
    /// While paused (a batch is running) requests wait: the workers get the
    /// cores, and finished rows show their output thumbnail anyway.
    void setPaused(bool paused);
    /// Images over the limit get no thumbnail (a user who raised the limit in
    /// Settings for panoramas expects to see them in the queue too).
    void setMaxPixels(qint64 maxPixels);

    /// Where a crash while making a thumbnail leaves the file's name (see
    /// crashmarker.h); such files get no thumbnail from then on.
    static QString crashMarkerPath();

signals:
    void thumbnailReady(const QString &path, const QImage &thumbnail, const QSize &imageSize);
    /// Requests dropped unmade for newer ones; their rows ask again when shown.
    void requestsDropped(const QStringList &paths);

private:
    struct Request
    {
        QString path;
        bool evenWhilePaused = false;
    };

    void drain();
    bool mayMakeNow(const Request &request) const; // m_mutex held
    void startDrainingIfDue(); // m_mutex held

    QThreadPool m_thread;
    QMutex m_mutex;
    QList<Request> m_pending; // guarded by m_mutex; newest last
    bool m_draining = false; // guarded by m_mutex
    bool m_stopping = false; // guarded by m_mutex
    bool m_paused = false; // guarded by m_mutex
    qint64 m_maxPixels = DecodeOptions().maxPixels; // guarded by m_mutex
    QSet<QString> m_crashedBefore; // read-only after construction
};

} // namespace pixelmill

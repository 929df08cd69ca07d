// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/thumbnailloader.h"

#include "engine/image/proxyloader.h"
#include "engine/image/thumbnailer.h"

namespace pixelmill {

ThumbnailLoader::ThumbnailLoader(QObject *parent) : QObject(parent)
{
    // One thread: thumbnails must not slow the batch workers down much.
    m_thread.setMaxThreadCount(1);
}

ThumbnailLoader::~ThumbnailLoader()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_pending.clear();
    }
    m_thread.waitForDone();
}

void ThumbnailLoader::request(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_pending.append(path);
    if (m_draining || m_paused)
        return;
    m_draining = true;
    m_thread.start([this] { drain(); });
}

void ThumbnailLoader::setPaused(bool paused)
{
    QMutexLocker lock(&m_mutex);
    m_paused = paused;
    if (paused || m_draining || m_pending.isEmpty())
        return;
    m_draining = true;
    m_thread.start([this] { drain(); });
}

void ThumbnailLoader::cancelAll()
{
    QMutexLocker lock(&m_mutex);
    m_pending.clear();
}

void ThumbnailLoader::forget(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_pending.removeAll(path);
}

void ThumbnailLoader::drain()
{
    for (;;) {
        QString path;
        {
            QMutexLocker lock(&m_mutex);
            if (m_pending.isEmpty() || m_stopping || m_paused) {
                m_draining = false;
                return;
            }
            path = m_pending.takeLast();
        }
        const DecodedImage proxy = loadProxy(path, 256);
        const QImage thumb = makeThumbnail(proxy.image, 256);
        const QSize size(proxy.header.orientedSize.width, proxy.header.orientedSize.height);
        QMetaObject::invokeMethod(this, [this, path, thumb, size] { emit thumbnailReady(path, thumb, size); },
                                  Qt::QueuedConnection);
    }
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/thumbnailloader.h"

#include "engine/image/proxyloader.h"
#include "engine/image/thumbnailer.h"
#include "engine/journal/batchjournal.h"
#include "engine/worker/crashmarker.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace pixelmill {

ThumbnailLoader::ThumbnailLoader(QObject *parent) : QObject(parent)
{
    // One thread: thumbnails must not slow the batch workers down much.
    m_thread.setMaxThreadCount(1);
    const QString marker = crashMarkerPath();
    const QStringList crashed = crashmarker::crashedInputs(marker);
    m_crashedBefore = QSet<QString>(crashed.cbegin(), crashed.cend());
    crashmarker::arm(marker, crashmarker::Channel::Thumbnails);
}

QString ThumbnailLoader::crashMarkerPath()
{
    return QFileInfo(BatchJournal::defaultPath()).dir().filePath(QStringLiteral("thumbnails.crashed"));
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

void ThumbnailLoader::request(const QString &path, bool evenWhilePaused)
{
    QStringList dropped;
    {
        QMutexLocker lock(&m_mutex);
        m_pending.removeIf([&path](const Request &r) { return r.path == path; });
        m_pending.append({path, evenWhilePaused});
        while (m_pending.size() > kMaxPending)
            dropped.append(m_pending.takeFirst().path);
        startDrainingIfDue();
    }
    // Queued: requests come from a view's data() call, which must not see the
    // model change under it.
    if (!dropped.isEmpty())
        QMetaObject::invokeMethod(this, [this, dropped] { emit requestsDropped(dropped); }, Qt::QueuedConnection);
}

bool ThumbnailLoader::mayMakeNow(const Request &request) const
{
    return !m_paused || request.evenWhilePaused;
}

void ThumbnailLoader::startDrainingIfDue()
{
    if (m_draining || m_stopping
        || std::none_of(m_pending.cbegin(), m_pending.cend(), [this](const Request &r) { return mayMakeNow(r); }))
        return;
    m_draining = true;
    m_thread.start([this] { drain(); });
}

void ThumbnailLoader::setMaxPixels(qint64 maxPixels)
{
    QMutexLocker lock(&m_mutex);
    m_maxPixels = maxPixels;
}

void ThumbnailLoader::setPaused(bool paused)
{
    QMutexLocker lock(&m_mutex);
    m_paused = paused;
    startDrainingIfDue();
}

void ThumbnailLoader::cancelAll()
{
    QMutexLocker lock(&m_mutex);
    m_pending.clear();
}

void ThumbnailLoader::forget(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_pending.removeIf([&path](const Request &r) { return r.path == path; });
}

void ThumbnailLoader::drain()
{
    for (;;) {
        QString path;
        DecodeOptions options;
        {
            QMutexLocker lock(&m_mutex);
            const auto next = std::find_if(m_pending.crbegin(), m_pending.crend(),
                                           [this](const Request &r) { return mayMakeNow(r); });
            if (next == m_pending.crend() || m_stopping) {
                m_draining = false;
                return;
            }
            path = next->path;
            m_pending.erase(std::next(next).base());
            options.maxPixels = m_maxPixels;
        }
        // A file whose thumbnail once crashed the window gets none: it would crash it again.
        DecodedImage proxy;
        if (!m_crashedBefore.contains(path)) {
            const crashmarker::InputScope reading(path, crashmarker::Channel::Thumbnails);
            proxy = loadProxy(path, 256, options, RawProxy::CameraPreviewWillDo);
        }
        const QImage thumb = makeThumbnail(proxy.image, 256);
        const QSize size(proxy.header.orientedSize.width, proxy.header.orientedSize.height);
        QMetaObject::invokeMethod(this, [this, path, thumb, size] { emit thumbnailReady(path, thumb, size); },
                                  Qt::QueuedConnection);
    }
}

} // namespace pixelmill

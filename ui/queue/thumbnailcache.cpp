// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/thumbnailcache.h"

namespace pixelmill {

ThumbnailCache::ThumbnailCache(qsizetype budgetBytes) : m_entries(budgetBytes) {}

const ThumbnailCache::Entry *ThumbnailCache::find(const QString &path) const
{
    return m_entries.object(path);
}

void ThumbnailCache::insert(const QString &path, const QImage &image)
{
    if (image.isNull()) {
        m_entries.remove(path);
        return;
    }
    auto *entry = new Entry{image, QPixmap::fromImage(image.scaled(kIconEdge, kIconEdge, Qt::KeepAspectRatio,
                                                                   Qt::SmoothTransformation))};
    const qsizetype iconBytes = qsizetype(entry->icon.width()) * entry->icon.height() * entry->icon.depth() / 8;
    // QCache takes the entry even when it is over the whole budget (and deletes it).
    m_entries.insert(path, entry, image.sizeInBytes() + iconBytes);
}

void ThumbnailCache::remove(const QString &path)
{
    m_entries.remove(path);
}

void ThumbnailCache::clear()
{
    m_entries.clear();
}

qsizetype ThumbnailCache::bytes() const
{
    return m_entries.totalCost();
}

} // namespace pixelmill

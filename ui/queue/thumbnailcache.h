// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QCache>
#include <QImage>
#include <QPixmap>
#include <QString>

namespace pixelmill {

/// The thumbnails the queue shows, keyed by the file they show, the most
/// recently used kept up to a memory budget. A thumbnail per row would grow
/// without bound (about 125 KB a row: 1.2 GB for 10,000 rows); rows whose
/// thumbnail was dropped ask for it again when shown. GUI thread only (QPixmap).
class ThumbnailCache final
{
    Q_DISABLE_COPY_MOVE(ThumbnailCache)

public:
    /// About 450 list thumbnails: more than the largest screen shows at once,
    /// so what is on screen is never dropped for what is on screen.
    static constexpr qsizetype kDefaultBudgetBytes = qsizetype(64) << 20;
    static constexpr int kIconEdge = 64;

    struct Entry
    {
        QImage image;
        QPixmap icon; ///< kIconEdge px, scaled once, not on every repaint
    };

    explicit ThumbnailCache(qsizetype budgetBytes = kDefaultBudgetBytes);

    /// Null when not kept; a hit counts as use.
    const Entry *find(const QString &path) const;
    /// Replaces what was kept for `path`; a null image just forgets it.
    void insert(const QString &path, const QImage &image);
    void remove(const QString &path);
    void clear();
    qsizetype bytes() const;

private:
    mutable QCache<QString, Entry> m_entries; // find() reorders: use counts
};

} // namespace pixelmill

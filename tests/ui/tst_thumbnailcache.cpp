// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/thumbnailcache.h"

#include <QTest>

using namespace pixelmill;

namespace {

QImage listThumbnail(int width = 256, int height = 171)
{
    QImage image(width, height, QImage::Format_RGB888);
    image.fill(Qt::darkCyan);
    return image;
}

QString key(int i)
{
    return QStringLiteral("/photos/%1.jpg").arg(i);
}

} // namespace

class TestThumbnailCache final : public QObject
{
    Q_OBJECT

private slots:
    void keepsTheRecentlyUsedWithinItsBudget()
    {
        ThumbnailCache probe;
        probe.insert(key(0), listThumbnail());
        const qsizetype perEntry = probe.bytes();
        QVERIFY(perEntry > listThumbnail().sizeInBytes()); // the icon counts too
        ThumbnailCache cache(10 * perEntry);
        for (int i = 0; i < 10; ++i)
            cache.insert(key(i), listThumbnail());
        QCOMPARE(cache.bytes(), 10 * perEntry);
        QVERIFY(cache.find(key(0))); // used: the next insert drops 1, not 0
        cache.insert(key(10), listThumbnail());
        QVERIFY(cache.find(key(0)));
        QVERIFY(!cache.find(key(1)));
        for (int i = 11; i < 1000; ++i)
            cache.insert(key(i), listThumbnail());
        QVERIFY(cache.bytes() <= 10 * perEntry);
        QVERIFY(cache.find(key(999)));
        QVERIFY(!cache.find(key(0)));
    }

    void makesTheListIconOnce()
    {
        ThumbnailCache cache;
        cache.insert(key(1), listThumbnail(256, 128));
        const ThumbnailCache::Entry *entry = cache.find(key(1));
        QVERIFY(entry);
        QCOMPARE(entry->image.size(), QSize(256, 128));
        QCOMPARE(entry->icon.size(), QSize(ThumbnailCache::kIconEdge, ThumbnailCache::kIconEdge / 2));
    }

    void aNullImageOrOneOverTheBudgetIsNotKept()
    {
        ThumbnailCache cache(listThumbnail().sizeInBytes());
        cache.insert(key(1), listThumbnail(32, 32));
        QVERIFY(cache.find(key(1)));
        cache.insert(key(1), QImage()); // the file changed and cannot be read
        QVERIFY(!cache.find(key(1)));
        cache.insert(key(2), listThumbnail(1024, 1024));
        QVERIFY(!cache.find(key(2)));
        QCOMPARE(cache.bytes(), 0);
    }
};

QTEST_MAIN(TestThumbnailCache)
#include "tst_thumbnailcache.moc"

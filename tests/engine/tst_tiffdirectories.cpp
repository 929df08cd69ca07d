// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/tiffdirectories.h"

#include <QTest>
#include <QtEndian>

#include <array>

using namespace pixelmill;

namespace {

using Entry = std::array<quint32, 3>; // tag, type, value

// A TIFF of directories only (no pixel data), chained in order, in either byte order.
QByteArray tiffOf(const QList<QList<Entry>> &directories, bool little = true)
{
    QByteArray out(little ? QByteArray("II*\0", 4) : QByteArray("MM\0*", 4));
    const auto put16 = [&](quint16 v) {
        char b[2];
        little ? qToLittleEndian(v, b) : qToBigEndian(v, b);
        out.append(b, 2);
    };
    const auto put32 = [&](quint32 v) {
        char b[4];
        little ? qToLittleEndian(v, b) : qToBigEndian(v, b);
        out.append(b, 4);
    };
    put32(8);
    for (qsizetype d = 0; d < directories.size(); ++d) {
        const QList<Entry> &entries = directories.at(d);
        put16(quint16(entries.size()));
        for (const Entry &e : entries) {
            put16(quint16(e[0]));
            put16(quint16(e[1]));
            put32(1);
            if (e[1] == 3) { // a SHORT sits left-justified in the value field
                put16(quint16(e[2]));
                put16(0);
            } else {
                put32(e[2]);
            }
        }
        const bool last = d + 1 == directories.size();
        put32(last ? 0 : quint32(out.size() + 4));
    }
    return out;
}

const QList<Entry> kPage{{256, 4, 640}, {257, 4, 480}};
const QList<Entry> kThumbnail{{254, 4, 1}, {256, 4, 160}, {257, 4, 120}};

} // namespace

class TestTiffDirectories final : public QObject
{
    Q_OBJECT

private slots:
    void readsTagsInBothByteOrders()
    {
        for (const bool little : {true, false}) {
            const TiffDirectories tiff(tiffOf({{{256, 4, 640}, {258, 3, 16}}}, little));
            QVERIFY(tiff.isValid());
            const qint64 first = tiff.chain().value(0);
            QCOMPARE(tiff.value(first, 256), std::optional<quint32>(640));
            QCOMPARE(tiff.value(first, 258), std::optional<quint32>(16));
            QVERIFY(!tiff.value(first, 999).has_value());
            QVERIFY(tiff.hasTag(first, 258));
        }
    }

    void countsPagesButNotReducedCopies()
    {
        QCOMPARE(TiffDirectories(tiffOf({kPage})).pageCount(), 1);
        QCOMPARE(TiffDirectories(tiffOf({kPage, kPage, kPage})).pageCount(), 3);
        QCOMPARE(TiffDirectories(tiffOf({kPage, kThumbnail})).pageCount(), 1);
    }

    void describesTheFirstPagesLayout()
    {
        // Four BitsPerSample values do not fit in the entry: they sit after the directory.
        QByteArray cmyk = tiffOf({{{256, 4, 64}, {258, 3, 16}, {262, 3, 5}}});
        QCOMPARE(TiffDirectories(cmyk).firstPageLayout(), QStringLiteral("CMYK, 16 bits per sample"));
        QByteArray array = tiffOf({{{258, 3, 0}, {262, 3, 2}}});
        const qsizetype entry = 8 + 2; // BitsPerSample, the first entry
        qToLittleEndian<quint32>(3, array.data() + entry + 4); // count 3: six bytes, stored elsewhere
        qToLittleEndian<quint32>(quint32(array.size()), array.data() + entry + 8);
        array.append("\x08\0\x08\0\x08\0", 6);
        QCOMPARE(TiffDirectories(array).firstPageLayout(), QStringLiteral("RGB, 8 bits per sample"));
        array.chop(6); // the array's offset now points past the end
        QCOMPARE(TiffDirectories(array).firstPageLayout(), QStringLiteral("RGB"));
        QCOMPARE(TiffDirectories(tiffOf({kPage})).firstPageLayout(), QString()); // no Photometric tag
    }

    // NEF and ARW keep a small RGB preview first and the sensor's mosaic in a SubIFD.
    void findsSensorDataInSubDirectories()
    {
        QByteArray nef = tiffOf({{{256, 4, 160}, {262, 3, 2}, {330, 4, 0}}});
        const qsizetype subIfdsValue = 8 + 2 + 2 * 12 + 8;
        qToLittleEndian<quint32>(quint32(nef.size()), nef.data() + subIfdsValue);
        nef += tiffOf({{{256, 4, 6000}, {262, 3, 32803}}}).mid(8); // a directory, not in the chain
        QVERIFY(TiffDirectories(nef).holdsSensorData());
        QCOMPARE(TiffDirectories(nef).chain().size(), 1);
        QVERIFY(!TiffDirectories(nef.left(nef.size() - 20)).holdsSensorData()); // the SubIFD cut off
        QVERIFY(TiffDirectories(tiffOf({{{262, 3, 32803}}})).holdsSensorData()); // PEF: the mosaic first
        QVERIFY(TiffDirectories(tiffOf({kPage, {{262, 3, 34892}}})).holdsSensorData()); // linear raw
        QVERIFY(!TiffDirectories(tiffOf({{{262, 3, 2}}, kThumbnail})).holdsSensorData());
    }

    // A RAW's previews: JPEGInterchangeFormat in a SubIFD (NEF), or one
    // JPEG-compressed strip (DNG, CR2). The largest whole one wins.
    void findsTheLargestEmbeddedJpeg()
    {
        QByteArray raw = tiffOf({{{259, 3, 7}, {273, 4, 0}, {274, 3, 6}, {279, 4, 100}, {330, 4, 0}}});
        const qsizetype ifd0 = 8 + 2;
        const qsizetype small = raw.size();
        raw += QByteArray("\xff\xd8", 2) + QByteArray(98, 'a'); // 100 bytes
        qToLittleEndian<quint32>(quint32(small), raw.data() + ifd0 + 1 * 12 + 8);
        const qsizetype sub = raw.size();
        qToLittleEndian<quint32>(quint32(sub), raw.data() + ifd0 + 4 * 12 + 8);
        raw += tiffOf({{{513, 4, 0}, {514, 4, 300}}}).mid(8);
        const qsizetype large = raw.size();
        qToLittleEndian<quint32>(quint32(large), raw.data() + sub + 2 + 8);
        raw += QByteArray("\xff\xd8", 2) + QByteArray(298, 'b'); // 300 bytes
        const TiffDirectories tiff(raw);
        QCOMPARE(tiff.largestJpeg(), (std::pair<qint64, qint64>(large, 300)));
        QCOMPARE(tiff.orientation(), 6);
        // Cut inside the large one: the small one is all that is whole.
        QCOMPARE(TiffDirectories(raw.left(raw.size() - 1)).largestJpeg(), (std::pair<qint64, qint64>(small, 100)));
        QByteArray noMarker = raw;
        noMarker[large] = 'x';
        QCOMPARE(TiffDirectories(noMarker).largestJpeg(), (std::pair<qint64, qint64>(small, 100)));
        QCOMPARE(TiffDirectories(tiffOf({kPage})).largestJpeg(), (std::pair<qint64, qint64>(-1, 0)));
        QCOMPARE(TiffDirectories(tiffOf({{{274, 3, 9}}})).orientation(), 1);
    }

    // Offsets come from the file: a loop, a cut or garbage must end the walk.
    void hostileChainsEndTheWalk()
    {
        QByteArray loop = tiffOf({kPage, kPage});
        const qsizetype secondNextPointer = loop.size() - 4;
        qToLittleEndian<quint32>(8, loop.data() + secondNextPointer); // back to the first
        QCOMPARE(TiffDirectories(loop).chain().size(), 2);
        QCOMPARE(TiffDirectories(loop).pageCount(), 2);

        const QByteArray whole = tiffOf({kPage, kPage});
        for (qsizetype cut = 0; cut < whole.size(); ++cut) {
            const TiffDirectories tiff(whole.left(cut));
            QVERIFY(tiff.chain().size() <= 2);
            for (const qint64 d : tiff.chain())
                tiff.value(d, 257);
        }
        QVERIFY(!TiffDirectories(QByteArray("II*\0\xff\xff\xff\x7f", 8)).isValid());
        QVERIFY(!TiffDirectories(QByteArray("not a tiff at all")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestTiffDirectories)
#include "tst_tiffdirectories.moc"

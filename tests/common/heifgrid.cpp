// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/heifgrid.h"

#include <QtEndian>

namespace pixelmill::test {

namespace {

QByteArray u16(int value)
{
    QByteArray bytes(2, '\0');
    qToBigEndian<quint16>(quint16(value), bytes.data());
    return bytes;
}

QByteArray u32(qint64 value)
{
    QByteArray bytes(4, '\0');
    qToBigEndian<quint32>(quint32(value), bytes.data());
    return bytes;
}

QByteArray box(const char *type, const QByteArray &body)
{
    return u32(body.size() + 8) + QByteArray(type, 4) + body;
}

QByteArray fullBox(const char *type, int version, int flags, const QByteArray &body)
{
    return box(type, u32(qint64(version) << 24 | flags) + body);
}

// The whole box of that type (header included) in a file as libheif writes it.
QByteArray findBox(const QByteArray &file, const char *type)
{
    const qsizetype at = file.indexOf(QByteArray(type, 4));
    if (at < 4)
        return {};
    const qint64 size = qFromBigEndian<quint32>(file.constData() + at - 4);
    return size >= 8 && at - 4 + size <= file.size() ? file.mid(at - 4, size) : QByteArray();
}

QByteArray infe(int id, const char *type)
{
    return fullBox("infe", 2, 0, u16(id) + u16(0) + QByteArray(type, 4) + QByteArray(1, '\0'));
}

QByteArray ispe(int width, int height)
{
    return fullBox("ispe", 0, 0, u32(width) + u32(height));
}

} // namespace

QByteArray heifGridAroundTile(const QByteArray &singleImage, int tileWidth, int tileHeight,
                              const HeifGridLayout &layout)
{
    const QByteArray hvcC = findBox(singleImage, "hvcC");
    const QByteArray mdat = findBox(singleImage, "mdat");
    if (hvcC.isEmpty() || mdat.isEmpty())
        return {};
    const QByteArray tileData = mdat.mid(8);
    const QByteArray ftyp = box("ftyp", QByteArray("heic") + u32(0) + QByteArray("mif1heic"));
    const QByteArray description = u16(0) + u16(0) + u16(layout.canvasWidth) + u16(layout.canvasHeight);
    // The meta box has the same size whatever the tile's offset, so build it
    // once to learn where the mdat's data will start, then with that offset.
    const auto meta = [&](qint64 tileOffset) {
        const QByteArray hdlr = fullBox("hdlr", 0, 0, u32(0) + QByteArray("pict") + QByteArray(13, '\0'));
        const QByteArray pitm = fullBox("pitm", 0, 0, u16(2));
        // Version 1: 4-byte offsets and lengths, no base offset; the tile in the
        // file (method 0), the grid description in idat (method 1).
        const QByteArray iloc = fullBox("iloc", 1, 0,
                                        QByteArray("\x44\x00", 2) + u16(2) //
                                            + u16(1) + u16(0) + u16(0) + u16(1) + u32(tileOffset) + u32(tileData.size())
                                            + u16(2) + u16(1) + u16(0) + u16(1) + u32(layout.descriptionOffset) + u32(8));
        const QByteArray iinf = fullBox("iinf", 0, 0, u16(2) + infe(1, "hvc1") + infe(2, "grid"));
        const QByteArray iref = fullBox("iref", 0, 0, box("dimg", u16(2) + u16(1) + u16(1)));
        const QByteArray ipco = box("ipco", hvcC + ispe(tileWidth, tileHeight)
                                                + ispe(layout.declaredWidth, layout.declaredHeight));
        // Tile: hvcC (essential) and its ispe; grid: its ispe.
        const QByteArray ipma = fullBox("ipma", 0, 0, u32(2) + u16(1) + QByteArray("\x02\x81\x02", 3) + u16(2)
                                                          + QByteArray("\x01\x03", 2));
        const QByteArray idat = box("idat", description);
        return fullBox("meta", 0, 0, hdlr + pitm + iloc + iinf + iref + box("iprp", ipco + ipma) + idat);
    };
    const qint64 tileOffset = ftyp.size() + meta(0).size() + 8;
    return ftyp + meta(tileOffset) + box("mdat", tileData);
}

} // namespace pixelmill::test

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/unreadablephotos.h"

#include <QByteArrayList>
#include <QtEndian>

namespace pixelmill {

namespace {

constexpr quint16 kDngVersionTag = 50706;
constexpr int kIfdEntryBytes = 12;

// The major brand of an ISO base media file ("ftyp" box first).
QString isoMediaPhotoKind(const QByteArray &bytes)
{
    if (bytes.size() < 12 || bytes.mid(4, 4) != "ftyp")
        return {};
    const QByteArray brand = bytes.mid(8, 4);
    if (brand == "avif" || brand == "avis")
        return QStringLiteral("AVIF");
    static const QByteArrayList heif = {"heic", "heix", "hevc", "hevx", "heim",
                                        "heis", "hevm", "hevs", "mif1", "msf1"};
    return heif.contains(brand) ? QStringLiteral("HEIC/HEIF") : QString();
}

// "DNG" or "CR2" for TIFF-structured camera RAW, else empty.
QString cameraRawKind(const QByteArray &tiff)
{
    if (tiff.size() < 16)
        return {};
    const bool little = tiff.startsWith("II*");
    if (!little && !tiff.startsWith(QByteArray("MM\0*", 4)))
        return {};
    const auto *bytes = reinterpret_cast<const uchar *>(tiff.constData());
    const auto read16 = [&](qsizetype at) {
        return little ? qFromLittleEndian<quint16>(bytes + at) : qFromBigEndian<quint16>(bytes + at);
    };
    const auto read32 = [&](qsizetype at) {
        return little ? qFromLittleEndian<quint32>(bytes + at) : qFromBigEndian<quint32>(bytes + at);
    };
    if (little && bytes[8] == 'C' && bytes[9] == 'R')
        return QStringLiteral("CR2"); // Canon's marker right after the TIFF header
    const qsizetype ifd = read32(4);
    if (ifd < 8 || ifd + 2 > tiff.size())
        return {};
    const int entries = read16(ifd);
    for (int i = 0; i < entries; ++i) {
        const qsizetype entry = ifd + 2 + qsizetype(i) * kIfdEntryBytes;
        if (entry + kIfdEntryBytes > tiff.size())
            break;
        if (read16(entry) == kDngVersionTag)
            return QStringLiteral("DNG");
    }
    return {};
}

} // namespace

QString unreadablePhotoReason(const QByteArray &bytes)
{
    if (const QString raw = cameraRawKind(bytes); !raw.isEmpty())
        return cameraRawRefusal(raw);
    if (const QString kind = isoMediaPhotoKind(bytes); !kind.isEmpty())
        return QStringLiteral("%1 images are not supported").arg(kind);
    return {};
}

QString cameraRawRefusal(const QString &kind)
{
    return QStringLiteral("camera RAW (%1) is not supported: only its embedded preview could be read; "
                          "develop it to TIFF or JPEG first")
        .arg(kind);
}

} // namespace pixelmill

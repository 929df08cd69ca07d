// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/unreadablephotos.h"

#include "engine/image/tiffdirectories.h"

#include <QByteArrayList>

namespace pixelmill {

namespace {

constexpr quint16 kDngVersionTag = 50706;

} // namespace

QString cameraRawKind(const QByteArray &bytes)
{
    if (bytes.size() >= 10 && bytes.startsWith("II*") && bytes.mid(8, 2) == "CR")
        return QStringLiteral("CR2"); // Canon's marker right after the TIFF header
    const TiffDirectories tiff(bytes);
    if (tiff.isValid() && tiff.hasTag(tiff.chain(1).value(0, 0), kDngVersionTag))
        return QStringLiteral("DNG");
    if (tiff.isValid() && tiff.holdsSensorData())
        return QStringLiteral("TIFF-based RAW"); // NEF, ARW, PEF, SRW, ...
    return {};
}

bool isHeifContainer(const QByteArray &bytes)
{
    // The major brand of an ISO base media file ("ftyp" box first).
    if (bytes.size() < 12 || bytes.mid(4, 4) != "ftyp")
        return false;
    static const QByteArrayList brands = {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
                                          "hevs", "mif1", "msf1", "avif", "avis"};
    return brands.contains(bytes.mid(8, 4));
}

bool isJpegXl(const QByteArray &bytes)
{
    // The container's signature box, or a bare codestream.
    return bytes.startsWith(QByteArray("\0\0\0\x0cJXL \r\n\x87\n", 12)) || bytes.startsWith("\xff\x0a");
}

QString unsupportedFormatRefusal(const QString &kind)
{
    return QStringLiteral("%1 images are not supported").arg(kind);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/imagefiletypes.h"

#include "engine/image/imagedecoder.h"

#include <QFile>

namespace pixelmill {

const QStringList &supportedImageExtensions()
{
    static const QStringList extensions = {
        QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("jpe"), QStringLiteral("jfif"),
        QStringLiteral("png"), QStringLiteral("webp"), QStringLiteral("tif"), QStringLiteral("tiff"),
        QStringLiteral("bmp"), QStringLiteral("dib"),  QStringLiteral("pbm"), QStringLiteral("pgm"),
        QStringLiteral("ppm"), QStringLiteral("pnm"),
        // Not decodable, but queued so the user sees why, instead of a silent skip.
        QStringLiteral("gif"),
    };
    return extensions;
}

bool hasImageExtension(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return false;
    return supportedImageExtensions().contains(fileName.mid(dot + 1).toLower());
}

bool looksLikeImage(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return false;
    const QByteArray head = file.read(64 * 1024);
    ImageHeader header;
    return probeHeader(head, header).isEmpty();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/imagefiletypes.h"

#include "engine/image/unreadablephotos.h"
#include "engine/image/imagedecoder.h"
#include "engine/scan/nativepath.h"

#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

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

QString unreadablePhotoKind(const QString &fileName)
{
    static const QStringList rawExtensions = {
        QStringLiteral("3fr"), QStringLiteral("ari"), QStringLiteral("arw"), QStringLiteral("cr2"),
        QStringLiteral("cr3"), QStringLiteral("crw"), QStringLiteral("dcr"), QStringLiteral("dng"),
        QStringLiteral("erf"), QStringLiteral("fff"), QStringLiteral("iiq"), QStringLiteral("k25"),
        QStringLiteral("kdc"), QStringLiteral("mef"), QStringLiteral("mos"), QStringLiteral("mrw"),
        QStringLiteral("nef"), QStringLiteral("nrw"), QStringLiteral("orf"), QStringLiteral("pef"),
        QStringLiteral("raf"), QStringLiteral("raw"), QStringLiteral("rw2"), QStringLiteral("rwl"),
        QStringLiteral("sr2"), QStringLiteral("srf"), QStringLiteral("srw"), QStringLiteral("x3f"),
    };
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return {};
    const QString extension = fileName.mid(dot + 1).toLower();
    if (rawExtensions.contains(extension))
        return QStringLiteral("camera RAW");
    if (extension == QLatin1String("heic") || extension == QLatin1String("heif") || extension == QLatin1String("hif"))
        return QStringLiteral("HEIC/HEIF");
    if (extension == QLatin1String("avif"))
        return QStringLiteral("AVIF");
    if (extension == QLatin1String("jxl"))
        return QStringLiteral("JPEG XL");
    if (extension == QLatin1String("jp2") || extension == QLatin1String("j2k") || extension == QLatin1String("jpx")
        || extension == QLatin1String("jpf"))
        return QStringLiteral("JPEG 2000");
    return {};
}

QString unreadablePhotoRefusal(const QString &fileName)
{
    const QString kind = unreadablePhotoKind(fileName);
    if (kind == QLatin1String("camera RAW"))
        return cameraRawRefusal(QFileInfo(fileName).suffix().toUpper());
    return QStringLiteral("%1 images are not supported").arg(kind);
}

bool looksLikeImage(const QString &path)
{
    const int fd = ::open(nativePath(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    QByteArray head(64 * 1024, Qt::Uninitialized);
    const ssize_t got = ::read(fd, head.data(), size_t(head.size()));
    ::close(fd);
    head.truncate(got > 0 ? qsizetype(got) : 0);
    ImageHeader header;
    return probeHeader(head, header).isEmpty();
}

} // namespace pixelmill

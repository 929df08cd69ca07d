// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/imagefiletypes.h"

#include "engine/image/imagedecoder.h"
#include "engine/image/unreadablephotos.h"
#include "engine/scan/nativepath.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <fcntl.h>
#include <unistd.h>

namespace pixelmill {

namespace {

// Lower-case, without the dot; empty without one.
QString lowerExtension(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : fileName.mid(dot + 1).toLower();
}

} // namespace

const QStringList &supportedImageExtensions()
{
    static const QStringList extensions = {
        QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("jpe"), QStringLiteral("jfif"),
        QStringLiteral("png"), QStringLiteral("webp"), QStringLiteral("tif"), QStringLiteral("tiff"),
        QStringLiteral("bmp"), QStringLiteral("dib"),  QStringLiteral("pbm"), QStringLiteral("pgm"),
        QStringLiteral("ppm"), QStringLiteral("pnm"), QStringLiteral("gif"), QStringLiteral("heic"),
        QStringLiteral("heif"), QStringLiteral("hif"), QStringLiteral("avif"), QStringLiteral("jp2"),
        QStringLiteral("j2k"), QStringLiteral("jpf"), QStringLiteral("jpx"), QStringLiteral("jxl"),
    };
    return extensions;
}

bool hasImageExtension(const QString &fileName)
{
    return supportedImageExtensions().contains(lowerExtension(fileName));
}

QString unreadablePhotoKind(const QString &fileName)
{
    static const QHash<QString, QString> kinds = [] {
        QHash<QString, QString> byExtension;
        for (const char *raw : {"3fr", "ari", "arw", "cr2", "cr3", "crw", "dcr", "dng", "erf", "fff",
                                "iiq", "k25", "kdc", "mef", "mos", "mrw", "nef", "nrw", "orf", "pef",
                                "raf", "raw", "rw2", "rwl", "sr2", "srf", "srw", "x3f"})
            byExtension.insert(QLatin1String(raw), QStringLiteral("camera RAW"));
        return byExtension;
    }();
    return kinds.value(lowerExtension(fileName));
}

QString unreadablePhotoRefusal(const QString &fileName)
{
    const QString kind = unreadablePhotoKind(fileName);
    if (kind.isEmpty())
        return {};
    if (kind == QLatin1String("camera RAW"))
        return cameraRawRefusal(QFileInfo(fileName).suffix().toUpper());
    return unsupportedFormatRefusal(kind);
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
    // A HEIF's pixels usually follow its header within the first 64 KB, but
    // not always: its brand is taken as its word.
    if (isHeifContainer(head))
        return true;
    ImageHeader header;
    return probeHeader(head, header).isEmpty();
}

} // namespace pixelmill

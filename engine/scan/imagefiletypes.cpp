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
    static const QStringList extensions = [] {
        QStringList all;
        for (const char *extension :
            {"jpg", "jpeg", "jpe", "jfif", "png", "webp", "tif", "tiff", "bmp", "dib", "pbm", "pgm", "ppm",
                "pnm", "pam", "gif", "heic", "heif", "hif", "avif", "jp2", "j2k", "jpf", "jpx", "jxl",
                // camera RAW, developed through LibRaw
                "3fr", "ari", "arw", "cr2", "cr3", "crw", "dcr", "dng", "erf", "fff", "iiq", "k25", "kdc",
                "mef", "mos", "mrw", "nef", "nrw", "orf", "pef", "raf", "raw", "rw2", "rwl", "sr2", "srf",
                "srw", "x3f"})
            all << QLatin1String(extension);
        return all;
    }();
    return extensions;
}

bool hasImageExtension(const QString &fileName)
{
    return supportedImageExtensions().contains(lowerExtension(fileName));
}

QString unreadablePhotoKind(const QString &fileName)
{
    const QString extension = lowerExtension(fileName);
    return extension == QLatin1String("psd") || extension == QLatin1String("psb") ? QStringLiteral("Photoshop (PSD)")
                                                                                  : QString();
}

QString unreadablePhotoRefusal(const QString &fileName)
{
    const QString kind = unreadablePhotoKind(fileName);
    return kind.isEmpty() ? QString() : unsupportedFormatRefusal(kind);
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

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputnaming.h"

#include "engine/image/sourcemetadata.h"
#include "engine/scan/nativepath.h"

#include <QDir>
#include <QFileInfo>

namespace pixelmill {

namespace {

// NAME_MAX on Linux file systems, less room for the rename policy's "_<n>".
constexpr qsizetype kMaxFileNameBytes = 255 - 8;

// Drops whole characters from the end of the base name until the name fits.
QString fitFileName(const QString &fileName, bool *shortened)
{
    if (nativePath(fileName).size() <= kMaxFileNameBytes)
        return fileName;
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    const QString extension = dot > 0 ? fileName.mid(dot) : QString();
    QString base = dot > 0 ? fileName.left(dot) : fileName;
    const qsizetype budget = kMaxFileNameBytes - nativePath(extension).size();
    while (!base.isEmpty() && nativePath(base).size() > budget)
        base.chop(base.size() >= 2 && base.at(base.size() - 1).isLowSurrogate() ? 2 : 1);
    if (shortened)
        *shortened = true;
    return base + extension;
}

} // namespace

NameContext nameContextFor(const ExportOptions &options, const QString &inputPath, int counter, int width,
                           int height, const SourceMetadata *metadata)
{
    const QFileInfo input(inputPath);
    NameContext ctx;
    ctx.baseName = input.completeBaseName();
    ctx.extension = formatExtension(options.format);
    ctx.sourceExtension = input.suffix().toLower();
    ctx.counter = counter;
    ctx.width = width;
    ctx.height = height;
    ctx.parent = input.dir().dirName();
    ctx.date = input.lastModified();
    if (metadata) {
        ctx.dateTaken = metadata->dateTaken();
        ctx.camera = metadata->cameraModel();
    }
    return ctx;
}

QString plannedOutputPath(const ExportOptions &options, const NameTemplate &name,
                          const QString &inputPath, const QString &relativeDir, int counter,
                          int width, int height, const SourceMetadata *metadata, bool *shortened)
{
    if (shortened)
        *shortened = false;
    const NameContext ctx = nameContextFor(options, inputPath, counter, width, height, metadata);
    QString fileName = name.render(ctx);
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (!formatExtensions(options.format).contains(suffix))
        fileName += QLatin1Char('.') + ctx.extension;
    if (fileName.startsWith(QLatin1Char('.')) && QFileInfo(fileName).completeBaseName().isEmpty())
        fileName.prepend(QStringLiteral("unnamed"));
    fileName = fitFileName(fileName, shortened);
    QDir dir(options.outputDir);
    if (options.mirrorFolders && !relativeDir.isEmpty() && relativeDir != QLatin1String("."))
        return QDir::cleanPath(dir.filePath(relativeDir + QLatin1Char('/') + fileName));
    return QDir::cleanPath(dir.filePath(fileName));
}

bool namesKnownBeforeDecoding(const ExportOptions &options, const NameTemplate &name)
{
    return !name.usesImageData() && !options.keepInputFormat;
}

QString numberedPath(const QString &path, int n)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix();
    const QString base = info.completeBaseName();
    const QString file = suffix.isEmpty() ? QStringLiteral("%1_%2").arg(base).arg(n)
                                          : QStringLiteral("%1_%2.%3").arg(base).arg(n).arg(suffix);
    return info.dir().filePath(file);
}

} // namespace pixelmill

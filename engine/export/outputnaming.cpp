// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputnaming.h"

#include "engine/image/sourcemetadata.h"

#include <QDir>
#include <QFileInfo>

namespace pixelmill {

NameContext nameContextFor(const ExportOptions &options, const QString &inputPath, int counter, int width,
                           int height, const SourceMetadata *metadata)
{
    const QFileInfo input(inputPath);
    NameContext ctx;
    ctx.baseName = input.completeBaseName();
    ctx.extension = formatExtension(options.format);
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
                          int width, int height, const SourceMetadata *metadata)
{
    const NameContext ctx = nameContextFor(options, inputPath, counter, width, height, metadata);
    QString fileName = name.render(ctx);
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (!formatExtensions(options.format).contains(suffix))
        fileName += QLatin1Char('.') + ctx.extension;
    if (fileName.startsWith(QLatin1Char('.')) && QFileInfo(fileName).completeBaseName().isEmpty())
        fileName.prepend(QStringLiteral("unnamed"));
    QDir dir(options.outputDir);
    if (options.mirrorFolders && !relativeDir.isEmpty() && relativeDir != QLatin1String("."))
        return QDir::cleanPath(dir.filePath(relativeDir + QLatin1Char('/') + fileName));
    return QDir::cleanPath(dir.filePath(fileName));
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

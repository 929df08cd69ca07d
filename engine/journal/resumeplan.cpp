// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/resumeplan.h"

#include "engine/image/codecconsole.h"
#include "engine/image/imagedecoder.h"
#include "engine/journal/unrecordedoutputs.h"
#include "engine/worker/crashmarker.h"

#include <QFile>
#include <QImageReader>

#include <unistd.h>

namespace pixelmill {

namespace {

struct FileHeader
{
    QByteArray format; ///< empty when the file is no image Qt can read
    QSize size;
    QImageIOHandler::Transformations transformation;
};

// The header only, read from the file as Qt's readers seek to it. Reading
// whole files just to look at their headers read a batch's outputs all over
// again: for 2,000 full-size TIFFs, tens of gigabytes. Only regular files are
// opened: a FIFO put in a file's place would block the open.
FileHeader readFileHeader(const QString &path)
{
    FileHeader header;
    QString error;
    qint64 bytes = 0;
    const int fd = path.isEmpty() ? -1 : openRegularFile(path, error, bytes);
    if (fd < 0)
        return header;
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return header;
    }
    keepCodecLibrariesOffTheConsole();
    QImageReader reader(&file);
    header.format = reader.format();
    header.size = reader.size();
    header.transformation = reader.transformation();
    return header;
}

// What a queue row shows of an input it does not decode again; empty for the
// formats Qt cannot size from the header (HEIF, camera RAW).
QSize uprightSizeFromHeader(const QString &input)
{
    const FileHeader header = readFileHeader(input);
    QSize size = header.size;
    if (size.isValid() && header.transformation.testFlag(QImageIOHandler::TransformationRotate90))
        size.transpose();
    return size;
}

} // namespace

bool outputStillGood(const QString &path)
{
    const FileHeader header = readFileHeader(path);
    // A top-down BMP's height comes negative from Qt 6.4.
    return !header.format.isEmpty() && header.size.width() > 0 && header.size.height() != 0;
}

bool recordedAsFinished(const InterruptedBatch::Entry &entry)
{
    return entry.status == QLatin1String("written") || entry.status == QLatin1String("skipped");
}

ResumePlan planResume(const InterruptedBatch &batch, const ExportOptions &options)
{
    ResumePlan plan;
    const QHash<QString, QString> unrecorded = findUnrecordedOutputs(batch, options);
    for (qsizetype i = 0; i < batch.jobs.size(); ++i) {
        const InterruptedBatch::Entry &e = batch.jobs.at(i);
        const FoundFile file{e.input, e.relativeDir, int(i) + 1};
        JobResult result;
        result.inputPath = e.input;
        if (batch.crashedInputs.contains(e.input)) {
            plan.crashed << e.input;
            result.error = crashmarker::crashedInputReason();
            plan.finished.append({file, result});
            continue;
        }
        bool kept = false;
        if (recordedAsFinished(e)) {
            kept = e.status == QLatin1String("skipped") || outputStillGood(e.output);
            result.outputPath = e.output;
            plan.missingOutputs += kept ? 0 : 1;
        } else if (const QString output = unrecorded.value(e.input); outputStillGood(output)) {
            plan.recovered.insert(e.input, output);
            result.outputPath = output;
            kept = true;
        }
        if (!kept) {
            plan.remaining.append(file);
            continue;
        }
        ++plan.keptOutputs;
        result.inputSize = uprightSizeFromHeader(e.input);
        const bool skipped = e.status == QLatin1String("skipped");
        result.status = skipped ? JobStatus::Skipped : JobStatus::Written;
        if (skipped)
            result.error = QStringLiteral("skipped by the run that was interrupted");
        plan.finished.append({file, result});
    }
    return plan;
}

} // namespace pixelmill

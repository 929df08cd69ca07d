// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/jsonreport.h"

#include "engine/scan/nativefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pixelmill {

namespace {

QJsonValue sizeJson(const QSize &size)
{
    if (!size.isValid())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("width"), size.width()},
                       {QStringLiteral("height"), size.height()}};
}

QJsonObject resultJson(const JobResult &r)
{
    const StageTimings &t = r.timings;
    QJsonObject timings{{QStringLiteral("read"), t.readMs},     {QStringLiteral("decode"), t.decodeMs},
                        {QStringLiteral("filter"), t.filterMs}, {QStringLiteral("encode"), t.encodeMs},
                        {QStringLiteral("write"), t.writeMs},   {QStringLiteral("total"), t.totalMs()}};
    QJsonObject j;
    j[QStringLiteral("input")] = r.inputPath;
    j[QStringLiteral("status")] = jobStatusName(r.status);
    j[QStringLiteral("output")] = r.outputPath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.outputPath);
    j[QStringLiteral("error")] = r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error);
    j[QStringLiteral("warnings")] = QJsonArray::fromStringList(r.warnings);
    j[QStringLiteral("input_size")] = sizeJson(r.inputSize);
    j[QStringLiteral("output_size")] = sizeJson(r.outputSize);
    j[QStringLiteral("input_bytes")] = r.inputBytes;
    j[QStringLiteral("bytes_written")] = r.bytesWritten;
    j[QStringLiteral("decode_reduction")] = r.decodeReduction;
    j[QStringLiteral("timings_ms")] = timings;
    return j;
}

} // namespace

bool writeJsonReport(const QString &path, const BatchSummary &s, const QList<JobResult> &results,
                     QString *error)
{
    QJsonArray jobs;
    for (const JobResult &r : results)
        jobs.append(resultJson(r));
    QJsonObject summary{{QStringLiteral("inputs"), s.submitted},
                        {QStringLiteral("written"), s.written},
                        {QStringLiteral("written_with_warnings"), s.writtenWithWarnings},
                        {QStringLiteral("skipped"), s.skipped},
                        {QStringLiteral("failed"), s.failed},
                        {QStringLiteral("canceled"), s.canceled},
                        {QStringLiteral("bytes_written"), s.bytesWritten},
                        {QStringLiteral("wall_seconds"), s.wallSeconds}};
    const QJsonObject root{{QStringLiteral("pixelmill_report"), 1},
                           {QStringLiteral("summary"), summary},
                           {QStringLiteral("jobs"), jobs}};
    QString why;
    if (!writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented), why)) {
        if (error)
            *error = QStringLiteral("cannot write report %1: %2").arg(path, why);
        return false;
    }
    return true;
}

} // namespace pixelmill

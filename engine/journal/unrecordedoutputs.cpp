// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/unrecordedoutputs.h"

#include "engine/export/nametemplate.h"
#include "engine/export/outputnaming.h"
#include "engine/scan/nativefile.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace pixelmill {

namespace {

QString normalized(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// "IMG_3.jpg" -> "IMG.jpg": the name numberedPath() started from, or empty.
QString unnumberedName(const QString &fileName)
{
    const QFileInfo info(fileName);
    const QString base = info.completeBaseName();
    const qsizetype underscore = base.lastIndexOf(QLatin1Char('_'));
    if (underscore <= 0 || underscore == base.size() - 1)
        return {};
    for (qsizetype i = underscore + 1; i < base.size(); ++i) {
        if (!base.at(i).isDigit())
            return {};
    }
    const QString suffix = info.suffix();
    return base.left(underscore) + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
}

// Each output folder is listed once, however many inputs wanted a name in it:
// the files there grouped by the name they would be numbered from.
class OutputFamilies
{
public:
    const QStringList &of(const QString &wantedPath)
    {
        const QFileInfo wanted(wantedPath);
        const QString folder = wanted.absolutePath();
        auto listed = m_folders.find(folder);
        if (listed == m_folders.end())
            listed = m_folders.insert(folder, list(folder));
        const auto family = listed->constFind(wanted.fileName());
        return family == listed->cend() ? m_none : *family;
    }

private:
    static QHash<QString, QStringList> list(const QString &folder)
    {
        QHash<QString, QStringList> families;
        QStringList names;
        listFolderNames(folder, names); // an unreadable folder holds no output to keep
        for (const QString &name : std::as_const(names)) {
            const QString path = QDir::cleanPath(folder + QLatin1Char('/') + name);
            families[name].append(path);
            const QString unnumbered = unnumberedName(name);
            if (!unnumbered.isEmpty())
                families[unnumbered].append(path);
        }
        return families;
    }

    QHash<QString, QHash<QString, QStringList>> m_folders;
    const QStringList m_none{};
};

QSet<QString> recordedOutputs(const InterruptedBatch &batch)
{
    QSet<QString> recorded;
    for (const InterruptedBatch::Entry &e : batch.jobs) {
        if (!e.output.isEmpty())
            recorded.insert(normalized(e.output));
    }
    return recorded;
}

bool newerThanTheBatch(const QString &file, const InterruptedBatch &batch)
{
    const std::optional<NativeFileStatus> status = nativeFileStatus(file);
    return status && status->regular
        && status->modified >= batch.started.addSecs(-1); // the journal keeps whole seconds
}

QHash<QString, QString> fromTheIntentLog(const InterruptedBatch &batch, const QHash<QString, QString> &intended)
{
    const QSet<QString> recorded = recordedOutputs(batch);
    QHash<QString, QString> found;
    for (const InterruptedBatch::Entry &e : batch.jobs) {
        const QString output = intended.value(e.input);
        if (e.status == QLatin1String("queued") && !output.isEmpty() && !recorded.contains(normalized(output))
            && newerThanTheBatch(output, batch))
            found.insert(e.input, output);
    }
    return found;
}

// For a batch without an intent log: guessed from the names inputs wanted.
QHash<QString, QString> byTheirNames(const InterruptedBatch &batch, const ExportOptions &options)
{
    const auto name = NameTemplate::parse(options.nameTemplate, nullptr);
    if (!name || !namesKnownBeforeDecoding(options, *name))
        return {};
    const QSet<QString> recorded = recordedOutputs(batch);
    QHash<QString, QStringList> wantedBy; // wanted output -> unrecorded inputs wanting it
    for (qsizetype i = 0; i < batch.jobs.size(); ++i) {
        const InterruptedBatch::Entry &e = batch.jobs.at(i);
        if (e.status == QLatin1String("queued"))
            wantedBy[normalized(plannedOutputPath(options, *name, e.input, e.relativeDir, int(i) + 1, 0, 0))]
                .append(e.input);
    }
    OutputFamilies families;
    QHash<QString, QStringList> candidates; // wanted output -> files that may be its
    QHash<QString, int> claims; // file -> how many wanted outputs it may be
    for (auto it = wantedBy.cbegin(); it != wantedBy.cend(); ++it) {
        for (const QString &file : families.of(it.key())) {
            if (recorded.contains(file) || !newerThanTheBatch(file, batch))
                continue;
            candidates[it.key()].append(file);
            ++claims[file];
        }
    }
    QHash<QString, QString> found;
    for (auto it = candidates.cbegin(); it != candidates.cend(); ++it) {
        // A file two wanted names could lead to ("IMG_1.jpg" is an input's own name and
        // the first number of "IMG.jpg") or a name two inputs wanted: nobody's for sure.
        const QStringList wanting = wantedBy.value(it.key());
        if (wanting.size() == 1 && it->size() == 1 && claims.value(it->first()) == 1)
            found.insert(wanting.first(), it->first());
    }
    return found;
}

} // namespace

QHash<QString, QString> findUnrecordedOutputs(const InterruptedBatch &batch, const ExportOptions &options)
{
    if (!batch.started.isValid())
        return {};
    return batch.intendedOutputs ? fromTheIntentLog(batch, *batch.intendedOutputs) : byTheirNames(batch, options);
}

} // namespace pixelmill

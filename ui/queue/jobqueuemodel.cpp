// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobqueuemodel.h"

#include "engine/scan/displaypath.h"
#include "engine/scan/nativefile.h"

#include <QFileInfo>
#include <QLocale>
#include <QPainter>

namespace pixelmill {

namespace {

QString canonicalKey(const QString &path)
{
    const QString canonical = canonicalNativePath(path);
    return canonical.isEmpty() ? path : canonical;
}

// The list's stand-in for a file that cannot be read: a blank left its row
// looking unfinished, and its name out of line with the rows above.
const QPixmap &noPreviewIcon()
{
    static const QPixmap icon = [] {
        const int edge = ThumbnailCache::kIconEdge;
        QPixmap pixmap(edge, edge * 2 / 3);
        pixmap.fill(QColor(232, 232, 232));
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(QColor(150, 150, 150), 2));
        painter.drawRect(QRectF(pixmap.rect()).adjusted(1, 1, -1, -1));
        const QRectF mark = QRectF(0, 0, 16, 16).translated(pixmap.width() / 2.0 - 8, pixmap.height() / 2.0 - 8);
        painter.drawLine(mark.topLeft(), mark.bottomRight());
        painter.drawLine(mark.topRight(), mark.bottomLeft());
        return pixmap;
    }();
    return icon;
}

RowState stateFor(JobStatus status)
{
    switch (status) {
    case JobStatus::Written:
        return RowState::Done;
    case JobStatus::Skipped:
        return RowState::Skipped;
    case JobStatus::Failed:
        return RowState::Failed;
    case JobStatus::Canceled:
        return RowState::Canceled;
    }
    return RowState::Failed;
}

} // namespace

QString rowStateText(RowState state)
{
    switch (state) {
    case RowState::Queued:
        return JobQueueModel::tr("Queued");
    case RowState::Running:
        return JobQueueModel::tr("Running");
    case RowState::Done:
        return JobQueueModel::tr("Done");
    case RowState::Failed:
        return JobQueueModel::tr("Failed");
    case RowState::Skipped:
        return JobQueueModel::tr("Skipped");
    case RowState::Canceled:
        return JobQueueModel::tr("Cancelled");
    }
    return {};
}

JobQueueModel::JobQueueModel(QObject *parent) : QAbstractTableModel(parent) {}

int JobQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobQueueModel::nameData(const Row &row, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return displayPath(QFileInfo(row.path).fileName());
    case Qt::DecorationRole: {
        const ThumbnailCache::Entry *kept = thumbnailFor(row);
        if (kept)
            return kept->icon;
        return row.thumbnail == ThumbnailState::Unreadable ? QVariant(noPreviewIcon()) : QVariant();
    }
    default:
        return {};
    }
}

QVariant JobQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case JobIdRole:
        return row.id;
    case StateRole:
        return int(row.state);
    case ProgressRole:
        return row.progress;
    case StageRole:
        return int(row.stage);
    case InputThumbnailRole:
    case OutputThumbnailRole: {
        const ThumbnailCache::Entry *kept = thumbnailFor(row);
        return kept && showsOutput(row) == (role == OutputThumbnailRole) ? kept->image : QImage();
    }
    case ErrorRole:
        return row.message;
    case PathRole:
        return row.path;
    case OutputPathRole:
        return row.outputPath;
    case WarningsRole:
        return row.warnings;
    case NoPreviewRole:
        return row.thumbnail == ThumbnailState::Unreadable;
    case Qt::ToolTipRole: {
        QString tip = displayPath(row.path);
        if (!row.message.isEmpty())
            tip += QLatin1Char('\n') + displayPath(row.message);
        for (const QString &w : row.warnings)
            tip += QLatin1Char('\n') + tr("Warning: %1").arg(displayPath(w));
        if (!row.outputPath.isEmpty())
            tip += QLatin1Char('\n') + tr("Output: %1").arg(displayPath(row.outputPath));
        return tip;
    }
    default:
        break;
    }
    switch (index.column()) {
    case NameColumn:
        return nameData(row, role);
    case InfoColumn:
        if (role == Qt::DisplayRole) {
            const QString bytes = QLocale().formattedDataSize(row.fileBytes);
            if (row.imageSize.isEmpty()) // unknown, or 0 × 0 from a file that is no image
                return bytes;
            return tr("%1 × %2, %3").arg(row.imageSize.width()).arg(row.imageSize.height()).arg(bytes);
        }
        return {};
    case StateColumn:
        if (role == Qt::DisplayRole) {
            if (row.state == RowState::Failed || row.state == RowState::Skipped)
                return tr("%1: %2").arg(rowStateText(row.state), displayPath(row.message));
            if (row.state == RowState::Done && !row.warnings.isEmpty())
                return tr("Done, with warnings");
            return rowStateText(row.state);
        }
        return {};
    case ProgressColumn:
        if (role == Qt::DisplayRole)
            return row.progress;
        return {};
    default:
        return {};
    }
}

QVariant JobQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("File");
    case InfoColumn:
        return tr("Size");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    default:
        return {};
    }
}

bool JobQueueModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    for (int i = row; i < row + count; ++i)
        m_thumbnails.remove(thumbnailSource(m_rows.at(i)));
    m_rows.remove(row, count);
    rebuildIndexes();
    endRemoveRows();
    return true;
}

int JobQueueModel::addFiles(const QList<FoundFile> &files)
{
    QList<Row> fresh;
    for (const FoundFile &f : files) {
        const QString key = canonicalKey(f.path);
        if (m_knownFiles.contains(key))
            continue;
        m_knownFiles.insert(key);
        Row row;
        row.path = f.path;
        row.relativeDir = f.relativeDir;
        row.counter = f.counter;
        const std::optional<NativeFileStatus> status = nativeFileStatus(f.path);
        row.fileBytes = status ? status->bytes : 0;
        fresh.append(row);
    }
    if (fresh.isEmpty())
        return 0;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Row &row : std::as_const(fresh)) {
        m_rowByPath.insert(row.path, int(m_rows.size()));
        m_rows.append(row);
    }
    endInsertRows();
    return int(fresh.size());
}

bool JobQueueModel::showsOutput(const Row &row)
{
    return row.state == RowState::Done && !row.outputPath.isEmpty() && !row.outputUnreadable;
}

const QString &JobQueueModel::thumbnailSource(const Row &row)
{
    return showsOutput(row) ? row.outputPath : row.path;
}

const ThumbnailCache::Entry *JobQueueModel::thumbnailFor(const Row &row) const
{
    const QString &source = thumbnailSource(row);
    const ThumbnailCache::Entry *kept = m_thumbnails.find(source);
    // Views only ask for rows they show, so thumbnails are made lazily, and
    // made again when the cache dropped them while the row was out of sight.
    if (!kept && row.thumbnail == ThumbnailState::NotAsked && m_requestThumbnail) {
        row.thumbnail = ThumbnailState::Asked;
        m_requestThumbnail(source, showsOutput(row));
    }
    return kept;
}

void JobQueueModel::setThumbnailRequester(std::function<void(const QString &, bool)> requester)
{
    m_requestThumbnail = std::move(requester);
}

void JobQueueModel::setThumbnail(const QString &path, const QImage &thumbnail, const QSize &imageSize)
{
    m_thumbnails.insert(path, thumbnail);
    for (const int row : {m_rowByPath.value(path, -1), m_rowByOutputPath.value(path, -1)}) {
        if (row < 0 || thumbnailSource(m_rows.at(row)) != path)
            continue;
        Row &r = m_rows[row];
        if (thumbnail.isNull() && showsOutput(r)) {
            r.outputUnreadable = true; // shown again, the row asks for its input's
            r.thumbnail = ThumbnailState::NotAsked;
        } else {
            r.thumbnail = thumbnail.isNull() ? ThumbnailState::Unreadable : ThumbnailState::NotAsked;
        }
        if (!showsOutput(r) && imageSize.isValid())
            r.imageSize = imageSize;
        emitRowChanged(row, {Qt::DecorationRole, InputThumbnailRole, OutputThumbnailRole, NoPreviewRole,
                             Qt::DisplayRole},
                       NameColumn, InfoColumn);
    }
}

void JobQueueModel::forgetThumbnailRequests(const QStringList &paths)
{
    for (const QString &path : paths) {
        for (const int row : {m_rowByPath.value(path, -1), m_rowByOutputPath.value(path, -1)}) {
            if (row >= 0 && m_rows.at(row).thumbnail == ThumbnailState::Asked
                && thumbnailSource(m_rows.at(row)) == path)
                m_rows[row].thumbnail = ThumbnailState::NotAsked;
        }
    }
}

void JobQueueModel::retryMissingThumbnails()
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (m_rows.at(row).thumbnail != ThumbnailState::Unreadable)
            continue;
        m_rows[row].thumbnail = ThumbnailState::NotAsked;
        emitRowChanged(row, {Qt::DecorationRole, NoPreviewRole}, NameColumn, NameColumn);
    }
}

qsizetype JobQueueModel::thumbnailBytes() const
{
    return m_thumbnails.bytes();
}

QList<int> JobQueueModel::queuedRows() const
{
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).state == RowState::Queued && m_rows.at(i).id == 0)
            rows.append(i);
    }
    return rows;
}

QString JobQueueModel::pathAt(int row) const
{
    return m_rows.value(row).path;
}

QString JobQueueModel::relativeDirAt(int row) const
{
    return m_rows.value(row).relativeDir;
}

int JobQueueModel::counterAt(int row) const
{
    return m_rows.value(row).counter;
}

void JobQueueModel::assignJobId(int row, JobId id)
{
    m_rows[row].id = id;
    m_rowById.insert(id, row);
}

int JobQueueModel::rowForJob(JobId id) const
{
    return m_rowById.value(id, -1);
}

int JobQueueModel::retryRows(const QList<int> &rows)
{
    int count = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        const bool finishedBadly = row.state == RowState::Failed || row.state == RowState::Skipped
            || row.state == RowState::Canceled;
        if (!finishedBadly || (!rows.isEmpty() && !rows.contains(i)))
            continue;
        m_rowById.remove(row.id);
        row.id = 0;
        row.state = RowState::Queued;
        row.progress = 0;
        row.message.clear();
        row.warnings.clear();
        row.thumbnail = ThumbnailState::NotAsked; // the file may have been mended since
        emitRowChanged(i, {Qt::DisplayRole, StateRole, ProgressRole, ErrorRole, Qt::ToolTipRole});
        ++count;
    }
    return count;
}

int JobQueueModel::removeFinished()
{
    auto finished = [this](int i) {
        const RowState s = m_rows.at(i).state;
        return s != RowState::Queued && s != RowState::Running;
    };
    int removed = 0;
    // Whole runs at a time, from the end, so indexes stay valid and 10,000 rows stay fast.
    for (int end = int(m_rows.size()) - 1; end >= 0; --end) {
        if (!finished(end))
            continue;
        int start = end;
        while (start > 0 && finished(start - 1))
            --start;
        for (int i = start; i <= end; ++i)
            m_knownFiles.remove(canonicalKey(m_rows.at(i).path));
        removeRows(start, end - start + 1);
        removed += end - start + 1;
        end = start;
    }
    return removed;
}

void JobQueueModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_knownFiles.clear();
    m_thumbnails.clear();
    rebuildIndexes();
    endResetModel();
}

int JobQueueModel::countInState(RowState state) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [state](const Row &r) { return r.state == state; }));
}

void JobQueueModel::markStarted(JobId id)
{
    const int row = rowForJob(id);
    if (row < 0)
        return;
    m_rows[row].state = RowState::Running;
    m_rows[row].progress = 0;
    m_rows[row].stage = JobStage::Reading;
    emitRowChanged(row, {Qt::DisplayRole, StateRole, ProgressRole, StageRole}, StateColumn, ProgressColumn);
}

void JobQueueModel::markProgress(JobId id, JobStage stage, int percent)
{
    const int row = rowForJob(id);
    if (row < 0 || m_rows.at(row).state != RowState::Running)
        return;
    m_rows[row].progress = percent;
    m_rows[row].stage = stage;
    emitRowChanged(row, {Qt::DisplayRole, ProgressRole, StageRole}, ProgressColumn, ProgressColumn);
}

void JobQueueModel::markFinished(const JobResult &result)
{
    const int row = rowForJob(result.id);
    if (row >= 0)
        applyResult(row, result);
}

int JobQueueModel::addFinishedFiles(const QList<FoundFile> &files, const QList<JobResult> &results)
{
    QHash<QString, const JobResult *> resultOf;
    for (const JobResult &r : results)
        resultOf.insert(r.inputPath, &r);
    const int first = int(m_rows.size());
    const int added = addFiles(files);
    for (int row = first; row < first + added; ++row) {
        if (const JobResult *r = resultOf.value(m_rows.at(row).path))
            applyResult(row, *r);
    }
    return added;
}

void JobQueueModel::applyResult(int row, const JobResult &result)
{
    Row &r = m_rows[row];
    r.state = stateFor(result.status);
    r.progress = result.status == JobStatus::Written ? 100 : r.progress;
    r.message = result.error;
    r.warnings = result.warnings;
    r.outputPath = result.outputPath;
    r.outputUnreadable = false;
    if (showsOutput(r)) {
        r.thumbnail = ThumbnailState::NotAsked; // of the output now
        m_rowByOutputPath.insert(r.outputPath, row);
        // Made from the image in memory: keeping it spares reading the file back.
        if (!result.thumbnail.isNull())
            m_thumbnails.insert(r.outputPath, result.thumbnail);
    }
    if (result.inputSize.isValid())
        r.imageSize = result.inputSize;
    emitRowChanged(row, {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole, StateRole, ProgressRole,
                         OutputThumbnailRole, ErrorRole, OutputPathRole, WarningsRole});
}

void JobQueueModel::emitRowChanged(int row, const QList<int> &roles, int firstColumn, int lastColumn)
{
    emit dataChanged(index(row, firstColumn), index(row, lastColumn), roles);
}

void JobQueueModel::rebuildIndexes()
{
    m_rowById.clear();
    m_rowByPath.clear();
    m_rowByOutputPath.clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rowByPath.insert(m_rows.at(i).path, i);
        if (showsOutput(m_rows.at(i)))
            m_rowByOutputPath.insert(m_rows.at(i).outputPath, i);
        if (m_rows.at(i).id != 0)
            m_rowById.insert(m_rows.at(i).id, i);
    }
}

} // namespace pixelmill

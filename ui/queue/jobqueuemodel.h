// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/jobresult.h"
#include "engine/job/jobstage.h"
#include "engine/scan/pathscanner.h"
#include "ui/queue/thumbnailcache.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QImage>
#include <QList>
#include <QSet>

#include <functional>

namespace pixelmill {

/// Per-row state as the user sees it.
enum class RowState {
    Queued,
    Running,
    Done,
    Failed,
    Skipped,
    Canceled,
};

QString rowStateText(RowState state);

/// The queue: one row per input file, all per-job state lives here. Slots take
/// WorkerPool signals; dataChanged() names only the changed cells and roles.
/// GUI thread only.
class JobQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobQueueModel)

public:
    enum Column {
        NameColumn,
        InfoColumn,
        StateColumn,
        ProgressColumn,
        ColumnCount,
    };
    enum Role {
        JobIdRole = Qt::UserRole + 1,
        StateRole,
        ProgressRole,
        StageRole,
        InputThumbnailRole,
        OutputThumbnailRole,
        ErrorRole,
        PathRole,
        OutputPathRole,
        WarningsRole,
        NoPreviewRole, ///< bool: the file the thumbnail would show cannot be read
    };

    explicit JobQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    /// Appends files not already queued; returns how many were new.
    int addFiles(const QList<FoundFile> &files);
    /// The same for files that need no run, shown as `results` (matched by
    /// input path) say: a resumed batch's kept outputs and left-out files.
    int addFinishedFiles(const QList<FoundFile> &files, const QList<JobResult> &results);

    /// Called when a shown row needs its thumbnail and none is kept or on its
    /// way: the input's, or for a finished row its output's (`isOutput`).
    void setThumbnailRequester(std::function<void(const QString &path, bool isOutput)> requester);
    /// A thumbnail of the file at `path` (null: it cannot be read); `imageSize`
    /// is the input's size when `path` is a queued input.
    void setThumbnail(const QString &path, const QImage &thumbnail, const QSize &imageSize);
    /// Requests the loader dropped unmade: their rows ask again when shown.
    void forgetThumbnailRequests(const QStringList &paths);
    /// Rows that got no thumbnail ask again when shown: the pixel limit was
    /// raised, and a panorama refused before may be read now.
    void retryMissingThumbnails();
    /// Memory the kept thumbnails take (bounded by ThumbnailCache's budget).
    qsizetype thumbnailBytes() const;

    /// Rows waiting to run, in order; marks them as submitted under the given ids.
    QList<int> queuedRows() const;
    QString pathAt(int row) const;
    QString relativeDirAt(int row) const;
    int counterAt(int row) const;
    void assignJobId(int row, JobId id);
    int rowForJob(JobId id) const;

    /// Back to Queued for failed, skipped and canceled rows (or only `rows`).
    int retryRows(const QList<int> &rows);
    int removeFinished();
    void clear();

    int countInState(RowState state) const;

public slots:
    void markStarted(pixelmill::JobId id);
    void markProgress(pixelmill::JobId id, pixelmill::JobStage stage, int percent);
    void markFinished(const pixelmill::JobResult &result);

private:
    enum class ThumbnailState : quint8 {
        NotAsked, ///< asked for when shown and not kept
        Asked,
        Unreadable,
    };

    struct Row
    {
        QString path;
        QString relativeDir;
        int counter = 0; ///< see FoundFile::counter
        qint64 fileBytes = 0;
        QSize imageSize;
        RowState state = RowState::Queued;
        JobStage stage = JobStage::Reading;
        int progress = 0;
        JobId id = 0;
        QString message;
        QString outputPath;
        QStringList warnings;
        mutable ThumbnailState thumbnail = ThumbnailState::NotAsked; ///< of thumbnailSource(); data() asks
        bool outputUnreadable = false; ///< moved or deleted since: the input's thumbnail stands in
    };

    /// The file a row's thumbnail shows: its output once written (while it can
    /// be read), else its input.
    static const QString &thumbnailSource(const Row &row);
    static bool showsOutput(const Row &row);
    const ThumbnailCache::Entry *thumbnailFor(const Row &row) const;

    void applyResult(int row, const JobResult &result);
    void emitRowChanged(int row, const QList<int> &roles, int firstColumn = 0,
                        int lastColumn = ColumnCount - 1);
    void rebuildIndexes();
    QVariant nameData(const Row &row, int role) const;

    QList<Row> m_rows;
    QHash<JobId, int> m_rowById;
    QHash<QString, int> m_rowByPath;
    QHash<QString, int> m_rowByOutputPath;
    QSet<QString> m_knownFiles;
    std::function<void(const QString &, bool)> m_requestThumbnail;
    ThumbnailCache m_thumbnails;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/jobresult.h"
#include "engine/job/jobstage.h"
#include "engine/scan/pathscanner.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QImage>
#include <QList>
#include <QPixmap>
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
    };

    explicit JobQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    /// Appends files not already queued; returns how many were new.
    int addFiles(const QList<FoundFile> &files);

    /// Called (once per row) when a visible row needs its input thumbnail.
    void setThumbnailRequester(std::function<void(const QString &path)> requester);
    void setInputThumbnail(const QString &path, const QImage &thumbnail, const QSize &imageSize);

    /// Rows waiting to run, in order; marks them as submitted under the given ids.
    QList<int> queuedRows() const;
    QString pathAt(int row) const;
    QString relativeDirAt(int row) const;
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
    struct Row
    {
        QString path;
        QString relativeDir;
        qint64 fileBytes = 0;
        QSize imageSize;
        QImage inputThumbnail;
        QImage outputThumbnail;
        QPixmap icon; ///< 64 px, from whichever thumbnail is current
        RowState state = RowState::Queued;
        JobStage stage = JobStage::Reading;
        int progress = 0;
        JobId id = 0;
        QString message;
        QString outputPath;
        QStringList warnings;
        bool thumbnailRequested = false;
    };

    void emitRowChanged(int row, const QList<int> &roles, int firstColumn = 0,
                        int lastColumn = ColumnCount - 1);
    void rebuildIndexes();
    QVariant nameData(const Row &row, int role) const;

    QList<Row> m_rows;
    QHash<JobId, int> m_rowById;
    QHash<QString, int> m_rowByPath;
    QSet<QString> m_knownFiles;
    std::function<void(const QString &)> m_requestThumbnail;
};

} // namespace pixelmill

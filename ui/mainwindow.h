// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"
#include "engine/scan/pathscanner.h"
#include "ui/settings/appsettings.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QDialog;
class QLabel;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace pixelmill {

class OutputPlanDialog;
struct InterruptedBatch;

class BatchController;
class FilterRegistry;
class FolderScanner;
class JobQueueModel;
class OnScreenJobs;
class PreviewPane;
class ThumbnailLoader;
class WorkerPool;

/// The shell: actions, layout and wiring between the queue model, the batch
/// controller, the scanner and the settings. No image logic and no per-job
/// state of its own (that lives in JobQueueModel).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(const FilterRegistry &registry, WorkerPool &pool, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Expands files and folders in the background and queues the images.
    void addPaths(const QStringList &paths);
    void startBatch();
    /// Opens the output plan of the queued images (nullptr when settings stop a batch).
    OutputPlanDialog *showOutputPlan();
    /// Offers, without blocking, to resume the newest interrupted batch; false if there is none.
    /// The window takes drops meanwhile: new paths postpone the offer to the next start.
    bool offerResume();
    enum class ResumeCause { Interrupted, Crash };
    /// Resumes `batch`: its settings, its unfinished inputs queued and started;
    /// finished outputs that are still good are kept, nothing is done twice.
    void resumeBatch(const InterruptedBatch &batch, ResumeCause cause = ResumeCause::Interrupted);
    /// Resumes the newest interrupted batch without asking: this process took
    /// over from one that crashed on an input of it (crashcontinuation.h),
    /// which is left out. False if there is no such batch.
    bool goOnAfterCrash();
    BatchController *batchController() const { return m_batch; }
    void applySettings(const AppSettings &settings);
    bool loadPreset(const QString &path);
    bool savePreset(const QString &path);

    const AppSettings &settings() const { return m_settings; }
    JobQueueModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    PreviewPane *preview() const { return m_preview; }
    QString lastScanMessage() const { return m_scanMessage; }
    QString lastScanDetails() const;
    bool isScanning() const;

    /// Says, after the window started again because it crashed reading a file
    /// for a thumbnail or a preview, which file that was.
    void noteRestartAfterCrash();

signals:
    void scanFinished();
    /// Files or folders were given to addPaths() (dropped, opened or on the command line).
    void pathsAdded(const QStringList &paths);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createLayout();
    void openSettings();
    void showContextMenu(const QPoint &pos);
    void showSelectionDetails();
    void onFilesFound(const QList<FoundFile> &files);
    void onScanFinished(const ScanReport &report);
    void onBatchFinished(const BatchSummary &summary, const QString &outputDir);
    void refreshStatus();
    /// Hands m_settings to the pool, the thumbnail loader and the preview.
    void useSettings();
    void updateActions();
    QList<int> selectedRows() const;

    const FilterRegistry &m_registry;
    WorkerPool &m_pool;
    AppSettings m_settings;
    JobQueueModel *m_model;
    BatchController *m_batch;
    FolderScanner *m_scanner;
    ThumbnailLoader *m_thumbnails;

    QStackedWidget *m_views;
    QTableView *m_table;
    QListView *m_grid;
    OnScreenJobs *m_onScreen;
    PreviewPane *m_preview;
    QPlainTextEdit *m_details;
    QProgressBar *m_overall;
    QLabel *m_counts;
    QLabel *m_speed;
    QLabel *m_scanLabel;
    QPushButton *m_scanCancel;
    QTimer *m_statusTimer;

    QAction *m_addFiles;
    QAction *m_addFolder;
    QAction *m_start;
    QAction *m_planOutputs;
    QAction *m_pause;
    QAction *m_cancel;
    QAction *m_clearFinished;
    QAction *m_settingsAction;
    QAction *m_loadPreset;
    QAction *m_savePreset;
    QAction *m_gridMode;

    int m_scanAdded = 0;
    int m_scanDuplicates = 0;
    QString m_scanMessage;
    QPointer<QDialog> m_resumeOffer;
    // Paths given since the last batch ended that could not be processed at
    // all; its summary names them again.
    QList<QPair<QString, QString>> m_unprocessable;
};

} // namespace pixelmill

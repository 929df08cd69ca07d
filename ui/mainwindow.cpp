// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/mainwindow.h"

#include "engine/job/batchpace.h"
#include "engine/journal/resumeplan.h"
#include "engine/preset/preset.h"
#include "engine/scan/displaypath.h"
#include "engine/scan/folderscanner.h"
#include "engine/scan/imagefiletypes.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"
#include "engine/worker/crashmarker.h"
#include "engine/worker/workerpool.h"
#include "ui/batchcontroller.h"
#include "ui/common/aboutdialog.h"
#include "ui/common/batchsummarydialog.h"
#include "ui/common/outputplandialog.h"
#include "ui/preview/previewpane.h"
#include "ui/queue/jobprogressdelegate.h"
#include "ui/queue/jobqueuemodel.h"
#include "ui/queue/jobtiledelegate.h"
#include "ui/queue/onscreenjobs.h"
#include "ui/queue/thumbnailloader.h"
#include "ui/settings/settingsdialog.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

namespace pixelmill {

MainWindow::MainWindow(const FilterRegistry &registry, WorkerPool &pool, QWidget *parent)
    : QMainWindow(parent), m_registry(registry), m_pool(pool), m_settings(loadAppSettings(registry)),
      m_model(new JobQueueModel(this)), m_batch(new BatchController(pool, *m_model, registry, this)),
      m_scanner(new FolderScanner(this)), m_thumbnails(new ThumbnailLoader(this))
{
    setWindowTitle(tr("Pixelmill"));
    setAcceptDrops(true);
    resize(1280, 800);
    m_model->setThumbnailRequester(
        [this](const QString &path, bool isOutput) { m_thumbnails->request(path, isOutput); });
    connect(m_thumbnails, &ThumbnailLoader::thumbnailReady, m_model, &JobQueueModel::setThumbnail);
    connect(m_thumbnails, &ThumbnailLoader::requestsDropped, m_model, &JobQueueModel::forgetThumbnailRequests);
    connect(m_scanner, &FolderScanner::filesFound, this, &MainWindow::onFilesFound);
    connect(m_scanner, &FolderScanner::finished, this, &MainWindow::onScanFinished);
    connect(m_batch, &BatchController::runningChanged, this, &MainWindow::updateActions);
    connect(m_batch, &BatchController::runningChanged, m_thumbnails, &ThumbnailLoader::setPaused);
    connect(&m_pool, &WorkerPool::jobFinished, m_thumbnails, [this](const JobResult &result) {
        if (result.status == JobStatus::Written) // the row shows its output now
            m_thumbnails->forget(result.inputPath);
    });
    connect(m_batch, &BatchController::batchFinished, this, &MainWindow::onBatchFinished);
    createActions();
    createLayout();
    m_onScreen = new OnScreenJobs(
        {m_table, m_grid},
        [this](const std::optional<QSet<JobId>> &jobs) { m_pool.setThumbnailsWanted(jobs); }, this);
    useSettings();
    updateActions();
    refreshStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto action = [this](const QString &text, const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        return a;
    };
    m_addFiles = action(tr("Add Files…"), QKeySequence::Open, tr("Queue image files"));
    m_addFolder = action(tr("Add Folder…"), QKeySequence(tr("Ctrl+Shift+O")), tr("Queue every image in a folder"));
    m_start = action(tr("Start"), QKeySequence(Qt::CTRL | Qt::Key_Return), tr("Process the queued images"));
    m_planOutputs = action(tr("Preview Output Names…"), QKeySequence(tr("Ctrl+Shift+P")),
                           tr("Show what each queued image will be written as, with name clashes"));
    m_pause = action(tr("Pause"), QKeySequence(tr("Ctrl+P")), tr("Pause or resume the batch"));
    m_cancel = action(tr("Cancel"), QKeySequence(Qt::Key_Escape), tr("Stop the batch; nothing half-written is left"));
    m_clearFinished = action(tr("Clear Finished"), QKeySequence(tr("Ctrl+Shift+X")), tr("Remove finished rows"));
    m_settingsAction = action(tr("Settings…"), QKeySequence(tr("Ctrl+,")), tr("Filters, export and workers"));
    m_loadPreset = action(tr("Load Preset…"), QKeySequence(tr("Ctrl+L")), tr("Load filters and export options"));
    m_savePreset = action(tr("Save Preset…"), QKeySequence::Save, tr("Save filters and export options"));
    m_gridMode = action(tr("Grid View"), QKeySequence(tr("Ctrl+G")), tr("Switch between list and thumbnails"));
    m_gridMode->setCheckable(true);
    m_gridMode->setChecked(m_settings.gridMode);

    connect(m_addFiles, &QAction::triggered, this, [this] {
        QStringList patterns;
        for (const QString &extension : supportedImageExtensions())
            patterns << QStringLiteral("*.") + extension;
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Add Files"), m_settings.lastInputFolder,
            tr("Images (%1);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
        if (!files.isEmpty()) {
            m_settings.lastInputFolder = QFileInfo(files.first()).absolutePath();
            addPaths(files);
        }
    });
    connect(m_addFolder, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Folder"), m_settings.lastInputFolder);
        if (!dir.isEmpty()) {
            m_settings.lastInputFolder = dir;
            addPaths({dir});
        }
    });
    connect(m_start, &QAction::triggered, this, &MainWindow::startBatch);
    connect(m_planOutputs, &QAction::triggered, this, &MainWindow::showOutputPlan);
    connect(m_pause, &QAction::triggered, this, [this] {
        m_batch->togglePause();
        updateActions();
    });
    connect(m_cancel, &QAction::triggered, this, [this] {
        m_scanner->cancel();
        m_batch->cancel();
    });
    connect(m_clearFinished, &QAction::triggered, this, [this] { m_model->removeFinished(); });
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_loadPreset, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Preset"), m_settings.lastPresetFolder,
                                                          tr("Pixelmill presets (*.json)"));
        if (!path.isEmpty())
            loadPreset(path);
    });
    connect(m_savePreset, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Preset"), m_settings.lastPresetFolder,
                                                          tr("Pixelmill presets (*.json)"));
        if (!path.isEmpty())
            savePreset(path.endsWith(QLatin1String(".json")) ? path : path + QStringLiteral(".json"));
    });
    connect(m_gridMode, &QAction::toggled, this, [this](bool grid) {
        m_settings.gridMode = grid;
        m_views->setCurrentIndex(grid ? 1 : 0);
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_addFiles, m_addFolder});
    file->addSeparator();
    file->addActions({m_loadPreset, m_savePreset});
    file->addSeparator();
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *batch = menuBar()->addMenu(tr("&Batch"));
    batch->addActions({m_start, m_planOutputs, m_pause, m_cancel, m_clearFinished});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_gridMode);
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_settingsAction);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Pixelmill"), this, [this] { showAboutDialog(this); });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addActions({m_addFiles, m_addFolder});
    bar->addSeparator();
    bar->addActions({m_start, m_pause, m_cancel, m_clearFinished});
    bar->addSeparator();
    bar->addActions({m_settingsAction, m_gridMode});
}

void MainWindow::createLayout()
{
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new JobProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setIconSize(QSize(48, 48));
    m_table->verticalHeader()->setDefaultSectionSize(52);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(JobQueueModel::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(JobQueueModel::StateColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(JobQueueModel::InfoColumn, 180);
    m_table->setColumnWidth(JobQueueModel::ProgressColumn, 160);
    m_grid = new QListView(this);
    m_grid->setModel(m_model);
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setUniformItemSizes(true);
    m_grid->setSpacing(6);
    m_grid->setSelectionModel(m_table->selectionModel());
    m_grid->setItemDelegate(new JobTileDelegate(m_grid));
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    for (QAbstractItemView *v : {static_cast<QAbstractItemView *>(m_table), static_cast<QAbstractItemView *>(m_grid)}) {
        v->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(v, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    }
    m_views = new QStackedWidget(this);
    m_views->addWidget(m_table);
    m_views->addWidget(m_grid);
    m_views->setCurrentIndex(m_settings.gridMode ? 1 : 0);

    m_preview = new PreviewPane(m_registry, this);
    m_details = new QPlainTextEdit(this);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Details of the selected image appear here."));
    auto *side = new QSplitter(Qt::Vertical, this);
    side->addWidget(m_preview);
    side->addWidget(m_details);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 1);
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_views);
    main->addWidget(side);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    setCentralWidget(main);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectionDetails);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl) {
        if (tl.row() == m_table->currentIndex().row())
            showSelectionDetails();
    });

    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setMaximumWidth(260);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("batchCounts"));
    m_speed = new QLabel(this);
    m_scanLabel = new QLabel(this);
    m_scanCancel = new QPushButton(tr("Stop scan"), this);
    m_scanCancel->hide();
    connect(m_scanCancel, &QPushButton::clicked, m_scanner, &FolderScanner::cancel);
    statusBar()->addWidget(m_scanLabel, 1);
    statusBar()->addWidget(m_scanCancel);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_speed);
    statusBar()->addPermanentWidget(m_overall);
    // Status figures refresh on a timer, so thousands of finishing jobs cost a few repaints a second.
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(250);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_statusTimer->start();
}

void MainWindow::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    // New work comes first; resuming into a queue of other files would mix two batches in one
    // journal record, so the interrupted batch waits, untouched, for the next start.
    if (m_resumeOffer) {
        m_resumeOffer->done(QDialog::Rejected); // close() is refused by a box without an escape button
        statusBar()->showMessage(tr("The interrupted batch will be offered again at the next start"), 8000);
    }
    if (!m_scanner->isRunning()) {
        m_scanAdded = 0;
        m_scanDuplicates = 0;
    }
    m_scanLabel->setText(tr("Looking for images…"));
    m_scanCancel->show();
    m_scanner->start(paths, {m_settings.exportOptions.outputDir});
    emit pathsAdded(paths);
}

void MainWindow::noteRestartAfterCrash()
{
    const QStringList crashed = crashmarker::crashedInputs(ThumbnailLoader::crashMarkerPath());
    if (crashed.isEmpty())
        return;
    const QString message = tr("Pixelmill crashed reading %1 for a preview and started again; that file "
                               "shows no preview from now on")
                                .arg(displayPath(QFileInfo(crashed.last()).fileName()));
    statusBar()->showMessage(message, 15000);
}

bool MainWindow::isScanning() const
{
    return m_scanner->isRunning();
}

void MainWindow::onFilesFound(const QList<FoundFile> &files)
{
    const int added = m_model->addFiles(files);
    m_scanAdded += added;
    m_scanDuplicates += int(files.size()) - added;
    m_scanLabel->setText(tr("Looking for images… %n added", nullptr, m_scanAdded));
}

QString MainWindow::lastScanDetails() const
{
    return m_scanLabel->toolTip();
}

void MainWindow::onScanFinished(const ScanReport &report)
{
    QStringList parts{tr("%n added", nullptr, m_scanAdded)};
    const int notImages = report.notImages;
    const int duplicates = report.duplicates + m_scanDuplicates;
    if (notImages > 0)
        parts << tr("%n skipped: not images", nullptr, notImages);
    if (duplicates > 0)
        parts << tr("%n already queued", nullptr, duplicates);
    for (auto it = report.unreadablePhotos.cbegin(); it != report.unreadablePhotos.cend(); ++it)
        parts << tr("%n skipped: %1", nullptr, it.value()).arg(it.key());
    if (report.specialFiles > 0)
        parts << tr("%n skipped: not regular files", nullptr, report.specialFiles);
    // What cannot be processed at all, then what was only skipped a second time.
    QStringList details = pathProblemLines(report.rejectedRoots);
    m_unprocessable += report.rejectedRoots;
    for (const QString &note : report.notes)
        details << displayPath(note);
    for (const QString &folder : report.skippedOutputFolders)
        details << displayPath(skippedOutputFolderNote(folder));
    if (!report.rejectedRoots.isEmpty())
        parts << tr("%n cannot be processed, see tooltip", nullptr, int(report.rejectedRoots.size()));
    if (!report.notes.isEmpty())
        parts << tr("%n folder(s) reached twice, skipped", nullptr, int(report.notes.size()));
    if (!report.skippedOutputFolders.isEmpty())
        parts << tr("output folder not scanned");
    if (report.canceled)
        parts << tr("scan stopped");
    m_scanMessage = parts.join(QStringLiteral(", "));
    if (m_scanner->isRunning())
        return; // more drops are still being scanned
    m_scanLabel->setText(m_scanMessage);
    m_scanLabel->setToolTip(details.join(QLatin1Char('\n')));
    m_scanCancel->hide();
    updateActions();
    if (m_batch->isRunning())
        startBatch(); // files dropped during a batch join it
    emit scanFinished();
}

void MainWindow::startBatch()
{
    QString error;
    const int submitted = m_batch->start(m_settings, &error);
    m_onScreen->update(); // its rows have jobs now: every submit passes here
    if (submitted < 0)
        QMessageBox::warning(this, tr("Cannot start"), error);
    updateActions();
}

OutputPlanDialog *MainWindow::showOutputPlan()
{
    QString error;
    const std::optional<FilterChain> chain = m_batch->runnableChain(m_settings, &error);
    if (!chain) {
        QMessageBox::warning(this, tr("Cannot plan"), error);
        return nullptr;
    }
    auto *dialog = new OutputPlanDialog(m_batch->queuedFiles(), *chain, m_settings.exportOptions, m_registry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool MainWindow::offerResume()
{
    const std::optional<InterruptedBatch> batch = m_batch->interruptedBatch();
    if (!batch)
        return false;
    if (batch->jobs.isEmpty()) { // killed before its queue was recorded (journals of older versions)
        m_batch->discardInterrupted(*batch);
        return false;
    }
    // From the journal alone: checking the outputs reads files, which start-up must not wait for.
    const int finished = int(std::count_if(batch->jobs.begin(), batch->jobs.end(), &recordedAsFinished));
    const int crashed = int(batch->crashedInputs.size());
    QString text = tr("A batch of %n image(s) started %1 did not finish.", nullptr, int(batch->jobs.size()))
                       .arg(QLocale().toString(batch->started.toLocalTime(), QLocale::ShortFormat))
        + QLatin1Char('\n')
        + tr("%1 finished image(s) will be kept if their files are intact; %2 will be processed.")
              .arg(finished)
              .arg(std::max(0, int(batch->jobs.size()) - finished - crashed));
    if (crashed > 0)
        text += QLatin1Char('\n') + tr("%n file(s) that Pixelmill crashed on will be left out.", nullptr, crashed);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Resume the interrupted batch?"), text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("resumeOffer"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *resume = box->addButton(tr("Resume"), QMessageBox::AcceptRole);
    box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box->setDefaultButton(resume);
    box->setWindowModality(Qt::NonModal); // a window-modal offer would refuse every drop until answered
    connect(box, &QMessageBox::buttonClicked, this, [this, box, resume, batch = *batch](QAbstractButton *clicked) {
        Q_UNUSED(box);
        if (clicked == resume)
            resumeBatch(batch);
        else
            m_batch->discardInterrupted(batch);
    });
    m_resumeOffer = box;
    box->show();
    return true;
}

bool MainWindow::goOnAfterCrash()
{
    const std::optional<InterruptedBatch> batch = m_batch->interruptedBatch();
    if (!batch || batch->jobs.isEmpty())
        return false;
    resumeBatch(*batch, ResumeCause::Crash);
    return true;
}

void MainWindow::resumeBatch(const InterruptedBatch &batch, ResumeCause cause)
{
    QString error;
    const auto preset = presetFromJson(batch.preset, tr("the interrupted batch"), m_registry, &error);
    if (!preset) {
        m_batch->discardInterrupted(batch);
        QMessageBox::warning(this, tr("Cannot resume"), error);
        return;
    }
    AppSettings s = m_settings;
    s.chain = preset->chain;
    s.exportOptions = preset->exportOptions;
    applySettings(s);
    // Checking the finished outputs reads each of them: off the GUI thread.
    auto *check = new QFutureWatcher<ResumePlan>(this);
    connect(check, &QFutureWatcher<ResumePlan>::finished, this, [this, check, batch, cause] {
        check->deleteLater();
        const ResumePlan plan = check->result();
        // Files a run crashed on are not tried again: they fail with that reason.
        QList<QPair<QString, QString>> crashed;
        for (const QString &input : plan.crashed)
            crashed.append({input, crashmarker::crashedInputReason()});
        const QString leftOut = crashed.isEmpty()
            ? QString()
            : tr(", %n left out (Pixelmill crashed while processing them), see tooltip", nullptr, int(crashed.size()));
        m_scanLabel->setToolTip(pathProblemLines(crashed).join(QLatin1Char('\n')));
        if (plan.remaining.isEmpty()) {
            m_batch->discardInterrupted(batch);
            m_scanMessage = tr("The interrupted batch had nothing left to do") + leftOut;
            m_scanLabel->setText(m_scanMessage);
            statusBar()->showMessage(m_scanMessage, 8000);
            return;
        }
        // The inputs not run again are rows too, and count in the batch's figures:
        // the window shows the whole batch, not just what is left of it.
        QList<FoundFile> finishedFiles;
        QList<JobResult> finishedResults;
        for (const ResumePlan::FinishedInput &f : plan.finished) {
            finishedFiles.append(f.file);
            finishedResults.append(f.result);
        }
        m_model->addFinishedFiles(finishedFiles, finishedResults);
        m_model->addFiles(plan.remaining);
        m_batch->continueInterrupted(batch, plan.recovered, finishedResults);
        startBatch();
        m_scanMessage = (cause == ResumeCause::Crash
                             ? tr("Went on after a crash: %1 finished image(s) kept, %2 queued again")
                             : tr("Resumed: %1 finished image(s) kept, %2 queued again"))
                            .arg(plan.keptOutputs)
                            .arg(plan.remaining.size())
            + leftOut;
        m_scanLabel->setText(m_scanMessage);
        statusBar()->showMessage(m_scanMessage, 8000);
    });
    check->setFuture(QtConcurrent::run([batch, options = s.exportOptions] { return planResume(batch, options); }));
}

void MainWindow::applySettings(const AppSettings &settings)
{
    const bool limitRaised = settings.maxMegapixels > m_settings.maxMegapixels;
    m_settings = settings;
    useSettings();
    if (limitRaised)
        m_model->retryMissingThumbnails();
    saveAppSettings(m_settings);
}

void MainWindow::useSettings()
{
    m_settings.applyTo(m_pool);
    const qint64 maxPixels = m_settings.decodeOptions().maxPixels;
    m_thumbnails->setMaxPixels(maxPixels);
    m_preview->setChain(m_settings.chain);
    m_preview->setMaxPixels(maxPixels);
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_registry, m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, &MainWindow::applySettings);
    dialog->open();
}

bool MainWindow::loadPreset(const QString &path)
{
    QString error;
    const auto preset = loadPresetFile(path, m_registry, &error);
    if (!preset) {
        QMessageBox::warning(this, tr("Cannot load preset"), error);
        return false;
    }
    AppSettings s = m_settings;
    s.chain = preset->chain;
    const QString keepFolder = s.exportOptions.outputDir;
    s.exportOptions = preset->exportOptions;
    if (!preset->hasOutputDir)
        s.exportOptions.outputDir = keepFolder;
    s.lastPresetFolder = QFileInfo(path).absolutePath();
    applySettings(s);
    statusBar()->showMessage(tr("Loaded preset %1").arg(displayPath(QFileInfo(path).fileName())), 5000);
    return true;
}

bool MainWindow::savePreset(const QString &path)
{
    QString error;
    Preset preset{m_settings.chain, m_settings.exportOptions, true};
    preset.exportOptions.outputDir.clear(); // a preset travels between machines; the folder does not
    if (!savePresetFile(path, preset, &error)) {
        QMessageBox::warning(this, tr("Cannot save preset"), error);
        return false;
    }
    m_settings.lastPresetFolder = QFileInfo(path).absolutePath();
    return true;
}

QList<int> MainWindow::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    const QList<int> rows = selectedRows();
    const QModelIndex current = m_table->currentIndex();
    const QString output = current.data(JobQueueModel::OutputPathRole).toString();
    QMenu menu(this);
    QAction *remove = menu.addAction(tr("Remove from Queue"));
    remove->setEnabled(!rows.isEmpty() && !m_batch->isRunning());
    QAction *retry = menu.addAction(tr("Retry Failed"));
    QAction *open = menu.addAction(tr("Open Output"));
    open->setEnabled(!output.isEmpty() && nativeFileStatus(output).has_value());
    QAction *reveal = menu.addAction(tr("Show Output in Folder"));
    reveal->setEnabled(open->isEnabled());
    QAbstractItemView *view = m_views->currentIndex() == 0 ? static_cast<QAbstractItemView *>(m_table)
                                                            : static_cast<QAbstractItemView *>(m_grid);
    QAction *chosen = menu.exec(view->viewport()->mapToGlobal(pos));
    if (chosen == remove) {
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            m_model->removeRows(*it, 1);
    } else if (chosen == retry) {
        m_model->retryRows(rows.size() > 1 ? rows : QList<int>());
        updateActions();
    } else if (chosen == open) {
        QDesktopServices::openUrl(urlFromLocalPath(output));
    } else if (chosen == reveal) {
        QDesktopServices::openUrl(urlFromLocalPath(QFileInfo(output).absolutePath()));
    }
}

void MainWindow::showSelectionDetails()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const QString path = current.data(JobQueueModel::PathRole).toString();
    m_preview->setImage(path);
    QStringList lines{tr("File: %1").arg(displayPath(path)),
                      tr("State: %1").arg(rowStateText(RowState(current.data(JobQueueModel::StateRole).toInt())))};
    const QString error = current.data(JobQueueModel::ErrorRole).toString();
    if (!error.isEmpty())
        lines << tr("Reason: %1").arg(displayPath(error));
    for (const QString &w : current.data(JobQueueModel::WarningsRole).toStringList())
        lines << tr("Warning: %1").arg(displayPath(w));
    const QString output = current.data(JobQueueModel::OutputPathRole).toString();
    if (!output.isEmpty())
        lines << tr("Output: %1").arg(displayPath(output));
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

void MainWindow::onBatchFinished(const BatchSummary &summary, const QString &outputDir)
{
    refreshStatus();
    updateActions();
    showBatchSummary(this, summary, outputDir, std::exchange(m_unprocessable, {}));
}

void MainWindow::refreshStatus()
{
    const BatchController::Stats s = m_batch->stats();
    const int total = m_batch->isRunning() ? s.total : m_model->rowCount();
    // A cancelled batch must not end at 100 %: the bar shows what was processed.
    m_overall->setMaximum(std::max(1, s.total));
    m_overall->setValue(s.processed);
    QStringList counts{tr("%1 done").arg(s.written), tr("%1 failed").arg(s.failed)};
    if (s.skipped > 0)
        counts << tr("%1 skipped").arg(s.skipped);
    if (s.canceled > 0)
        counts << tr("%1 cancelled").arg(s.canceled);
    counts << tr("%1 total").arg(total);
    m_counts->setText(counts.join(QStringLiteral(" · ")));
    if (m_batch->isRunning() && s.imagesPerSecond > 0 && !m_batch->isPaused())
        m_speed->setText(tr("%1 img/s · ETA %2").arg(s.imagesPerSecond, 0, 'f', 1).arg(clockText(s.etaSeconds)));
    else if (m_batch->isRunning())
        m_speed->setText(m_batch->isPaused() ? tr("Paused") : tr("Starting…"));
    else
        m_speed->clear();
    updateActions();
}

void MainWindow::updateActions()
{
    const bool running = m_batch->isRunning();
    m_start->setEnabled(!m_model->queuedRows().isEmpty());
    m_planOutputs->setEnabled(!m_model->queuedRows().isEmpty());
    m_pause->setEnabled(running);
    m_pause->setText(m_batch->isPaused() ? tr("Resume") : tr("Pause"));
    m_cancel->setEnabled(running || m_scanner->isRunning());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime->hasUrls()) {
        for (const QUrl &url : mime->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << localPathFromUrl(url);
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_batch->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Batch running"),
            tr("Images are still being processed. Stop the batch and quit? Finished images are kept; "
               "nothing half-written is left behind."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_batch->abandon(); // offered for resuming at the next start
    }
    saveAppSettings(m_settings);
    event->accept();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/outputplan.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QLabel;
class QTreeWidget;

namespace pixelmill {

/// What the next Start would write, input by input, before anything is written:
/// the same plan `pixelmill-cli --dry-run` prints, with clashes, renames,
/// overwrites and skips marked. Planning (which may read headers for {width},
/// {date}, ...) runs off the GUI thread.
class OutputPlanDialog final : public QDialog
{
    Q_OBJECT

public:
    OutputPlanDialog(const QList<FoundFile> &inputs, const FilterChain &chain, const ExportOptions &options,
                     const FilterRegistry &registry, QWidget *parent = nullptr);
    ~OutputPlanDialog() override;

    bool isPlanned() const { return m_planned; }
    QString summaryText() const;
    /// Rows shown now (all, or only those with a decision to look at).
    int visibleRows() const;
    QTreeWidget *tree() const { return m_tree; }
    QCheckBox *problemsOnlyBox() const { return m_problemsOnly; }

private:
    void showPlan(const QList<PlannedOutput> &plan);
    void applyFilter();

    QLabel *m_summary;
    QTreeWidget *m_tree;
    QCheckBox *m_problemsOnly;
    QFutureWatcher<QList<PlannedOutput>> m_watcher;
    bool m_planned = false;
};

} // namespace pixelmill

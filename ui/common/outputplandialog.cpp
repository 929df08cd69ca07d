// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/common/outputplandialog.h"

#include "engine/scan/displaypath.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pixelmill {

namespace {

enum Column { InputColumn, OutputColumn, DecisionColumn };

bool needsAttention(const PlannedOutput &p)
{
    return p.outcome != PlannedOutput::Outcome::Write || !p.clashWith.isEmpty();
}

} // namespace

OutputPlanDialog::OutputPlanDialog(const QList<FoundFile> &inputs, const FilterChain &chain,
                                   const ExportOptions &options, const FilterRegistry &registry, QWidget *parent)
    : QDialog(parent), m_summary(new QLabel(this)), m_tree(new QTreeWidget(this)),
      m_problemsOnly(new QCheckBox(tr("Show only clashes, renames, overwrites and skips"), this))
{
    setWindowTitle(tr("Output Plan"));
    resize(1000, 560);
    m_summary->setText(tr("Planning %n image(s)…", nullptr, int(inputs.size())));
    m_summary->setWordWrap(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setHeaderLabels({tr("Input"), tr("Output"), tr("Decision")});
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(InputColumn, 380);
    m_tree->setColumnWidth(OutputColumn, 380);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_problemsOnly, &QCheckBox::toggled, this, &OutputPlanDialog::applyFilter);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_problemsOnly);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);

    connect(&m_watcher, &QFutureWatcher<QList<PlannedOutput>>::finished, this,
            [this] { showPlan(m_watcher.result()); });
    // Copies go to the worker; the registry outlives every dialog (it belongs to the application).
    const FilterRegistry *shared = &registry;
    m_watcher.setFuture(QtConcurrent::run([inputs, chain, options, shared] {
        return planOutputs(inputs, chain, options, DecodeOptions(), *shared);
    }));
}

OutputPlanDialog::~OutputPlanDialog()
{
    m_watcher.waitForFinished(); // the task holds no pointer into this dialog, but finish before the registry can go
}

QString OutputPlanDialog::summaryText() const
{
    return m_summary->text();
}

int OutputPlanDialog::visibleRows() const
{
    int shown = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        shown += m_tree->topLevelItem(i)->isHidden() ? 0 : 1;
    return shown;
}

void OutputPlanDialog::showPlan(const QList<PlannedOutput> &plan)
{
    const QColor attention(0xc6, 0x28, 0x28);
    QList<QTreeWidgetItem *> items;
    items.reserve(plan.size());
    for (const PlannedOutput &p : plan) {
        auto *item = new QTreeWidgetItem;
        item->setText(InputColumn, displayPath(p.input));
        item->setText(OutputColumn, p.output.isEmpty() ? tr("(none)") : displayPath(p.output));
        const QStringList marks = describeOutcome(p);
        item->setText(DecisionColumn, marks.isEmpty() ? tr("write") : marks.join(QStringLiteral("; ")));
        item->setToolTip(DecisionColumn, item->text(DecisionColumn));
        item->setData(DecisionColumn, Qt::UserRole, needsAttention(p));
        if (needsAttention(p))
            item->setForeground(DecisionColumn, attention);
        items << item;
    }
    m_tree->addTopLevelItems(items);
    const PlanCounts c = countOutcomes(plan);
    m_summary->setText(tr("%1 image(s): %2 name clash(es), %3 renamed, %4 overwrite(s), %5 skipped, "
                          "%6 cannot be planned. Nothing has been written.")
                           .arg(c.inputs)
                           .arg(c.clashes)
                           .arg(c.renamed)
                           .arg(c.overwrites)
                           .arg(c.skipped)
                           .arg(c.unknown));
    m_planned = true;
    applyFilter();
}

void OutputPlanDialog::applyFilter()
{
    const bool problemsOnly = m_problemsOnly->isChecked();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        item->setHidden(problemsOnly && !item->data(DecisionColumn, Qt::UserRole).toBool());
    }
}

} // namespace pixelmill

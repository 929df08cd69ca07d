// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/filterchaineditor.h"

#include "engine/pipeline/filterregistry.h"
#include "ui/settings/filterparamform.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QMenu>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace pixelmill {

FilterChainEditor::FilterChainEditor(const FilterRegistry &registry, QWidget *parent)
    : QWidget(parent), m_registry(registry), m_list(new QListWidget(this)),
      m_formArea(new QScrollArea(this)), m_add(new QToolButton(this)), m_remove(new QToolButton(this)),
      m_up(new QToolButton(this)), m_down(new QToolButton(this))
{
    auto *menu = new QMenu(m_add);
    QMap<QString, QMenu *> categories;
    for (const FilterDescriptor &d : m_registry.descriptors()) {
        QMenu *&sub = categories[d.category];
        if (!sub)
            sub = menu->addMenu(d.category);
        QAction *action = sub->addAction(d.displayName);
        action->setToolTip(d.description);
        const QString id = d.id;
        connect(action, &QAction::triggered, this, [this, id] { addStep(id); });
    }
    m_add->setText(tr("Add filter"));
    m_add->setMenu(menu);
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_remove->setText(tr("Remove"));
    m_up->setText(tr("Up"));
    m_down->setText(tr("Down"));
    m_up->setToolTip(tr("Run this step earlier"));
    m_down->setToolTip(tr("Run this step later"));
    connect(m_remove, &QToolButton::clicked, this, &FilterChainEditor::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(1); });

    auto *buttons = new QHBoxLayout;
    for (QToolButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Steps run from top to bottom. Untick a step to skip it."), this));
    left->addWidget(m_list);
    left->addLayout(buttons);
    m_formArea->setWidgetResizable(true);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addWidget(m_formArea, 3);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        showForm(row);
        updateButtons();
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (row < 0 || row >= m_chain.size())
            return;
        const bool enabled = item->checkState() == Qt::Checked;
        if (m_chain[row].enabled == enabled)
            return;
        m_chain[row].enabled = enabled;
        emit chainChanged(m_chain);
    });
    rebuildList(-1);
}

void FilterChainEditor::setChain(const FilterChain &chain)
{
    m_chain = chain;
    rebuildList(chain.isEmpty() ? -1 : 0);
}

void FilterChainEditor::addStep(const QString &filterId)
{
    const Normalized<FilterStep> step = m_registry.normalized(FilterStep{filterId, 1, true, {}});
    if (!step.ok())
        return;
    m_chain.append(step.value);
    rebuildList(int(m_chain.size()) - 1);
    emit chainChanged(m_chain);
}

void FilterChainEditor::removeCurrent()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_chain.removeAt(row);
    rebuildList(std::min(row, int(m_chain.size()) - 1));
    emit chainChanged(m_chain);
}

void FilterChainEditor::moveCurrent(int delta)
{
    const int row = currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_chain.size())
        return;
    m_chain.move(row, target);
    rebuildList(target);
    emit chainChanged(m_chain);
}

int FilterChainEditor::currentRow() const
{
    return m_list->currentRow();
}

void FilterChainEditor::setCurrentRow(int row)
{
    m_list->setCurrentRow(row);
}

void FilterChainEditor::rebuildList(int selectRow)
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const FilterStep &step : std::as_const(m_chain)) {
        const Filter *filter = m_registry.find(step.filterId);
        auto *item = new QListWidgetItem(filter ? filter->descriptor().displayName : step.filterId, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(step.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setCurrentRow(selectRow);
    showForm(selectRow);
    updateButtons();
}

void FilterChainEditor::showForm(int row)
{
    m_form = nullptr;
    const Filter *filter = row >= 0 && row < m_chain.size() ? m_registry.find(m_chain.at(row).filterId) : nullptr;
    if (!filter) {
        auto *hint = new QLabel(tr("Add a filter, or select a step to change its settings."));
        hint->setWordWrap(true);
        m_formArea->setWidget(hint);
        return;
    }
    m_form = new FilterParamForm(filter->descriptor(), m_chain.at(row).params);
    connect(m_form, &FilterParamForm::valuesChanged, this, [this, row](const QVariantMap &values) {
        if (row >= m_chain.size())
            return;
        m_chain[row].params = values;
        emit chainChanged(m_chain);
    });
    m_formArea->setWidget(m_form);
}

void FilterChainEditor::updateButtons()
{
    const int row = currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_chain.size());
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterstep.h"

#include <QWidget>

class QListWidget;
class QScrollArea;
class QToolButton;

namespace pixelmill {

class FilterRegistry;
class FilterParamForm;

/// Edits a filter chain: add from a categorised menu, remove, reorder,
/// enable/disable, and a generated form for the selected step's parameters.
class FilterChainEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterChainEditor)

public:
    explicit FilterChainEditor(const FilterRegistry &registry, QWidget *parent = nullptr);

    void setChain(const FilterChain &chain);
    FilterChain chain() const { return m_chain; }

    void addStep(const QString &filterId);
    void removeCurrent();
    void moveCurrent(int delta);
    int currentRow() const;
    void setCurrentRow(int row);
    FilterParamForm *currentForm() const { return m_form; }

signals:
    void chainChanged(const pixelmill::FilterChain &chain);

private:
    void rebuildList(int selectRow);
    void showForm(int row);
    void updateButtons();

    const FilterRegistry &m_registry;
    FilterChain m_chain;
    QListWidget *m_list;
    QScrollArea *m_formArea;
    FilterParamForm *m_form = nullptr;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
};

} // namespace pixelmill

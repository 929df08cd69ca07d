// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "ui/settings/appsettings.h"

#include <QDialog>

class QDialogButtonBox;
class QSpinBox;

namespace pixelmill {

class ExportOptionsForm;
class FilterChainEditor;
class FilterRegistry;

/// Workers, filter chain and export options. Apply and OK emit applied(); a
/// worker-count change reaches a running batch at once.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(const FilterRegistry &registry, const AppSettings &settings, QWidget *parent = nullptr);

    AppSettings settings() const;
    QSpinBox *workersBox() const { return m_workers; }
    QSpinBox *memoryLimitBox() const { return m_memoryLimit; }
    QSpinBox *maxMegapixelsBox() const { return m_maxMegapixels; }
    FilterChainEditor *chainEditor() const { return m_chain; }
    ExportOptionsForm *exportForm() const { return m_export; }
    void apply();

signals:
    void applied(const pixelmill::AppSettings &settings);

private:
    AppSettings m_base;
    QSpinBox *m_workers;
    QSpinBox *m_memoryLimit;
    QSpinBox *m_maxMegapixels;
    FilterChainEditor *m_chain;
    ExportOptionsForm *m_export;
    QDialogButtonBox *m_buttons;
};

} // namespace pixelmill

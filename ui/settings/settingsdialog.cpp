// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/settingsdialog.h"

#include "ui/settings/exportoptionsform.h"
#include "ui/settings/filterchaineditor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>

namespace pixelmill {

SettingsDialog::SettingsDialog(const FilterRegistry &registry, const AppSettings &settings, QWidget *parent)
    : QDialog(parent), m_base(settings), m_workers(new QSpinBox(this)),
      m_chain(new FilterChainEditor(registry, this)), m_export(new ExportOptionsForm(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply,
                                     this))
{
    setWindowTitle(tr("Pixelmill Settings"));
    resize(820, 520);
    const int cores = QThread::idealThreadCount();
    m_workers->setRange(1, 4 * cores);
    m_workers->setValue(settings.effectiveWorkers());
    m_workers->setToolTip(tr("Images processed at the same time. Changes apply to a running batch."));

    auto *general = new QWidget(this);
    auto *generalForm = new QFormLayout(general);
    generalForm->addRow(tr("Worker threads:"), m_workers);
    generalForm->addRow(QString(), new QLabel(tr("This computer has %n core(s).", nullptr, cores), general));

    m_chain->setChain(settings.chain);
    m_export->setOptions(settings.exportOptions);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_chain, tr("Filters"));
    tabs->addTab(m_export, tr("Export"));
    tabs->addTab(general, tr("Performance"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_export, &ExportOptionsForm::validityChanged, this, [this](bool valid) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
        m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid);
    });
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_base;
    s.workers = m_workers->value();
    s.chain = m_chain->chain();
    s.exportOptions = m_export->options();
    return s;
}

void SettingsDialog::apply()
{
    if (!m_export->isValid())
        return;
    m_base = settings();
    emit applied(m_base);
}

} // namespace pixelmill

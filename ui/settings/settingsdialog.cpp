// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/settingsdialog.h"

#include "engine/worker/memorybudget.h"

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

#include <algorithm>

namespace pixelmill {

SettingsDialog::SettingsDialog(const FilterRegistry &registry, const AppSettings &settings, QWidget *parent)
    : QDialog(parent), m_base(settings), m_workers(new QSpinBox(this)), m_memoryLimit(new QSpinBox(this)),
      m_maxMegapixels(new QSpinBox(this)),
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

    // 0 is "automatic"; the spin box shows what that means on this machine.
    const int automaticMiB = int(MemoryBudget::defaultLimit() >> 20);
    m_memoryLimit->setRange(0, std::max(automaticMiB * 2, 256));
    m_memoryLimit->setSingleStep(256);
    m_memoryLimit->setSuffix(tr(" MiB"));
    m_memoryLimit->setSpecialValueText(tr("Automatic (%1 MiB, half of this computer's memory)").arg(automaticMiB));
    m_memoryLimit->setValue(settings.memoryLimitMiB);
    m_memoryLimit->setToolTip(tr("Memory the images of running jobs may take together. A job that would pass "
                                 "it waits (\"Waiting for memory\") until others finish; a job alone always "
                                 "runs. Applies to jobs that start after the change."));

    m_maxMegapixels->setRange(1, kMostMaxMegapixels);
    m_maxMegapixels->setSingleStep(100);
    m_maxMegapixels->setSuffix(tr(" MP"));
    m_maxMegapixels->setValue(settings.maxMegapixels);
    m_maxMegapixels->setToolTip(tr("Larger images are refused, to keep a damaged or hostile file from taking all "
                                   "memory. A JPEG counts at the size it is decoded to: a 400 MP panorama resized "
                                   "for the web decodes far smaller (a progressive JPEG counts whole)."));

    auto *general = new QWidget(this);
    auto *generalForm = new QFormLayout(general);
    generalForm->addRow(tr("Worker threads:"), m_workers);
    generalForm->addRow(QString(), new QLabel(tr("This computer has %n core(s).", nullptr, cores), general));
    generalForm->addRow(tr("Memory for images:"), m_memoryLimit);
    generalForm->addRow(tr("Largest image:"), m_maxMegapixels);

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
    s.memoryLimitMiB = m_memoryLimit->value();
    s.maxMegapixels = m_maxMegapixels->value();
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

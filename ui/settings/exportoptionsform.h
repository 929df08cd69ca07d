// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace pixelmill {

/// Output folder, format and its options, naming template (with a live example
/// and position-exact errors), overwrite policy and folder mirroring.
class ExportOptionsForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportOptionsForm)

public:
    explicit ExportOptionsForm(QWidget *parent = nullptr);

    void setOptions(const ExportOptions &options);
    ExportOptions options() const;
    bool isValid() const;
    QString exampleText() const;

signals:
    void optionsChanged();
    void validityChanged(bool valid);

private:
    void refresh();

    QLineEdit *m_folder;
    QComboBox *m_format;
    QSpinBox *m_quality;
    QCheckBox *m_progressive;
    QComboBox *m_subsampling;
    QSpinBox *m_pngCompression;
    QCheckBox *m_lossless;
    QSpinBox *m_webpEffort;
    QComboBox *m_alphaFilter;
    QComboBox *m_tiffCompression;
    QLineEdit *m_template;
    QLabel *m_example;
    QComboBox *m_overwrite;
    QCheckBox *m_mirror;
    QComboBox *m_metadata;
    QCheckBox *m_keepIcc;
    QCheckBox *m_keepFormat;
    QComboBox *m_pngDepth;
    bool m_valid = true;
};

} // namespace pixelmill

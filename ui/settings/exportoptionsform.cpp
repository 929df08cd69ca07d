// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/exportoptionsform.h"

#include "engine/export/nametemplate.h"
#include "engine/export/outputnaming.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace pixelmill {

ExportOptionsForm::ExportOptionsForm(QWidget *parent)
    : QWidget(parent), m_folder(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_quality(new QSpinBox(this)), m_progressive(new QCheckBox(tr("Progressive JPEG"), this)),
      m_subsampling(new QComboBox(this)),
      m_pngCompression(new QSpinBox(this)), m_lossless(new QCheckBox(tr("Lossless WebP"), this)),
      m_webpEffort(new QSpinBox(this)), m_alphaFilter(new QComboBox(this)),
      m_tiffCompression(new QComboBox(this)), m_template(new QLineEdit(this)), m_example(new QLabel(this)),
      m_overwrite(new QComboBox(this)), m_mirror(new QCheckBox(tr("Recreate input sub-folders"), this)),
      m_metadata(new QComboBox(this)), m_keepIcc(new QCheckBox(tr("Keep the colour profile (ICC)"), this)),
      m_keepFormat(new QCheckBox(tr("Keep each image's own format"), this)), m_pngDepth(new QComboBox(this))
{
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder);
    folderRow->addWidget(browse);
    m_folder->setPlaceholderText(tr("Folder for the processed images"));

    m_format->addItem(tr("JPEG"), int(ImageFormat::Jpeg));
    m_format->addItem(tr("PNG"), int(ImageFormat::Png));
    m_format->addItem(tr("WebP"), int(ImageFormat::Webp));
    m_format->addItem(tr("TIFF"), int(ImageFormat::Tiff));
    m_format->addItem(tr("BMP"), int(ImageFormat::Bmp));
    m_quality->setRange(1, 100);
    m_quality->setToolTip(tr("JPEG and WebP quality"));
    m_subsampling->addItem(tr("4:2:0 (smallest, as cameras write)"), int(ChromaSubsampling::S420));
    m_subsampling->addItem(tr("4:2:2"), int(ChromaSubsampling::S422));
    m_subsampling->addItem(tr("4:4:4 (full colour detail)"), int(ChromaSubsampling::S444));
    m_subsampling->setToolTip(tr("How much colour resolution JPEG keeps; 4:4:4 suits text and graphics."));
    m_webpEffort->setRange(0, 6);
    m_webpEffort->setToolTip(tr("0 encodes fastest, 6 gives the smallest files"));
    m_alphaFilter->addItem(tr("Fast (libwebp's default)"), int(WebpAlphaFilter::Fast));
    m_alphaFilter->addItem(tr("None (encodes transparent images fastest)"), int(WebpAlphaFilter::None));
    m_alphaFilter->addItem(tr("Best (smallest transparency, slowest)"), int(WebpAlphaFilter::Best));
    m_alphaFilter->setToolTip(tr("How lossy WebP prepares the transparency before storing it losslessly. "
                                 "The pixels are the same; only time and file size differ."));
    m_pngCompression->setRange(0, 9);
    m_pngCompression->setToolTip(tr("zlib level: 0 fastest, 9 smallest"));
    m_tiffCompression->addItem(tr("None"), int(TiffCompression::None));
    m_tiffCompression->addItem(tr("LZW"), int(TiffCompression::Lzw));
    m_tiffCompression->addItem(tr("Deflate"), int(TiffCompression::Deflate));
    m_template->setToolTip(tr("Tokens: {name} {ext} {srcext} (the input's extension) {counter} {counter:04} "
                              "{width} {height} {parent} {date} {date:yyyy-MM-dd} {taken} {camera}"));
    m_example->setWordWrap(true);
    m_overwrite->addItem(tr("Keep both: add a number (rename)"), int(OverwritePolicy::Rename));
    m_overwrite->addItem(tr("Skip the image"), int(OverwritePolicy::Skip));
    m_overwrite->addItem(tr("Overwrite earlier outputs"), int(OverwritePolicy::Overwrite));
    m_overwrite->setToolTip(tr("What happens when the output file already exists. Source images "
                               "are never overwritten."));

    m_metadata->addItem(tr("Keep all (EXIF, IPTC, XMP)"), int(MetadataPolicy::KeepAll));
    m_metadata->addItem(tr("Keep all but GPS location"), int(MetadataPolicy::StripLocation));
    m_metadata->addItem(tr("Strip all"), int(MetadataPolicy::StripAll));
    m_metadata->setToolTip(tr("Orientation is always set to normal: the pixels are already upright."));

    m_keepFormat->setToolTip(tr("JPEGs stay JPEG, PNGs stay PNG, …; other inputs use the format above."));
    m_pngDepth->addItem(tr("As the image (8 or 16 bits)"), 0);
    m_pngDepth->addItem(tr("8 bits per sample"), 8);
    m_pngDepth->addItem(tr("16 bits per sample"), 16);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Output folder:"), folderRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(QString(), m_keepFormat);
    form->addRow(tr("Quality:"), m_quality);
    form->addRow(QString(), m_progressive);
    form->addRow(tr("JPEG chroma:"), m_subsampling);
    form->addRow(tr("PNG compression:"), m_pngCompression);
    form->addRow(tr("PNG depth:"), m_pngDepth);
    form->addRow(QString(), m_lossless);
    form->addRow(tr("WebP effort:"), m_webpEffort);
    form->addRow(tr("WebP alpha filter:"), m_alphaFilter);
    form->addRow(tr("TIFF compression:"), m_tiffCompression);
    form->addRow(tr("File name:"), m_template);
    form->addRow(QString(), m_example);
    form->addRow(tr("If the file exists:"), m_overwrite);
    form->addRow(tr("Folders:"), m_mirror);
    form->addRow(tr("Metadata:"), m_metadata);
    form->addRow(QString(), m_keepIcc);

    for (QLineEdit *e : {m_folder, m_template})
        connect(e, &QLineEdit::textChanged, this, &ExportOptionsForm::refresh);
    for (QComboBox *c :
         {m_format, m_subsampling, m_alphaFilter, m_tiffCompression, m_overwrite, m_metadata, m_pngDepth})
        connect(c, &QComboBox::currentIndexChanged, this, &ExportOptionsForm::refresh);
    for (QSpinBox *s : {m_quality, m_pngCompression, m_webpEffort})
        connect(s, &QSpinBox::valueChanged, this, &ExportOptionsForm::refresh);
    for (QCheckBox *b : {m_progressive, m_lossless, m_mirror, m_keepIcc, m_keepFormat})
        connect(b, &QCheckBox::toggled, this, &ExportOptionsForm::refresh);
    setOptions(ExportOptions());
}

void ExportOptionsForm::setOptions(const ExportOptions &o)
{
    const QSignalBlocker block(this);
    m_folder->setText(o.outputDir);
    m_format->setCurrentIndex(m_format->findData(int(o.format)));
    m_quality->setValue(o.format == ImageFormat::Webp ? o.webpQuality : o.jpegQuality);
    m_progressive->setChecked(o.jpegProgressive);
    m_subsampling->setCurrentIndex(m_subsampling->findData(int(o.jpegSubsampling)));
    m_webpEffort->setValue(o.webpEffort);
    m_alphaFilter->setCurrentIndex(m_alphaFilter->findData(int(o.webpAlphaFilter)));
    m_pngCompression->setValue(o.pngCompression);
    m_lossless->setChecked(o.webpLossless);
    m_tiffCompression->setCurrentIndex(m_tiffCompression->findData(int(o.tiffCompression)));
    m_template->setText(o.nameTemplate);
    m_overwrite->setCurrentIndex(m_overwrite->findData(int(o.overwrite)));
    m_mirror->setChecked(o.mirrorFolders);
    m_metadata->setCurrentIndex(m_metadata->findData(int(o.metadata)));
    m_keepIcc->setChecked(o.keepIccProfile);
    m_keepFormat->setChecked(o.keepInputFormat);
    m_pngDepth->setCurrentIndex(m_pngDepth->findData(o.pngBitDepth));
    refresh();
}

ExportOptions ExportOptionsForm::options() const
{
    ExportOptions o;
    o.outputDir = m_folder->text().trimmed();
    o.format = ImageFormat(m_format->currentData().toInt());
    o.jpegQuality = m_quality->value();
    o.webpQuality = m_quality->value();
    o.jpegProgressive = m_progressive->isChecked();
    o.jpegSubsampling = ChromaSubsampling(m_subsampling->currentData().toInt());
    o.webpEffort = m_webpEffort->value();
    o.webpAlphaFilter = WebpAlphaFilter(m_alphaFilter->currentData().toInt());
    o.pngCompression = m_pngCompression->value();
    o.webpLossless = m_lossless->isChecked();
    o.tiffCompression = TiffCompression(m_tiffCompression->currentData().toInt());
    o.nameTemplate = m_template->text();
    o.overwrite = OverwritePolicy(m_overwrite->currentData().toInt());
    o.mirrorFolders = m_mirror->isChecked();
    o.metadata = MetadataPolicy(m_metadata->currentData().toInt());
    o.keepIccProfile = m_keepIcc->isChecked();
    o.keepInputFormat = m_keepFormat->isChecked();
    o.pngBitDepth = m_pngDepth->currentData().toInt();
    return o;
}

bool ExportOptionsForm::isValid() const
{
    return m_valid;
}

QString ExportOptionsForm::exampleText() const
{
    return m_example->text();
}

void ExportOptionsForm::refresh()
{
    const ExportOptions o = options();
    const ImageFormat f = o.format;
    m_quality->setEnabled(f == ImageFormat::Jpeg || (f == ImageFormat::Webp && !o.webpLossless));
    m_progressive->setEnabled(f == ImageFormat::Jpeg || o.keepInputFormat);
    m_subsampling->setEnabled(f == ImageFormat::Jpeg || o.keepInputFormat);
    m_webpEffort->setEnabled(f == ImageFormat::Webp || o.keepInputFormat);
    m_alphaFilter->setEnabled((f == ImageFormat::Webp || o.keepInputFormat) && !o.webpLossless);
    m_pngCompression->setEnabled(f == ImageFormat::Png || o.keepInputFormat);
    m_pngDepth->setEnabled(f == ImageFormat::Png || o.keepInputFormat);
    m_lossless->setEnabled(f == ImageFormat::Webp);
    m_tiffCompression->setEnabled(f == ImageFormat::Tiff);
    QString error;
    const auto name = NameTemplate::parse(o.nameTemplate, &error);
    const bool valid = name.has_value();
    if (valid) {
        ExportOptions shown = o;
        if (shown.outputDir.isEmpty())
            shown.outputDir = tr("<output folder>");
        const QString example = plannedOutputPath(shown, *name, QStringLiteral("/photos/Trip/IMG_0042.JPG"),
                                                  QStringLiteral("Trip"), 42, 1920, 1280);
        m_example->setText(tr("Example: %1").arg(example));
        m_example->setStyleSheet(QString());
    } else {
        m_example->setText(error);
        m_example->setStyleSheet(QStringLiteral("color: #c62828"));
    }
    if (valid != m_valid) {
        m_valid = valid;
        emit validityChanged(valid);
    }
    emit optionsChanged();
}

} // namespace pixelmill

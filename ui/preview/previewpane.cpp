// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/preview/previewpane.h"

#include "engine/export/outputnaming.h"
#include "engine/image/imagedecoder.h"
#include "engine/image/proxyloader.h"
#include "engine/image/thumbnailer.h"
#include "engine/pipeline/orientation.h"
#include "engine/pipeline/proxychain.h"
#include "engine/worker/crashmarker.h"
#include "ui/queue/thumbnailloader.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pixelmill {

namespace {

PreviewImages renderPreview(quint64 generation, const QString &path, const FilterChain &chain,
                            qint64 maxPixels, const FilterRegistry *registry)
{
    PreviewImages out;
    out.generation = generation;
    // A file that crashed the window once, as a thumbnail or a preview, is not
    // read again; a crash reading it now is blamed on it alone.
    if (crashmarker::crashedInputs(ThumbnailLoader::crashMarkerPath()).contains(path)) {
        out.error = QCoreApplication::translate("PreviewPane", "Pixelmill crashed while reading this file before; "
                                                               "it is not read for a preview again");
        return out;
    }
    const crashmarker::InputScope reading(path, crashmarker::Channel::Thumbnails);
    DecodeOptions options;
    options.maxPixels = maxPixels;
    options.keepStoredOrientation = chainOrientsExplicitly(chain);
    const DecodedImage proxy = loadProxy(path, PreviewPane::kProxyEdge, options);
    if (!proxy.error.isEmpty()) {
        out.error = proxy.error;
        return out;
    }
    const FilterChain oriented = withSourceOrientation(chain, proxy.header.exifOrientation);
    const double factor = double(std::max(proxy.image.cols, proxy.image.rows))
        / std::max(proxy.header.orientedSize.width, proxy.header.orientedSize.height);
    // "Before" is shown upright, as any viewer would show the file.
    out.before = toQImage(options.keepStoredOrientation
                              ? applyExifOrientation(proxy.image, proxy.header.exifOrientation)
                              : proxy.image);
    const NameContext context = nameContextFor(ExportOptions(), path, 1, proxy.header.orientedSize.width,
                                               proxy.header.orientedSize.height, nullptr);
    const FilterChain previewChain = withTextTokens(scaledForProxy(oriented, *registry, factor), *registry, context);
    const cv::Mat after = runChain(proxy.image, previewChain, *registry, CancelToken(), &out.error);
    out.after = toQImage(after);
    return out;
}

} // namespace

PreviewPane::PreviewPane(const FilterRegistry &registry, QWidget *parent)
    : QWidget(parent), m_registry(registry), m_beforeLabel(new QLabel(this)), m_afterLabel(new QLabel(this)),
      m_caption(new QLabel(this))
{
    auto *layout = new QGridLayout(this);
    auto *beforeTitle = new QLabel(tr("Before"), this);
    auto *afterTitle = new QLabel(tr("After"), this);
    layout->addWidget(beforeTitle, 0, 0, Qt::AlignHCenter);
    layout->addWidget(afterTitle, 0, 1, Qt::AlignHCenter);
    layout->addWidget(m_beforeLabel, 1, 0);
    layout->addWidget(m_afterLabel, 1, 1);
    layout->addWidget(m_caption, 2, 0, 1, 2);
    layout->setRowStretch(1, 1);
    for (QLabel *l : {m_beforeLabel, m_afterLabel}) {
        l->setAlignment(Qt::AlignCenter);
        l->setMinimumSize(120, 90);
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    }
    m_caption->setObjectName(QStringLiteral("previewCaption"));
    m_caption->setWordWrap(true);
    m_caption->setText(tr("Select an image to preview the filter chain."));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(120);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewPane::render);
    connect(&m_watcher, &QFutureWatcher<PreviewImages>::finished, this,
            [this] { show(m_watcher.result()); });
}

PreviewPane::~PreviewPane()
{
    m_watcher.waitForFinished();
}

void PreviewPane::setImage(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    schedule();
}

void PreviewPane::setChain(const FilterChain &chain)
{
    m_chain = chain;
    schedule();
}

void PreviewPane::setMaxPixels(qint64 maxPixels)
{
    if (maxPixels == m_maxPixels)
        return;
    m_maxPixels = maxPixels;
    schedule();
}

void PreviewPane::schedule()
{
    ++m_generation;
    m_debounce.start();
}

void PreviewPane::render()
{
    if (m_path.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_debounce.start(); // one render at a time; the newest settings win
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(renderPreview, m_generation, m_path, m_chain, m_maxPixels, &m_registry));
}

void PreviewPane::show(const PreviewImages &images)
{
    if (images.generation != m_generation)
        return; // stale: a newer request is already scheduled
    m_before = images.before;
    m_after = images.after;
    m_caption->setText(images.error.isEmpty() ? tr("Preview at reduced size.") : images.error);
    updateLabels();
    emit previewUpdated();
}

void PreviewPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateLabels();
}

void PreviewPane::updateLabels()
{
    for (auto [label, image] : {std::pair{m_beforeLabel, &m_before}, std::pair{m_afterLabel, &m_after}}) {
        if (image->isNull()) {
            label->clear();
            continue;
        }
        label->setPixmap(QPixmap::fromImage(
            image->scaled(label->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    }
}

} // namespace pixelmill

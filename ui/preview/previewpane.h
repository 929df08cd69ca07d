// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/decodeoptions.h"
#include "engine/pipeline/filterstep.h"

#include <QFutureWatcher>
#include <QImage>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace pixelmill {

class FilterRegistry;

struct PreviewImages
{
    quint64 generation = 0;
    QImage before;
    QImage after;
    QString error;
};

/// Before/after of the selected image with the current chain, computed off the
/// GUI thread on a downscaled proxy (pixel parameters scaled to match), and
/// recomputed shortly after the image or the chain changes.
class PreviewPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPane)

public:
    static constexpr int kProxyEdge = 720;

    explicit PreviewPane(const FilterRegistry &registry, QWidget *parent = nullptr);
    ~PreviewPane() override;

    void setImage(const QString &path);
    void setChain(const FilterChain &chain);
    /// The Settings' pixel limit: a panorama the batch may read gets a preview too.
    void setMaxPixels(qint64 maxPixels);
    QImage afterImage() const { return m_after; }
    QImage beforeImage() const { return m_before; }

signals:
    void previewUpdated();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void schedule();
    void render();
    void show(const PreviewImages &images);
    void updateLabels();

    const FilterRegistry &m_registry;
    QString m_path;
    FilterChain m_chain;
    qint64 m_maxPixels = DecodeOptions().maxPixels;
    quint64 m_generation = 0;
    QTimer m_debounce;
    QFutureWatcher<PreviewImages> m_watcher;
    QImage m_before;
    QImage m_after;
    QLabel *m_beforeLabel;
    QLabel *m_afterLabel;
    QLabel *m_caption;
};

} // namespace pixelmill

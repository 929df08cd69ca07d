// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/folderscanner.h"

namespace pixelmill {

FolderScanner::FolderScanner(QObject *parent)
    : QObject(parent), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<QList<FoundFile>>("QList<pixelmill::FoundFile>");
    qRegisterMetaType<ScanReport>("pixelmill::ScanReport");
    m_thread.setMaxThreadCount(1); // one scan at a time keeps the order of drops
}

FolderScanner::~FolderScanner()
{
    m_cancel->store(true);
    m_thread.waitForDone();
}

void FolderScanner::start(const QStringList &roots, const QStringList &outputFolders)
{
    if (m_active == 0)
        m_cancel = std::make_shared<std::atomic<bool>>(false);
    ++m_active;
    auto cancel = m_cancel;
    m_thread.start([this, roots, outputFolders, cancel] {
        const ScanReport report = scanPaths(
            roots,
            [this](const QList<FoundFile> &batch) {
                QMetaObject::invokeMethod(this, [this, batch] { emit filesFound(batch); },
                                          Qt::QueuedConnection);
            },
            *cancel, outputFolders);
        QMetaObject::invokeMethod(
            this,
            [this, report] {
                --m_active;
                emit finished(report);
            },
            Qt::QueuedConnection);
    });
}

void FolderScanner::cancel()
{
    m_cancel->store(true);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/pathscanner.h"

#include "engine/scan/imagefiletypes.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace pixelmill {

namespace {

enum class Kind {
    Missing,
    Regular,
    Directory,
    Special,
};

Kind kindOf(const QString &path, QString *canonicalKey)
{
    struct stat st {};
    // stat, not lstat: a symlink counts as what it points to; dangling ones are Missing.
    if (::stat(nativePath(path).constData(), &st) != 0)
        return Kind::Missing;
    if (canonicalKey)
        *canonicalKey = QStringLiteral("%1:%2").arg(st.st_dev).arg(st.st_ino);
    if (S_ISREG(st.st_mode))
        return Kind::Regular;
    if (S_ISDIR(st.st_mode))
        return Kind::Directory;
    return Kind::Special;
}

bool isSymlink(const QString &path)
{
    struct stat st {};
    return ::lstat(nativePath(path).constData(), &st) == 0 && S_ISLNK(st.st_mode);
}

class Scan
{
public:
    Scan(const std::function<void(const QList<FoundFile> &)> &onBatch,
         const std::atomic<bool> &cancel, const QStringList &outputFolders, int batchSize)
        : m_onBatch(onBatch), m_cancel(cancel), m_batchSize(batchSize)
    {
        for (const QString &folder : outputFolders) {
            if (!folder.isEmpty())
                m_unresolvedOutputFolders << folder;
        }
    }

    void root(const QString &path)
    {
        QString key;
        switch (kindOf(path, &key)) {
        case Kind::Missing: {
            const bool dangling = isSymlink(path);
            const QString reason = dangling ? QStringLiteral("dangling symbolic link")
                                            : QStringLiteral("no such file or folder");
            m_report.rejectedRoots.append({path, reason});
            return;
        }
        case Kind::Special:
            m_report.rejectedRoots.append(
                {path, QStringLiteral("not a regular file (FIFO, socket or device): not opened")});
            return;
        case Kind::Regular:
            // Given by name: trust the content when the extension is unfamiliar.
            if (const QString refusal = unreadablePhotoRefusal(path); !refusal.isEmpty()) {
                m_report.rejectedRoots.append({path, refusal});
            } else if (hasImageExtension(path) || looksLikeImage(path)) {
                addFile(path, key, QString());
            } else {
                m_report.rejectedRoots.append({path, QStringLiteral("not an image Pixelmill can read")});
            }
            return;
        case Kind::Directory:
            folder(path, QString(), key);
            return;
        }
    }

    ScanReport finish()
    {
        flush();
        m_report.canceled = m_cancel.load();
        return m_report;
    }

private:
    void folder(const QString &path, const QString &relative, const QString &key)
    {
        if (m_cancel.load())
            return;
        if (!relative.isEmpty() && isOutputFolder(key)) {
            m_report.skippedOutputFolders << path;
            return;
        }
        if (m_visitedFolders.contains(key)) {
            m_report.notes << QStringLiteral("%1: folder already scanned (symlink loop or "
                                                "overlapping roots), skipped")
                                     .arg(path);
            return;
        }
        m_visitedFolders.insert(key);
        QStringList names;
        if (!listFolderNames(path, names)) {
            // Its images are unknown, so the batch must not look complete.
            const QString reason
                = QStringLiteral("folder cannot be read (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)));
            m_report.rejectedRoots.append({path, reason});
            return;
        }
        QStringList folders;
        for (const QString &name : names) {
            if (m_cancel.load())
                return;
            const QString child = path + QLatin1Char('/') + name;
            QString childKey;
            switch (kindOf(child, &childKey)) {
            case Kind::Directory:
                folders << name;
                break;
            case Kind::Regular:
                if (hasImageExtension(name))
                    addFile(child, childKey, relative);
                else if (const QString kind = unreadablePhotoKind(name); !kind.isEmpty())
                    ++m_report.unreadablePhotos[kind];
                else
                    ++m_report.notImages;
                break;
            case Kind::Missing:
            case Kind::Special:
                if (hasImageExtension(name))
                    ++m_report.specialFiles;
                else
                    ++m_report.notImages;
                break;
            }
        }
        for (const QString &name : std::as_const(folders)) {
            const QString child = path + QLatin1Char('/') + name;
            QString childKey;
            kindOf(child, &childKey);
            folder(child, relative.isEmpty() ? name : relative + QLatin1Char('/') + name, childKey);
        }
    }

    // An output folder may appear while the walk runs: the first results are
    // written as soon as the first inputs are found.
    bool isOutputFolder(const QString &key)
    {
        for (auto it = m_unresolvedOutputFolders.begin(); it != m_unresolvedOutputFolders.end();) {
            QString folderKey;
            if (kindOf(*it, &folderKey) == Kind::Directory) {
                m_outputFolders.insert(folderKey);
                it = m_unresolvedOutputFolders.erase(it);
            } else {
                ++it;
            }
        }
        return m_outputFolders.contains(key);
    }

    void addFile(const QString &path, const QString &key, const QString &relative)
    {
        if (m_seenFiles.contains(key)) {
            ++m_report.duplicates;
            return;
        }
        m_seenFiles.insert(key);
        m_pending.append({QDir::cleanPath(path), relative});
        ++m_report.found;
        if (m_pending.size() >= m_batchSize)
            flush();
    }

    void flush()
    {
        if (m_pending.isEmpty())
            return;
        if (m_onBatch)
            m_onBatch(m_pending);
        m_pending.clear();
    }

    const std::function<void(const QList<FoundFile> &)> &m_onBatch;
    const std::atomic<bool> &m_cancel;
    const int m_batchSize;
    ScanReport m_report;
    QStringList m_unresolvedOutputFolders;
    QSet<QString> m_outputFolders;
    QSet<QString> m_visitedFolders;
    QSet<QString> m_seenFiles;
    QList<FoundFile> m_pending;
};

} // namespace

QString skippedOutputFolderNote(const QString &path)
{
    return QStringLiteral("%1: the output folder, not scanned (its images are results, not inputs)").arg(path);
}

bool foundInsideOutputFolder(const QString &inputPath, const QString &relativeDir, const QString &outputFolder)
{
    const qsizetype depth = relativeDir.split(QLatin1Char('/'), Qt::SkipEmptyParts).size();
    QString outputKey;
    if (depth == 0 || outputFolder.isEmpty() || kindOf(outputFolder, &outputKey) != Kind::Directory)
        return false;
    // The file's folder and its parents up to, not including, the root.
    QString folder = inputPath.left(inputPath.lastIndexOf(QLatin1Char('/')));
    for (qsizetype level = 0; level < depth && !folder.isEmpty(); ++level) {
        QString key;
        if (kindOf(folder, &key) == Kind::Directory && key == outputKey)
            return true;
        folder = folder.left(folder.lastIndexOf(QLatin1Char('/')));
    }
    return false;
}

ScanReport scanPaths(const QStringList &roots,
                     const std::function<void(const QList<FoundFile> &)> &onBatch,
                     const std::atomic<bool> &cancel, const QStringList &outputFolders, int batchSize)
{
    Scan scan(onBatch, cancel, outputFolders, std::max(1, batchSize));
    for (const QString &root : roots) {
        if (cancel.load())
            break;
        scan.root(root);
    }
    return scan.finish();
}

} // namespace pixelmill

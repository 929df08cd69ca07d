// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace pixelmill {

struct FoundFile
{
    QString path; ///< as reached from the root (symlinks kept)
    QString relativeDir; ///< folder relative to the root given ("" for files given directly)
    /// For {counter}: its position in the batch it first ran in, kept when that
    /// batch is resumed; 0 takes the next position of the batch it joins.
    int counter = 0;
};

struct ScanReport
{
    int found = 0;
    /// Inside folders: files without a supported image extension. (A file given
    /// by name is judged by its content, and one that is no image is a rejected
    /// root below, counted there only.)
    int notImages = 0;
    int duplicates = 0; ///< the same file reached twice (overlapping roots, symlinks)
    int specialFiles = 0; ///< inside folders: FIFOs, sockets, devices, dangling symlinks: never opened
    /// Inside folders: photos in formats Pixelmill cannot read, by kind
    /// ("camera RAW", "HEIC/HEIF", ...; see unreadablePhotoKind()), so that
    /// a phone's or camera's folder is not summed up as "not images".
    QMap<QString, int> unreadablePhotos;
    /// Notes, not failures: folders reached twice (symlink loops, overlapping
    /// roots), each skipped the second time.
    QStringList notes;
    /// Output folders the walk reached and did not enter (see scanPaths()).
    QStringList skippedOutputFolders;
    /// Paths that cannot be processed at all, each a failure of the batch:
    /// given directly (missing, not a regular file, not an image), or folders
    /// whose content cannot be read: (path, reason).
    QList<QPair<QString, QString>> rejectedRoots;
    bool canceled = false;
};

/// The line that tells the user why an output folder was not scanned.
QString skippedOutputFolderNote(const QString &path);

/// Whether a file a walk found lies in `outputFolder` or below it, where that
/// folder is itself below the root the walk started from: scanPaths() does not
/// enter such a folder, and a batch must not take what was queued from it
/// before that folder became the output. `relativeDir` is the file's folder
/// relative to its root (as FoundFile has it); a file given by name (empty)
/// never is, and neither is one when the output is the root itself.
/// Folders are compared by identity (device and inode), so links and spellings
/// of the same folder count.
bool foundInsideOutputFolder(const QString &inputPath, const QString &relativeDir, const QString &outputFolder);

/// Expands files and folders to the images inside them, recursively, on the
/// calling thread. Order is stable (roots as given; per folder, files sorted
/// by name, then sub-folders sorted by name). Symlinks are followed once;
/// loops and duplicates are dropped. Results arrive in batches through
/// `onBatch`. Thread-safe (no shared state).
/// Folders in `outputFolders` are not entered when a walk reaches them (they
/// hold the results of earlier runs, not inputs); given as roots, they are.
ScanReport scanPaths(const QStringList &roots,
                     const std::function<void(const QList<FoundFile> &)> &onBatch,
                     const std::atomic<bool> &cancel, const QStringList &outputFolders = {},
                     int batchSize = 256);

} // namespace pixelmill

Q_DECLARE_METATYPE(pixelmill::FoundFile)
Q_DECLARE_METATYPE(pixelmill::ScanReport)

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace pixelmill {

/// The directories (IFDs) of a TIFF file's bytes, read without decoding:
/// enough to tell what the file holds. Offsets and counts come from the file,
/// so every read is bounds-checked and the chain is walked loop-safe.
class TiffDirectories
{
public:
    explicit TiffDirectories(const QByteArray &bytes);

    bool isValid() const { return m_firstDirectory > 0; }
    /// Offsets of the main chain (IFD0, IFD1, ...), stopping at a loop, a bad
    /// offset or `limit`.
    QList<qint64> chain(int limit = 1000) const;
    /// The (first) value of a SHORT or LONG tag.
    std::optional<quint32> value(qint64 directory, quint16 tag) const;
    bool hasTag(qint64 directory, quint16 tag) const;
    /// Pages a viewer would show: directories in the chain that are not a
    /// reduced-resolution copy of another (NewSubfileType bit 0).
    int pageCount() const;
    /// Whether a directory of the chain, or one of their sub-directories
    /// (SubIFDs), holds a camera sensor's data: a colour mosaic or linear raw
    /// (as NEF, ARW, PEF, SRW and DNG files do), however small its first page.
    bool holdsSensorData() const;
    /// Where the largest JPEG held whole by a directory of the chain or their
    /// SubIFDs lies (a camera's preview inside a RAW: JPEGInterchangeFormat,
    /// or a single JPEG-compressed strip), checked to lie inside the file and
    /// to start with a JPEG marker; {-1, 0} when there is none.
    std::pair<qint64, qint64> largestJpeg() const;
    /// IFD 0's Orientation (1..8); 1 when absent or out of range.
    int orientation() const;
    /// Whether the first page holds 8- or 16-bit CMYK inks, which go through
    /// their ICC profile (cmykTiffInks) rather than tiffDecode.
    bool firstPageHasCmykInks() const;
    /// The first page's layout in words ("CMYK, 16 bits per sample"), for
    /// telling a user which TIFF could not be read; empty if unknown.
    QString firstPageLayout() const;

private:
    /// IFD 0's offset when it holds CMYK inks.
    std::optional<qint64> firstCmykPage() const;
    /// Offset of the directory's entry for `tag`, or -1.
    qint64 entryOf(qint64 directory, quint16 tag) const;
    /// The directories a SubIFDs tag points to (at most 16).
    QList<qint64> subDirectories(qint64 directory) const;
    /// The chain's first 16 directories, each followed by its SubIFDs: where a
    /// camera keeps its sensor data and its previews.
    QList<qint64> directoriesAndSubDirectories() const;
    /// How many values a tag holds; 0 when the directory lacks it.
    qint64 valueCount(qint64 directory, quint16 tag) const;
    quint16 read16(qint64 at) const;
    quint32 read32(qint64 at) const;
    bool fits(qint64 at, qint64 length) const { return at >= 0 && at + length <= m_bytes.size(); }

    QByteArray m_bytes;
    bool m_little = true;
    qint64 m_firstDirectory = 0;
};

} // namespace pixelmill

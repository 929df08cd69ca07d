// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/tiffdirectories.h"

#include <QSet>
#include <QtEndian>

#include <algorithm>

namespace pixelmill {

namespace {

constexpr qint64 kEntryBytes = 12;
constexpr quint16 kShort = 3;
constexpr quint16 kLong = 4;
constexpr quint16 kNewSubfileType = 254;
constexpr quint16 kBitsPerSample = 258;
constexpr quint16 kPhotometric = 262;
constexpr quint16 kInkSet = 332;
constexpr quint16 kSubIfds = 330;
constexpr quint16 kCompression = 259;
constexpr quint16 kStripOffsets = 273;
constexpr quint16 kOrientation = 274;
constexpr quint16 kStripByteCounts = 279;
constexpr quint16 kJpegInterchangeFormat = 513;
constexpr quint16 kJpegInterchangeFormatLength = 514;
constexpr quint32 kColourFilterArray = 32803;
constexpr quint32 kLinearRaw = 34892;

QString photometricName(quint32 value)
{
    switch (value) {
    case 0:
    case 1:
        return QStringLiteral("grey");
    case 2:
        return QStringLiteral("RGB");
    case 3:
        return QStringLiteral("palette");
    case 5:
        return QStringLiteral("CMYK");
    case 6:
        return QStringLiteral("YCbCr");
    case 8:
    case 9:
    case 10:
        return QStringLiteral("Lab");
    case 32844:
    case 32845:
        return QStringLiteral("LogLuv");
    default:
        return QStringLiteral("colour type %1").arg(value);
    }
}

} // namespace

TiffDirectories::TiffDirectories(const QByteArray &bytes) : m_bytes(bytes)
{
    if (bytes.size() < 8)
        return;
    m_little = bytes.startsWith("II*");
    if (!m_little && !bytes.startsWith(QByteArray("MM\0*", 4)))
        return;
    const qint64 first = read32(4);
    if (first >= 8 && fits(first, 2))
        m_firstDirectory = first;
}

quint16 TiffDirectories::read16(qint64 at) const
{
    const auto *p = reinterpret_cast<const uchar *>(m_bytes.constData()) + at;
    return m_little ? qFromLittleEndian<quint16>(p) : qFromBigEndian<quint16>(p);
}

quint32 TiffDirectories::read32(qint64 at) const
{
    const auto *p = reinterpret_cast<const uchar *>(m_bytes.constData()) + at;
    return m_little ? qFromLittleEndian<quint32>(p) : qFromBigEndian<quint32>(p);
}

QList<qint64> TiffDirectories::chain(int limit) const
{
    QList<qint64> directories;
    QSet<qint64> seen;
    qint64 at = m_firstDirectory;
    while (at > 0 && fits(at, 2) && !seen.contains(at) && directories.size() < limit) {
        seen.insert(at);
        directories.append(at);
        const qint64 next = at + 2 + qint64(read16(at)) * kEntryBytes;
        if (!fits(next, 4))
            break;
        at = read32(next);
    }
    return directories;
}

qint64 TiffDirectories::entryOf(qint64 directory, quint16 tag) const
{
    if (!fits(directory, 2))
        return -1;
    const int entries = read16(directory);
    for (int i = 0; i < entries; ++i) {
        const qint64 entry = directory + 2 + qint64(i) * kEntryBytes;
        if (!fits(entry, kEntryBytes))
            break;
        if (read16(entry) == tag)
            return entry;
    }
    return -1;
}

std::optional<quint32> TiffDirectories::value(qint64 directory, quint16 tag) const
{
    const qint64 entry = entryOf(directory, tag);
    if (entry < 0)
        return std::nullopt;
    const quint16 type = read16(entry + 2);
    const qint64 count = read32(entry + 4);
    const qint64 size = type == kShort ? 2 : type == kLong ? 4 : 0;
    if (size == 0 || count < 1)
        return std::nullopt;
    // Values that fit sit left-justified in the entry, either byte order; longer arrays elsewhere.
    const qint64 at = count * size <= 4 ? entry + 8 : qint64(read32(entry + 8));
    if (!fits(at, size))
        return std::nullopt;
    return size == 2 ? read16(at) : read32(at);
}

bool TiffDirectories::hasTag(qint64 directory, quint16 tag) const
{
    return entryOf(directory, tag) >= 0;
}

int TiffDirectories::pageCount() const
{
    int pages = 0;
    for (const qint64 directory : chain()) {
        if (!(value(directory, kNewSubfileType).value_or(0) & 1u))
            ++pages;
    }
    return pages;
}

QList<qint64> TiffDirectories::subDirectories(qint64 directory) const
{
    QList<qint64> offsets;
    const qint64 entry = entryOf(directory, kSubIfds);
    if (entry < 0)
        return offsets;
    const qint64 count = std::min<qint64>(read32(entry + 4), 16);
    const qint64 at = count <= 1 ? entry + 8 : qint64(read32(entry + 8)); // LONG or IFD offsets
    for (qint64 i = 0; i < count && fits(at + 4 * i, 4); ++i) {
        const qint64 offset = read32(at + 4 * i);
        if (offset >= 8 && fits(offset, 2))
            offsets.append(offset);
    }
    return offsets;
}

QList<qint64> TiffDirectories::directoriesAndSubDirectories() const
{
    QList<qint64> all;
    for (const qint64 directory : chain(16))
        all << directory << subDirectories(directory);
    return all;
}

qint64 TiffDirectories::valueCount(qint64 directory, quint16 tag) const
{
    const qint64 entry = entryOf(directory, tag);
    return entry < 0 ? 0 : qint64(read32(entry + 4));
}

bool TiffDirectories::holdsSensorData() const
{
    const QList<qint64> directories = directoriesAndSubDirectories();
    return std::any_of(directories.cbegin(), directories.cend(), [this](qint64 directory) {
        const quint32 photometric = value(directory, kPhotometric).value_or(0);
        return photometric == kColourFilterArray || photometric == kLinearRaw;
    });
}

std::pair<qint64, qint64> TiffDirectories::largestJpeg() const
{
    std::pair<qint64, qint64> best{-1, 0};
    const auto consider = [&](std::optional<quint32> offset, std::optional<quint32> length) {
        if (!offset || !length || *length < 4 || !fits(*offset, *length) || qint64(*length) <= best.second)
            return;
        if (uchar(m_bytes.at(*offset)) == 0xff && uchar(m_bytes.at(*offset + 1)) == 0xd8)
            best = {qint64(*offset), qint64(*length)};
    };
    for (const qint64 directory : directoriesAndSubDirectories()) {
        consider(value(directory, kJpegInterchangeFormat), value(directory, kJpegInterchangeFormatLength));
        const quint32 compression = value(directory, kCompression).value_or(0);
        if ((compression == 6 || compression == 7) && valueCount(directory, kStripOffsets) == 1)
            consider(value(directory, kStripOffsets), value(directory, kStripByteCounts));
    }
    return best;
}

int TiffDirectories::orientation() const
{
    const QList<qint64> first = chain(1);
    const quint32 value = first.isEmpty() ? 1 : this->value(first.first(), kOrientation).value_or(1);
    return value >= 1 && value <= 8 ? int(value) : 1;
}

std::optional<qint64> TiffDirectories::firstCmykPage() const
{
    const QList<qint64> first = chain(1);
    constexpr quint32 kSeparated = 5;
    constexpr quint32 kCmykInks = 1;
    if (first.isEmpty() || value(first.first(), kPhotometric) != kSeparated
        || value(first.first(), kInkSet).value_or(kCmykInks) != kCmykInks)
        return std::nullopt;
    return first.first();
}

bool TiffDirectories::firstPageHasCmykInks() const
{
    const std::optional<qint64> page = firstCmykPage();
    const std::optional<quint32> bits = page ? value(*page, kBitsPerSample) : std::nullopt;
    return bits == 8u || bits == 16u;
}

QString TiffDirectories::firstPageLayout() const
{
    const QList<qint64> first = chain(1);
    if (first.isEmpty())
        return {};
    const std::optional<quint32> photometric = value(first.first(), kPhotometric);
    if (!photometric)
        return {};
    const std::optional<quint32> bits = value(first.first(), kBitsPerSample);
    return bits ? QStringLiteral("%1, %2 bits per sample").arg(photometricName(*photometric)).arg(*bits)
                : photometricName(*photometric);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/iccprofile.h"

#include <QtEndian>

#include <cstdint>
#include <cstring>
#include <map>

namespace pixelmill {

namespace {

constexpr std::size_t kHeaderBytes = 128;
constexpr std::size_t kTagEntryBytes = 12;

QString tagName(const unsigned char *p)
{
    QString name;
    for (int i = 0; i < 4; ++i)
        name += (p[i] >= 0x20 && p[i] < 0x7f) ? QLatin1Char(char(p[i])) : QLatin1Char('?');
    return name;
}

constexpr char kJpegIccTag[] = "ICC_PROFILE"; // with its NUL: 12 bytes, then sequence number and count

bool isJpegIccSegment(const unsigned char *segment, std::size_t length)
{
    return segment[1] == 0xe2 && length >= 2 + 14 && std::memcmp(segment + 4, kJpegIccTag, sizeof kJpegIccTag) == 0;
}

// The profile's chunks joined in sequence order; with `withoutProfile`, the
// JPEG without its profile's segments too.
std::vector<unsigned char> takeJpegIccProfile(const QByteArray &jpeg, QByteArray *withoutProfile)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(jpeg.constData());
    const std::size_t size = std::size_t(jpeg.size());
    if (size < 4 || bytes[0] != 0xff || bytes[1] != 0xd8) {
        if (withoutProfile)
            *withoutProfile = jpeg;
        return {};
    }
    std::multimap<int, std::vector<unsigned char>> chunks; // a repeated number keeps file order
    std::size_t at = 2;
    if (withoutProfile)
        withoutProfile->append(jpeg.constData(), 2);
    // Segments up to the first scan; anything malformed ends the walk and is kept as it is.
    while (at + 4 <= size && bytes[at] == 0xff) {
        const unsigned char marker = bytes[at + 1];
        if (marker == 0xda || marker == 0xd9 || marker == 0xff || (marker >= 0xd0 && marker <= 0xd7))
            break;
        const std::size_t length = std::size_t(bytes[at + 2]) << 8 | bytes[at + 3];
        if (length < 2 || at + 2 + length > size)
            break;
        if (isJpegIccSegment(bytes + at, length)) {
            const unsigned char *payload = bytes + at + 2 + 2 + 14;
            chunks.emplace(bytes[at + 4 + 12], std::vector<unsigned char>(payload, bytes + at + 2 + length));
        } else if (withoutProfile) {
            withoutProfile->append(jpeg.constData() + at, qsizetype(2 + length));
        }
        at += 2 + length;
    }
    if (withoutProfile)
        withoutProfile->append(jpeg.constData() + at, qsizetype(size - at));
    std::vector<unsigned char> profile;
    for (const auto &[sequence, data] : chunks)
        profile.insert(profile.end(), data.begin(), data.end());
    return profile;
}

} // namespace

SeparatedJpegProfile separateJpegIccProfile(const QByteArray &jpeg)
{
    SeparatedJpegProfile result;
    result.profile = takeJpegIccProfile(jpeg, &result.withoutProfile);
    return result;
}

std::vector<unsigned char> jpegIccProfile(const QByteArray &jpeg)
{
    return takeJpegIccProfile(jpeg, nullptr);
}

QByteArray iccDataColourSpace(const unsigned char *data, std::size_t size)
{
    return size >= kHeaderBytes ? QByteArray(reinterpret_cast<const char *>(data) + 16, 4) : QByteArray();
}

QString iccProfileProblem(const unsigned char *data, std::size_t size)
{
    if (size < kHeaderBytes + 4)
        return QStringLiteral("only %1 bytes, too short for a profile").arg(size);
    if (std::memcmp(data + 36, "acsp", 4) != 0)
        return QStringLiteral("no ICC profile signature");
    const std::uint64_t declared = qFromBigEndian<quint32>(data);
    if (declared > size)
        return QStringLiteral("cut off: %1 of %2 bytes").arg(size).arg(declared);
    if (declared < kHeaderBytes + 4)
        return QStringLiteral("its header declares an impossible size of %1 bytes").arg(declared);
    const std::uint64_t tags = qFromBigEndian<quint32>(data + kHeaderBytes);
    if (kHeaderBytes + 4 + tags * kTagEntryBytes > declared)
        return QStringLiteral("its tag table (%1 tags) runs past its end").arg(tags);
    for (std::uint64_t i = 0; i < tags; ++i) {
        const unsigned char *entry = data + kHeaderBytes + 4 + i * kTagEntryBytes;
        const std::uint64_t offset = qFromBigEndian<quint32>(entry + 4);
        const std::uint64_t length = qFromBigEndian<quint32>(entry + 8);
        if (offset + length > declared)
            return QStringLiteral("tag '%1' points past its end").arg(tagName(entry));
    }
    return {};
}

} // namespace pixelmill

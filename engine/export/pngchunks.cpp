// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/pngchunks.h"

#include "engine/image/bigendian.h"

#include <libdeflate.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace pixelmill {

namespace {

constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr std::size_t kChunkOverhead = 12; // length, type, CRC
constexpr char kProfileName[] = "ICC Profile";

struct CompressorDeleter
{
    void operator()(libdeflate_compressor *c) const { libdeflate_free_compressor(c); }
};

// The chunk's data: name, its NUL, compression method 0, the zlib stream.
bool iccpData(const std::vector<unsigned char> &icc, std::vector<unsigned char> &data)
{
    const std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(
        libdeflate_alloc_compressor(9));
    if (!compressor)
        return false;
    data.assign(kProfileName, kProfileName + sizeof kProfileName); // with its NUL
    data.push_back(0);
    const std::size_t head = data.size();
    data.resize(head + libdeflate_zlib_compress_bound(compressor.get(), icc.size()));
    const std::size_t written = libdeflate_zlib_compress(
        compressor.get(), icc.data(), icc.size(), data.data() + head, data.size() - head);
    data.resize(head + written);
    return written != 0;
}

} // namespace

void putPngChunk(
    std::vector<unsigned char> &out, const char type[4], const unsigned char *data, std::size_t size)
{
    appendBigEndian32(out, std::uint32_t(size));
    const std::size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    if (size != 0)
        out.insert(out.end(), data, data + size);
    appendBigEndian32(out, libdeflate_crc32(0, out.data() + typeAt, size + 4));
}

bool putPngChunkAfterHeader(std::vector<unsigned char> &png, const char type[4],
    const std::vector<unsigned char> &data, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    constexpr std::size_t kIhdrEnd = sizeof kSignature + kChunkOverhead + 13;
    if (png.size() < kIhdrEnd || std::memcmp(png.data(), kSignature, sizeof kSignature) != 0
        || readBigEndian32(png.data() + 8) != 13 || std::memcmp(png.data() + 12, "IHDR", 4) != 0)
        return fail(QStringLiteral("the encoded PNG has no header to put the %1 chunk after")
                        .arg(QString::fromLatin1(type, 4)));
    std::vector<unsigned char> out(png.begin(), png.begin() + std::ptrdiff_t(kIhdrEnd));
    out.reserve(png.size() + data.size() + kChunkOverhead);
    putPngChunk(out, type, data.data(), data.size());
    for (std::size_t at = kIhdrEnd; at < png.size();) {
        if (png.size() - at < kChunkOverhead
            || readBigEndian32(png.data() + at) > png.size() - at - kChunkOverhead)
            return fail(QStringLiteral("the encoded PNG is damaged after its header"));
        const std::size_t chunk = kChunkOverhead + readBigEndian32(png.data() + at);
        if (std::memcmp(png.data() + at + 4, type, 4) != 0)
            out.insert(out.end(), png.begin() + std::ptrdiff_t(at), png.begin() + std::ptrdiff_t(at + chunk));
        at += chunk;
    }
    png.swap(out);
    return true;
}

bool embedPngIccProfile(
    std::vector<unsigned char> &png, const std::vector<unsigned char> &icc, QString *error)
{
    std::vector<unsigned char> data;
    if (!iccpData(icc, data)) {
        if (error)
            *error = QStringLiteral("the ICC profile could not be compressed for the PNG file");
        return false;
    }
    return putPngChunkAfterHeader(png, "iCCP", data, error);
}

} // namespace pixelmill

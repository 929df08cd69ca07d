// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/codedpicturesize.h"

#include "engine/image/bigendian.h"

#include <optional>
#include <span>
#include <utility>

namespace pixelmill {

namespace {

using Span = std::span<const uint8_t>;

// Reads bits, most significant first: of an HEVC RBSP (the NAL payload with
// its emulation-prevention bytes, 00 00 03, removed) or of an AV1 OBU.
class BitReader
{
public:
    explicit BitReader(std::vector<uint8_t> bytes) : m_bytes(std::move(bytes)) { }
    BitReader(const uint8_t *data, size_t size) : m_bytes(data, data + size) { }
    std::optional<uint32_t> bits(int count)
    {
        uint32_t value = 0;
        for (int i = 0; i < count; ++i) {
            if (m_bit >= m_bytes.size() * 8)
                return std::nullopt;
            value = value << 1 | ((m_bytes[m_bit / 8] >> (7 - m_bit % 8)) & 1u);
            ++m_bit;
        }
        return value;
    }
    bool skip(size_t count)
    {
        if (count > m_bytes.size() * 8 - m_bit)
            return false;
        m_bit += count;
        return true;
    }
    // Exp-Golomb: HEVC's ue(v), whose values stop at 2^32 - 2, or AV1's
    // uvlc(), which reads 32 zeros or more as 2^32 - 1.
    enum class Golomb { Hevc, Av1 };
    std::optional<uint32_t> golomb(Golomb kind)
    {
        int zeros = 0;
        for (;;) {
            const auto bit = bits(1);
            if (!bit)
                return std::nullopt;
            if (*bit)
                break;
            if (++zeros > 31 && kind == Golomb::Hevc)
                return std::nullopt;
        }
        if (zeros >= 32)
            return UINT32_MAX;
        const auto rest = bits(zeros);
        if (!rest)
            return std::nullopt;
        return uint32_t((uint64_t(1) << zeros) - 1 + *rest);
    }

private:
    std::vector<uint8_t> m_bytes;
    size_t m_bit = 0;
};

// The picture size of an HEVC sequence parameter set (H.265 7.3.2.2), NAL
// header included.
std::optional<CodedPictureSize> spsPictureSize(Span nal)
{
    if (nal.size() < 3)
        return std::nullopt;
    std::vector<uint8_t> rbsp;
    rbsp.reserve(nal.size());
    int zeros = 0;
    for (size_t i = 2; i < nal.size(); ++i) {
        if (zeros >= 2 && nal[i] == 3) {
            zeros = 0;
            continue;
        }
        zeros = nal[i] == 0 ? zeros + 1 : 0;
        rbsp.push_back(nal[i]);
    }
    BitReader sps(std::move(rbsp));
    const auto head = sps.bits(8); // video parameter set id, sub-layer count - 1, nesting flag
    if (!head)
        return std::nullopt;
    const uint32_t subLayers = (*head >> 1) & 7u;
    // profile_tier_level: the general profile and level, then each sub-layer's.
    if (!sps.skip(88 + 8))
        return std::nullopt;
    std::vector<bool> profilePresent(subLayers), levelPresent(subLayers);
    for (uint32_t i = 0; i < subLayers; ++i) {
        const auto flags = sps.bits(2);
        if (!flags)
            return std::nullopt;
        profilePresent[i] = *flags & 2u;
        levelPresent[i] = *flags & 1u;
    }
    if (subLayers > 0 && !sps.skip(2 * (8 - subLayers)))
        return std::nullopt;
    for (uint32_t i = 0; i < subLayers; ++i) {
        if ((profilePresent[i] && !sps.skip(88)) || (levelPresent[i] && !sps.skip(8)))
            return std::nullopt;
    }
    const auto id = sps.golomb(BitReader::Golomb::Hevc);
    const auto chroma = sps.golomb(BitReader::Golomb::Hevc);
    if (!id || !chroma || *chroma > 3)
        return std::nullopt;
    if (*chroma == 3 && !sps.skip(1))
        return std::nullopt;
    const auto width = sps.golomb(BitReader::Golomb::Hevc);
    const auto height = sps.golomb(BitReader::Golomb::Hevc);
    const auto window = sps.bits(1);
    if (!width || !height || !window)
        return std::nullopt;
    CodedPictureSize size {*width, *height, *width, *height};
    if (*window) {
        uint32_t offsets[4]; // left, right, top, bottom, in chroma samples
        for (uint32_t &offset : offsets) {
            const auto value = sps.golomb(BitReader::Golomb::Hevc);
            if (!value)
                return std::nullopt;
            offset = *value;
        }
        const uint64_t unitX = *chroma == 1 || *chroma == 2 ? 2 : 1;
        const uint64_t unitY = *chroma == 1 ? 2 : 1;
        const uint64_t cropX = unitX * (uint64_t(offsets[0]) + offsets[1]);
        const uint64_t cropY = unitY * (uint64_t(offsets[2]) + offsets[3]);
        size.shownWidth = cropX < size.width ? uint32_t(size.width - cropX) : 0;
        size.shownHeight = cropY < size.height ? uint32_t(size.height - cropY) : 0;
    }
    return size;
}

constexpr int kHevcSpsType = 33;

// Calls `visit(type, nal)` for each NAL unit of an hvcC box's arrays.
template<typename Visit>
void forEachConfigurationNal(Span hvcc, Visit visit)
{
    constexpr size_t kFixedPart = 23;
    if (hvcc.size() < kFixedPart)
        return;
    const int arrays = hvcc[22];
    size_t at = kFixedPart;
    for (int a = 0; a < arrays; ++a) {
        if (hvcc.size() - at < 3)
            return;
        const int type = hvcc[at] & 0x3f;
        const int count = readBigEndian16(hvcc.data() + at + 1);
        at += 3;
        for (int n = 0; n < count; ++n) {
            if (hvcc.size() - at < 2)
                return;
            const size_t length = readBigEndian16(hvcc.data() + at);
            at += 2;
            if (hvcc.size() - at < length)
                return;
            visit(type, Span {hvcc.data() + at, length});
            at += length;
        }
    }
}

// Reads leb128(): up to eight bytes of seven bits, least significant first.
std::optional<uint64_t> leb128(const uint8_t *&p, const uint8_t *end)
{
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
        if (p == end)
            return std::nullopt;
        const uint8_t byte = *p++;
        value |= uint64_t(byte & 0x7f) << (7 * i);
        if (!(byte & 0x80))
            return value;
    }
    return std::nullopt;
}

// The largest frame of an AV1 sequence header OBU's payload (AV1 5.5.1).
std::optional<CodedPictureSize> av1SequenceSize(Span payload)
{
    BitReader header(payload.data(), payload.size());
    const auto start = header.bits(5); // seq_profile, still_picture, reduced_still_picture_header
    if (!start)
        return std::nullopt;
    if (*start & 1u) {
        if (!header.skip(5)) // seq_level_idx[0]
            return std::nullopt;
    } else {
        const auto timing = header.bits(1);
        if (!timing)
            return std::nullopt;
        bool decoderModel = false;
        uint32_t bufferDelayLength = 0;
        if (*timing) {
            const auto equalInterval = header.skip(64) ? header.bits(1) : std::nullopt;
            if (!equalInterval || (*equalInterval && !header.golomb(BitReader::Golomb::Av1)))
                return std::nullopt;
            const auto model = header.bits(1);
            if (!model)
                return std::nullopt;
            decoderModel = *model;
            if (decoderModel) {
                const auto length = header.bits(5);
                if (!length || !header.skip(32 + 5 + 5))
                    return std::nullopt;
                bufferDelayLength = *length + 1;
            }
        }
        const auto displayDelay = header.bits(1);
        const auto points = header.bits(5);
        if (!displayDelay || !points)
            return std::nullopt;
        for (uint32_t i = 0; i <= *points; ++i) {
            const auto idcAndLevel = header.bits(12 + 5);
            if (!idcAndLevel || ((*idcAndLevel & 31u) > 7 && !header.skip(1)))
                return std::nullopt;
            if (decoderModel) {
                const auto present = header.bits(1);
                if (!present || (*present && !header.skip(2 * bufferDelayLength + 1)))
                    return std::nullopt;
            }
            if (*displayDelay) {
                const auto present = header.bits(1);
                if (!present || (*present && !header.skip(4)))
                    return std::nullopt;
            }
        }
    }
    const auto widthBits = header.bits(4);
    const auto heightBits = header.bits(4);
    if (!widthBits || !heightBits)
        return std::nullopt;
    const auto width = header.bits(int(*widthBits) + 1);
    const auto height = header.bits(int(*heightBits) + 1);
    if (!width || !height)
        return std::nullopt;
    const uint32_t w = *width + 1, h = *height + 1;
    return CodedPictureSize {w, h, w, h};
}

} // namespace

std::vector<CodedPictureSize> hevcConfigurationSizes(const uint8_t *hvcc, size_t size)
{
    std::vector<CodedPictureSize> sizes;
    forEachConfigurationNal(Span {hvcc, size}, [&](int type, Span nal) {
        if (type == kHevcSpsType)
            if (const auto picture = spsPictureSize(nal))
                sizes.push_back(*picture);
    });
    return sizes;
}

std::vector<CodedPictureSize> hevcStreamSizes(
    const uint8_t *data, size_t size, const uint8_t *hvcc, size_t hvccSize)
{
    std::vector<CodedPictureSize> sizes;
    if (hvccSize < 22)
        return sizes;
    const size_t lengthSize = (hvcc[21] & 3u) + 1; // 3 (two bytes) is not allowed, but costs nothing
    size_t at = 0;
    while (size - at >= lengthSize) {
        size_t length = 0;
        for (size_t i = 0; i < lengthSize; ++i)
            length = length << 8 | data[at + i];
        at += lengthSize;
        if (length > size - at)
            break;
        if (length >= 2 && ((data[at] >> 1) & 0x3f) == kHevcSpsType)
            if (const auto picture = spsPictureSize({data + at, length}))
                sizes.push_back(*picture);
        at += length;
    }
    return sizes;
}

std::vector<CodedPictureSize> av1SequenceSizes(const uint8_t *obus, size_t size)
{
    constexpr int kSequenceHeader = 1;
    std::vector<CodedPictureSize> sizes;
    const uint8_t *p = obus;
    const uint8_t *end = obus + size;
    while (p != end) {
        const uint8_t header = *p++;
        const int type = (header >> 3) & 15;
        if (header & 4u) { // an extension byte follows
            if (p == end)
                break;
            ++p;
        }
        uint64_t length = uint64_t(end - p);
        if (header & 2u) {
            const auto declared = leb128(p, end);
            if (!declared || *declared > uint64_t(end - p))
                break;
            length = *declared;
        }
        if (type == kSequenceHeader)
            if (const auto picture = av1SequenceSize({p, size_t(length)}))
                sizes.push_back(*picture);
        p += length;
    }
    return sizes;
}

} // namespace pixelmill

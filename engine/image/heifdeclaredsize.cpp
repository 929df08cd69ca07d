// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/heifdeclaredsize.h"

#include "engine/image/bigendian.h"

#include "engine/image/codedpicturesize.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace pixelmill {

namespace {

using Span = std::span<const uint8_t>;

struct Box
{
    std::string_view type;
    Span body;
};

// The boxes directly inside `span`, in order; stops at the first that does
// not fit (the rest of a damaged file is libheif's to judge).
std::vector<Box> childBoxes(Span span)
{
    std::vector<Box> boxes;
    size_t at = 0;
    while (span.size() - at >= 8) {
        const uint8_t *header = span.data() + at;
        uint64_t length = readBigEndian32(header);
        size_t headerLength = 8;
        if (length == 1) {
            if (span.size() - at < 16)
                break;
            length = uint64_t(readBigEndian32(header + 8)) << 32 | readBigEndian32(header + 12);
            headerLength = 16;
        } else if (length == 0) {
            length = span.size() - at;
        }
        if (length < headerLength || length > span.size() - at)
            break;
        boxes.push_back({std::string_view(reinterpret_cast<const char *>(header + 4), 4),
            {header + headerLength, size_t(length) - headerLength}});
        at += size_t(length);
    }
    return boxes;
}

std::optional<Span> child(Span span, std::string_view type, size_t skip = 0)
{
    if (span.size() < skip)
        return std::nullopt;
    for (const Box &box : childBoxes({span.data() + skip, span.size() - skip}))
        if (box.type == type)
            return box.body;
    return std::nullopt;
}

// Item id -> indices (from 1) of its properties, from every ipma box.
std::map<uint32_t, std::vector<uint32_t>> propertyAssociations(const std::vector<Box> &iprpChildren)
{
    std::map<uint32_t, std::vector<uint32_t>> associations;
    for (const Box &box : iprpChildren) {
        if (box.type != "ipma" || box.body.size() < 8)
            continue;
        const uint8_t *p = box.body.data();
        const uint8_t *end = p + box.body.size();
        const int version = p[0];
        const bool wideIndex = p[3] & 1u;
        uint32_t entries = readBigEndian32(p + 4);
        p += 8;
        for (; entries > 0; --entries) {
            const size_t idLength = version < 1 ? 2 : 4;
            if (size_t(end - p) < idLength + 1)
                break;
            const uint32_t item = idLength == 2 ? readBigEndian16(p) : readBigEndian32(p);
            p += idLength;
            const int count = *p++;
            const size_t indexLength = wideIndex ? 2 : 1;
            if (size_t(end - p) < size_t(count) * indexLength)
                break;
            for (int i = 0; i < count; ++i) {
                associations[item].push_back(wideIndex ? readBigEndian16(p) & 0x7fffu : *p & 0x7fu);
                p += indexLength;
            }
        }
    }
    return associations;
}

// Item id -> four-letter type, from the iinf box's infe entries (version 2 and 3).
std::map<uint32_t, std::string_view> itemTypes(Span meta)
{
    std::map<uint32_t, std::string_view> types;
    const auto iinf = child(meta, "iinf", 4);
    if (!iinf || iinf->size() < 4)
        return types;
    const size_t countLength = iinf->data()[0] == 0 ? 2 : 4;
    if (iinf->size() < 4 + countLength)
        return types;
    for (const Box &entry : childBoxes({iinf->data() + 4 + countLength, iinf->size() - 4 - countLength})) {
        const Span e = entry.body;
        if (entry.type != "infe" || e.size() < 4 || e[0] < 2)
            continue;
        const size_t idLength = e[0] == 2 ? 2 : 4;
        if (e.size() < 4 + idLength + 2 + 4)
            continue;
        const uint32_t id = idLength == 2 ? readBigEndian16(e.data() + 4) : readBigEndian32(e.data() + 4);
        types[id] = std::string_view(reinterpret_cast<const char *>(e.data() + 4 + idLength + 2), 4);
    }
    return types;
}

// Reads a big-endian unsigned field of 0, 2, 4 or 8 bytes.
bool readField(const uint8_t *&p, const uint8_t *end, int length, uint64_t &value)
{
    if (length != 0 && length != 2 && length != 4 && length != 8)
        return false;
    if (end - p < length)
        return false;
    value = 0;
    for (int i = 0; i < length; ++i)
        value = value << 8 | *p++;
    return true;
}

// The first `want` bytes of an item's data, from the file or from the idat
// box as its iloc entry places them; nullopt when they lie outside either.
std::optional<std::vector<uint8_t>> itemData(Span file, Span meta, uint32_t item, size_t want)
{
    const auto iloc = child(meta, "iloc", 4);
    if (!iloc || iloc->size() < 8)
        return std::nullopt;
    const uint8_t *p = iloc->data();
    const uint8_t *end = p + iloc->size();
    const int version = p[0];
    const int offsetLength = p[4] >> 4, lengthLength = p[4] & 15, baseLength = p[5] >> 4;
    const int indexLength = version >= 1 ? p[5] & 15 : 0;
    p += 6;
    const int idLength = version < 2 ? 2 : 4;
    uint64_t count = 0;
    if (!readField(p, end, idLength, count))
        return std::nullopt;
    for (; count > 0; --count) {
        uint64_t id = 0, method = 0, reference = 0, base = 0, extents = 0;
        // Version 0 has no construction method: its data is in the file.
        if (!readField(p, end, idLength, id) || (version >= 1 && !readField(p, end, 2, method))
            || !readField(p, end, 2, reference) || !readField(p, end, baseLength, base)
            || !readField(p, end, 2, extents))
            return std::nullopt;
        method &= 15;
        std::vector<uint8_t> data;
        for (; extents > 0; --extents) {
            uint64_t index = 0, offset = 0, length = 0;
            if ((indexLength > 0 && !readField(p, end, indexLength, index))
                || !readField(p, end, offsetLength, offset) || !readField(p, end, lengthLength, length))
                return std::nullopt;
            if (id != item || data.size() >= want)
                continue;
            Span source = file;
            if (method == 1) {
                const auto idat = child(meta, "idat", 4);
                if (!idat)
                    return std::nullopt;
                source = *idat;
            } else if (method != 0) {
                return std::vector<uint8_t>(); // made from other items' data: left to libheif
            }
            if (base > source.size() || offset > source.size() - base)
                return std::nullopt;
            const uint64_t start = base + offset;
            if (length == 0) // to the end of the source
                length = source.size() - start;
            if (length > source.size() - start)
                return std::nullopt;
            const size_t take = size_t(std::min<uint64_t>(length, want - data.size()));
            data.insert(data.end(), source.data() + start, source.data() + start + take);
        }
        if (id == item)
            return data;
    }
    return std::nullopt;
}

// The canvas a grid or overlay item asks for (ISO/IEC 23008-12 6.6.2.3, 6.6.2.4).
std::optional<std::pair<uint32_t, uint32_t>> canvasSize(
    std::string_view type, const std::vector<uint8_t> &data)
{
    const size_t at = type == "grid" ? 4 : 10; // after version, flags and rows/columns or fill colour
    if (data.size() < 2)
        return std::nullopt;
    const bool wide = data[1] & 1u;
    if (data.size() < at + (wide ? 8 : 4))
        return std::nullopt;
    if (wide)
        return std::make_pair(readBigEndian32(&data[at]), readBigEndian32(&data[at + 4]));
    return std::make_pair(uint32_t(readBigEndian16(&data[at])), uint32_t(readBigEndian16(&data[at + 2])));
}

} // namespace

std::string heifSizeMismatch(
    const char *what, uint32_t width, uint32_t height, uint32_t declaredWidth, uint32_t declaredHeight)
{
    return std::string(what) + std::to_string(width) + "×" + std::to_string(height) + ", not the "
        + std::to_string(declaredWidth) + "×" + std::to_string(declaredHeight) + " its header declares";
}

std::string heifPicturesExceedDeclaredSize(const uint8_t *data, size_t size)
{
    constexpr uint32_t kSlack = 64; // one largest HEVC coding block of padding
    const auto exceeds
        = [](uint64_t width, uint64_t height, uint32_t declaredWidth, uint32_t declaredHeight) {
              return width > uint64_t(declaredWidth) + kSlack || height > uint64_t(declaredHeight) + kSlack;
          };
    const Span file {data, size};
    const auto meta = child(file, "meta");
    if (!meta)
        return {};
    const auto iprp = child(*meta, "iprp", 4); // meta is a full box: version and flags first
    if (!iprp)
        return {};
    const std::vector<Box> iprpChildren = childBoxes(*iprp);
    std::vector<Box> properties;
    for (const Box &box : iprpChildren)
        if (box.type == "ipco")
            properties = childBoxes(box.body);
    const auto types = itemTypes(*meta);
    for (const auto &[item, indices] : propertyAssociations(iprpChildren)) {
        std::optional<Span> ispe;
        std::optional<Span> hvcc;
        std::optional<Span> av1c;
        for (const uint32_t index : indices) {
            if (index == 0 || index > properties.size())
                continue;
            const Box &property = properties[index - 1];
            if (property.type == "ispe" && property.body.size() >= 12)
                ispe = property.body;
            else if (property.type == "hvcC")
                hvcc = property.body;
            else if (property.type == "av1C" && property.body.size() >= 4)
                av1c = property.body;
        }
        if (!ispe)
            continue;
        const uint32_t declaredWidth = readBigEndian32(ispe->data() + 4);
        const uint32_t declaredHeight = readBigEndian32(ispe->data() + 8);
        // The decoder takes parameter sets from the configuration box and from
        // the item's own data, and allocates for each.
        std::vector<CodedPictureSize> coded;
        if (hvcc || av1c) {
            const auto stream = itemData(file, *meta, item, SIZE_MAX);
            const std::vector<uint8_t> none;
            const std::vector<uint8_t> &bytes = stream ? *stream : none;
            coded = hvcc
                ? hevcConfigurationSizes(hvcc->data(), hvcc->size())
                : av1SequenceSizes(av1c->data() + 4, av1c->size() - 4); // after av1C's four fixed bytes
            const auto inStream = hvcc
                ? hevcStreamSizes(bytes.data(), bytes.size(), hvcc->data(), hvcc->size())
                : av1SequenceSizes(bytes.data(), bytes.size());
            coded.insert(coded.end(), inStream.begin(), inStream.end());
        }
        for (const CodedPictureSize &picture : coded) {
            if (exceeds(picture.width, picture.height, declaredWidth, declaredHeight))
                return heifSizeMismatch("its coded image is ", picture.shownWidth, picture.shownHeight,
                    declaredWidth, declaredHeight);
        }
        // A grid or overlay is drawn on a canvas of the size its own data
        // gives; libheif allocates that canvas whatever the header says.
        const auto type = types.find(item);
        if (type == types.end() || (type->second != "grid" && type->second != "iovl"))
            continue;
        const auto descriptor = itemData(file, *meta, item, 32);
        if (!descriptor)
            return "its " + std::string(type->second == "grid" ? "grid" : "overlay")
                + " description lies outside the file";
        const auto canvas = canvasSize(type->second, *descriptor);
        if (canvas && exceeds(canvas->first, canvas->second, declaredWidth, declaredHeight))
            return heifSizeMismatch(
                type->second == "grid" ? "its tiles make an image of " : "its overlay makes an image of ",
                canvas->first, canvas->second, declaredWidth, declaredHeight);
    }
    return {};
}

} // namespace pixelmill

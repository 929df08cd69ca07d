// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pixelmill {

/// The size of the pictures a coded stream declares, which is what its decoder
/// allocates: before and after cropping to the shown picture.
struct CodedPictureSize
{
    uint32_t width = 0;
    uint32_t height = 0;
    uint32_t shownWidth = 0;
    uint32_t shownHeight = 0;
};

/// Every HEVC sequence parameter set in an hvcC box (ISO/IEC 14496-15
/// 8.3.3), as its picture size. Parameter sets that cannot be read are left out.
std::vector<CodedPictureSize> hevcConfigurationSizes(const uint8_t *hvcc, size_t size);

/// Every sequence parameter set among the length-prefixed NAL units of an HEVC
/// item's data: a decoder takes those too, in place of the hvcC box's.
std::vector<CodedPictureSize> hevcStreamSizes(const uint8_t *data, size_t size, const uint8_t *hvcc,
                                              size_t hvccSize);

/// The largest frame of every AV1 sequence header among `obus` (an av1C box's
/// configuration OBUs, or an item's data), for which a decoder allocates.
std::vector<CodedPictureSize> av1SequenceSizes(const uint8_t *obus, size_t size);

} // namespace pixelmill

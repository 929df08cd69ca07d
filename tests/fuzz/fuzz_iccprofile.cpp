// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target: the ICC profile check and the JPEG APP2 splitter, which
// read offsets and lengths from the file. Nothing may be read out of bounds,
// and the splitter may only take bytes away from a JPEG, never add or invent.
#include "engine/image/iccprofile.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pixelmill::iccProfileProblem(data, size);
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const pixelmill::SeparatedJpegProfile separated = pixelmill::separateJpegIccProfile(bytes);
    if (qsizetype(separated.profile.size()) + separated.withoutProfile.size() > bytes.size())
        std::abort();
    if (!bytes.startsWith("\xff\xd8") && (separated.withoutProfile != bytes || !separated.profile.empty()))
        std::abort();
    if (separated.profile.empty() && !bytes.contains("ICC_PROFILE") && separated.withoutProfile != bytes)
        std::abort();
    if (!separated.profile.empty())
        pixelmill::iccProfileProblem(separated.profile.data(), separated.profile.size());
    return 0;
}

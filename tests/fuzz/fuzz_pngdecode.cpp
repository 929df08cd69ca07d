// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// libFuzzer target, differential: whatever the fast PNG path decodes, OpenCV
// (libpng) must decode to exactly the same pixels; everything else must be
// left to OpenCV (an empty result), never crash.
#include "engine/image/pngdecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const cv::Mat fast = pixelmill::decodePngFast(bytes, 4'000'000);
    if (fast.empty())
        return 0;
    const cv::Mat raw(1, int(size), CV_8U, const_cast<uint8_t *>(data));
    cv::Mat reference;
    try {
        reference = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &) {
    }
    if (reference.empty() || reference.type() != fast.type() || reference.size() != fast.size()
        || cv::norm(reference, fast, cv::NORM_INF) != 0.0)
        std::abort();
    return 0;
}

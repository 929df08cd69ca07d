// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Built as a loadable module, the only Pixelmill code linked to imgcodecs.
#include "engine/image/opencvcodectable.h"

#include <opencv2/imgcodecs.hpp>

namespace {

cv::Mat decode(const cv::Mat &raw, int flags)
{
    return cv::imdecode(raw, flags);
}

bool encode(const std::string &extension, const cv::Mat &image, const std::vector<int> &params,
            std::vector<uchar> &bytes)
{
    return cv::imencode(extension, image, bytes, params);
}

const pixelmill::OpenCvCodecTable table {pixelmill::kOpenCvCodecTableVersion, &decode, &encode};

} // namespace

extern "C" __attribute__((visibility("default"))) const pixelmill::OpenCvCodecTable *pixelmill_opencv_codecs()
{
    return &table;
}

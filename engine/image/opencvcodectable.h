// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Shared by the engine and the OpenCV codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace pixelmill {

/// The module's entry table; its layout is fixed by `version`.
struct OpenCvCodecTable
{
    int version;
    cv::Mat (*decode)(const cv::Mat &raw, int flags);
    bool (*encode)(const std::string &extension, const cv::Mat &image, const std::vector<int> &params,
                   std::vector<uchar> &bytes);
    bool (*heifImageSize)(const cv::Mat &raw, cv::Size &size, std::string &error);
    cv::Mat (*heifDecode)(const cv::Mat &raw, std::string &error);
    bool (*heifMetadata)(const cv::Mat &raw, std::vector<uchar> &exif, std::vector<uchar> &icc, std::string &error);
    bool (*jxlImageSize)(const cv::Mat &raw, cv::Size &size, std::string &error);
    cv::Mat (*jxlDecode)(const cv::Mat &raw, std::string &error);
    bool (*rawImageSize)(const cv::Mat &raw, cv::Size &size, std::string &error);
    cv::Mat (*rawDecode)(const cv::Mat &raw, bool halfSize, std::string &warning, std::string &error);
    cv::Mat (*cmykTiffInks)(const cv::Mat &raw, std::vector<uchar> &icc, std::string &error);
    cv::Mat (*tiffDecode)(const cv::Mat &raw, std::string &warning, std::string &error);
    bool (*tiffEncode)(const cv::Mat &image, int compression, std::vector<uchar> &bytes, std::string &error);
};

constexpr int kOpenCvCodecTableVersion = 8;

} // namespace pixelmill

extern "C" {
/// The one symbol the module exports.
using PixelmillOpenCvCodecsEntry = const pixelmill::OpenCvCodecTable *(*)();
}

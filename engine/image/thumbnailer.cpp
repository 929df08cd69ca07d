// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/thumbnailer.h"

#include "engine/image/areashrink.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace pixelmill {

QImage toQImage(const cv::Mat &mat)
{
    if (mat.empty())
        return {};
    cv::Mat eight = mat;
    if (mat.depth() != CV_8U)
        mat.convertTo(eight, CV_8U, 255.0 / 65535.0);
    switch (eight.channels()) {
    case 1:
        return QImage(eight.data, eight.cols, eight.rows, int(eight.step), QImage::Format_Grayscale8)
            .copy();
    case 3: {
        cv::Mat rgb;
        cv::cvtColor(eight, rgb, cv::COLOR_BGR2RGB);
        return QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
    }
    case 4: {
        cv::Mat rgba;
        cv::cvtColor(eight, rgba, cv::COLOR_BGRA2RGBA);
        return QImage(rgba.data, rgba.cols, rgba.rows, int(rgba.step), QImage::Format_RGBA8888)
            .copy();
    }
    default:
        return {};
    }
}

QImage makeThumbnail(const cv::Mat &image, int maxEdge)
{
    if (image.empty())
        return {};
    const int longEdge = std::max(image.cols, image.rows);
    if (longEdge <= maxEdge)
        return toQImage(image);
    const double f = double(maxEdge) / longEdge;
    const cv::Size size(std::max(1, int(std::lround(image.cols * f))),
                        std::max(1, int(std::lround(image.rows * f))));
    cv::Mat small;
    resizeByArea(image, size, small);
    return toQImage(small);
}

} // namespace pixelmill

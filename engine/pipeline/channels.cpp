// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/channels.h"

#include <opencv2/imgproc.hpp>

#include <QColor>

namespace pixelmill {

double depthMax(int depth)
{
    return depth == CV_16U ? 65535.0 : 255.0;
}

cv::Mat applyToColorChannels(const cv::Mat &in, const std::function<cv::Mat(const cv::Mat &)> &fn)
{
    if (in.channels() != 4)
        return fn(in);
    cv::Mat bgr;
    cv::Mat alpha;
    cv::Mat parts[] = {bgr, alpha};
    int toBgr[] = {0, 0, 1, 1, 2, 2};
    bgr.create(in.size(), CV_MAKETYPE(in.depth(), 3));
    alpha.create(in.size(), CV_MAKETYPE(in.depth(), 1));
    cv::mixChannels(&in, 1, &bgr, 1, toBgr, 3);
    int toAlpha[] = {3, 0};
    cv::mixChannels(&in, 1, &alpha, 1, toAlpha, 1);
    const cv::Mat processed = fn(bgr);
    cv::Mat out(in.size(), in.type());
    const cv::Mat sources[] = {processed, alpha};
    int back[] = {0, 0, 1, 1, 2, 2, 3, 3};
    cv::mixChannels(sources, 2, &out, 1, back, 4);
    return out;
}

cv::Mat luminance(const cv::Mat &image)
{
    if (image.channels() == 1)
        return image;
    cv::Mat grey;
    cv::cvtColor(image, grey, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return grey;
}

cv::Mat grey8Like(const cv::Mat &grey8, const cv::Mat &like)
{
    cv::Mat out;
    grey8.convertTo(out, like.depth(), depthMax(like.depth()) / 255.0);
    if (like.channels() == 3)
        cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
    return out;
}

cv::Scalar colorScalar(const QString &color, int channels, int depth)
{
    const QColor c = QColor::fromString(color);
    const double scale = depthMax(depth) / 255.0;
    const double r = c.red() * scale;
    const double g = c.green() * scale;
    const double b = c.blue() * scale;
    const double a = c.alpha() * scale;
    if (channels == 1)
        return cv::Scalar(0.114 * b + 0.587 * g + 0.299 * r);
    return cv::Scalar(b, g, r, a);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/anchor.h"

#include "engine/pipeline/channels.h"

#include <opencv2/imgproc.hpp>

#include <QColor>

namespace pixelmill {

const QStringList &anchorNames()
{
    static const QStringList names = {
        QStringLiteral("top_left"),    QStringLiteral("top"),    QStringLiteral("top_right"),
        QStringLiteral("left"),        QStringLiteral("center"), QStringLiteral("right"),
        QStringLiteral("bottom_left"), QStringLiteral("bottom"), QStringLiteral("bottom_right"),
    };
    return names;
}

cv::Point anchoredOrigin(const QString &anchor, cv::Size canvas, cv::Size box, int margin)
{
    const int index = std::max<qsizetype>(0, anchorNames().indexOf(anchor));
    const int column = index % 3;
    const int row = index / 3;
    const int x = column == 0 ? margin : column == 1 ? (canvas.width - box.width) / 2 : canvas.width - box.width - margin;
    const int y = row == 0 ? margin : row == 1 ? (canvas.height - box.height) / 2 : canvas.height - box.height - margin;
    return {x, y};
}

void blendOverlay(cv::Mat &image, const cv::Mat &overlay, cv::Point origin, double opacity)
{
    const cv::Rect target = cv::Rect(origin, overlay.size()) & cv::Rect(0, 0, image.cols, image.rows);
    if (target.empty())
        return;
    const cv::Mat part = overlay(cv::Rect(target.tl() - origin, target.size()));
    const double max = depthMax(image.depth());
    std::vector<cv::Mat> over;
    cv::split(part, over);
    cv::Mat weight;
    over[3].convertTo(weight, CV_32F, opacity / 255.0);
    cv::Mat region = image(target);
    cv::Mat f;
    region.convertTo(f, CV_32F);
    std::vector<cv::Mat> planes;
    cv::split(f, planes);
    cv::Mat grey;
    if (planes.size() < 3) {
        cv::Mat bgr;
        cv::merge(std::vector<cv::Mat>{over[0], over[1], over[2]}, bgr);
        cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    }
    for (size_t i = 0; i < std::min<size_t>(planes.size(), 3); ++i) {
        cv::Mat source;
        (planes.size() < 3 ? grey : over[i]).convertTo(source, CV_32F, max / 255.0);
        planes[i] = planes[i].mul(1.0 - weight) + source.mul(weight);
    }
    if (planes.size() == 4)
        planes[3] = cv::max(planes[3], weight * max);
    cv::merge(planes, f);
    f.convertTo(region, image.depth());
}

void blendColourThroughMask(cv::Mat &image, const cv::Mat &mask, cv::Point origin, const QString &colour,
                            double opacity)
{
    const cv::Rect target = cv::Rect(origin, mask.size()) & cv::Rect(0, 0, image.cols, image.rows);
    if (target.empty())
        return;
    const cv::Mat coverage8 = mask(cv::Rect(target.tl() - origin, target.size()));
    const QColor c = QColor::fromString(colour);
    const double max = depthMax(image.depth());
    const double alpha = opacity * c.alphaF();
    const double bgr[] = {c.blueF() * max, c.greenF() * max, c.redF() * max};
    const double grey = (0.114 * c.blueF() + 0.587 * c.greenF() + 0.299 * c.redF()) * max;
    cv::Mat region = image(target);
    cv::Mat f;
    region.convertTo(f, CV_32F);
    cv::Mat weight;
    coverage8.convertTo(weight, CV_32F, alpha / 255.0);
    std::vector<cv::Mat> planes;
    cv::split(f, planes);
    const int colourPlanes = planes.size() >= 3 ? 3 : 1;
    for (int i = 0; i < colourPlanes; ++i) {
        const double value = colourPlanes == 1 ? grey : bgr[i];
        planes[size_t(i)] = planes[size_t(i)].mul(1.0 - weight) + weight * value;
    }
    if (planes.size() == 4) // the mark is opaque where drawn, even on transparent pixels
        planes[3] = cv::max(planes[3], weight * max);
    cv::merge(planes, f);
    f.convertTo(region, image.depth());
}

} // namespace pixelmill

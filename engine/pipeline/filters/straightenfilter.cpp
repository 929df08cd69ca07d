// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace pixelmill {

namespace {

class StraightenFilter final : public FilterBase
{
public:
    StraightenFilter()
        : FilterBase(QStringLiteral("straighten"), QStringLiteral("Straighten"), QStringLiteral("Geometry"),
            QStringLiteral("Levels a tilted horizon: rotates by a small angle and crops to the largest "
                           "upright rectangle of the same aspect ratio, so no corner is left empty."),
            {ParamSpec::real(QStringLiteral("angle"), QStringLiteral("Angle"), 0.0, -45.0, 45.0, 0.1,
                QStringLiteral("°"), QStringLiteral("Clockwise correction."))})
    {
    }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &p) const override
    {
        return innerSize(in, p.value(QStringLiteral("angle")).toDouble());
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double angle = p.value(QStringLiteral("angle")).toDouble();
        if (angle == 0)
            return in;
        const cv::Size inner = innerSize(in.size(), angle);
        // Rotate about the centre straight into the cropped frame.
        cv::Mat m = cv::getRotationMatrix2D(cv::Point2f((in.cols - 1) / 2.0f, (in.rows - 1) / 2.0f), -angle, 1.0);
        m.at<double>(0, 2) -= (in.cols - inner.width) / 2.0;
        m.at<double>(1, 2) -= (in.rows - inner.height) / 2.0;
        cv::Mat out;
        cv::warpAffine(in, out, m, inner, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
        return out;
    }

private:
    // The largest axis-aligned rectangle of the input's aspect ratio inside the rotated image.
    static cv::Size innerSize(cv::Size in, double degrees)
    {
        const double a = std::abs(degrees) * CV_PI / 180.0;
        const double w = in.width;
        const double h = in.height;
        const double scale = std::min(w / (w * std::cos(a) + h * std::sin(a)), h / (w * std::sin(a) + h * std::cos(a)));
        return {std::max(1, int(std::floor(w * scale))), std::max(1, int(std::floor(h * scale)))};
    }
};

} // namespace

std::unique_ptr<Filter> makeStraightenFilter()
{
    return std::make_unique<StraightenFilter>();
}

} // namespace pixelmill

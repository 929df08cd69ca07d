// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace pixelmill {

namespace {

class RotateFilter final : public FilterBase
{
public:
    RotateFilter()
        : FilterBase(QStringLiteral("rotate"), QStringLiteral("Rotate"), QStringLiteral("Geometry"),
            QStringLiteral("Rotates clockwise. Multiples of 90° are lossless pixel moves; other angles are "
                           "interpolated and the uncovered corners filled with the background colour."),
            {
                ParamSpec::real(QStringLiteral("angle"), QStringLiteral("Angle"), 90.0, -360.0, 360.0, 0.1,
                    QStringLiteral("°"), QStringLiteral("Clockwise rotation.")),
                ParamSpec::color(QStringLiteral("background"), QStringLiteral("Background"),
                    QStringLiteral("#ffffff"),
                    QStringLiteral("Fill for uncovered corners; its alpha is used only "
                                   "for images with an alpha channel.")),
                ParamSpec::boolean(QStringLiteral("expand"), QStringLiteral("Expand canvas"), true,
                    QStringLiteral("Grow the canvas so no corner is cut off.")),
            })
    { }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &p) const override
    {
        const double angle = normalizedAngle(p);
        if (angle == 0 || angle == 180)
            return in;
        if (angle == 90 || angle == 270)
            return cv::Size(in.height, in.width);
        if (!p.value(QStringLiteral("expand")).toBool())
            return in;
        const double radians = angle * CV_PI / 180.0;
        const double c = std::abs(std::cos(radians));
        const double s = std::abs(std::sin(radians));
        // The epsilon keeps 44.9999... from rounding a pixel up.
        return cv::Size(int(std::ceil(in.width * c + in.height * s - 1e-6)),
            int(std::ceil(in.width * s + in.height * c - 1e-6)));
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double angle = normalizedAngle(p);
        cv::Mat out;
        if (angle == 0)
            return in;
        if (angle == 90) {
            cv::rotate(in, out, cv::ROTATE_90_CLOCKWISE);
            return out;
        }
        if (angle == 180) {
            cv::rotate(in, out, cv::ROTATE_180);
            return out;
        }
        if (angle == 270) {
            cv::rotate(in, out, cv::ROTATE_90_COUNTERCLOCKWISE);
            return out;
        }
        const cv::Point2f centre((in.cols - 1) / 2.0f, (in.rows - 1) / 2.0f);
        // OpenCV measures angles counter-clockwise; ours are clockwise.
        cv::Mat m = cv::getRotationMatrix2D(centre, -angle, 1.0);
        cv::Size size = in.size();
        if (p.value(QStringLiteral("expand")).toBool()) {
            size = *outputSize(in.size(), p);
            m.at<double>(0, 2) += (size.width - in.cols) / 2.0;
            m.at<double>(1, 2) += (size.height - in.rows) / 2.0;
        }
        cv::Scalar fill
            = colorScalar(p.value(QStringLiteral("background")).toString(), in.channels(), in.depth());
        cv::warpAffine(in, out, m, size, cv::INTER_CUBIC, cv::BORDER_CONSTANT, fill);
        return out;
    }

private:
    static double normalizedAngle(const QVariantMap &p)
    {
        double a = std::fmod(p.value(QStringLiteral("angle")).toDouble(), 360.0);
        if (a < 0)
            a += 360.0;
        return a;
    }
};

} // namespace

std::unique_ptr<Filter> makeRotateFilter()
{
    return std::make_unique<RotateFilter>();
}

} // namespace pixelmill

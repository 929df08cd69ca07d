// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class TrimFilter final : public FilterBase
{
public:
    TrimFilter()
        : FilterBase(QStringLiteral("trim"), QStringLiteral("Trim borders"), QStringLiteral("Geometry"),
            QStringLiteral("Cuts away uniform borders: rows and columns at the edges whose every pixel is "
                           "within the tolerance of the top-left corner's colour."),
            {ParamSpec::real(QStringLiteral("tolerance"), QStringLiteral("Tolerance"), 5.0, 0.0, 100.0, 0.5,
                QStringLiteral("%"), QStringLiteral("How far from the border colour a pixel may be."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double tolerance = p.value(QStringLiteral("tolerance")).toDouble() / 100.0 * depthMax(in.depth());
        cv::Mat f;
        in.convertTo(f, CV_32F);
        const cv::Scalar corner = cv::mean(f(cv::Rect(0, 0, 1, 1)));
        cv::Mat difference;
        cv::absdiff(f, corner, difference);
        // A pixel differs when any channel does.
        cv::Mat perPixel = difference.reshape(1, int(difference.total()));
        cv::Mat maxima;
        cv::reduce(perPixel, maxima, 1, cv::REDUCE_MAX);
        const cv::Mat content = maxima.reshape(1, in.rows) > tolerance;
        if (cv::countNonZero(content) == 0)
            return in; // all border: keep the image rather than return nothing
        const cv::Rect box = cv::boundingRect(content);
        return in(box).clone();
    }
};

} // namespace

std::unique_ptr<Filter> makeTrimFilter()
{
    return std::make_unique<TrimFilter>();
}

} // namespace pixelmill

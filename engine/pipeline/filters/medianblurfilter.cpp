// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class MedianBlurFilter final : public SizePreservingFilter
{
public:
    MedianBlurFilter()
        : SizePreservingFilter(QStringLiteral("median_blur"), QStringLiteral("Median blur"), QStringLiteral("Detail"),
            QStringLiteral("Replaces each pixel by the median of its neighbourhood: removes specks while "
                           "keeping edges. 16-bit images above radius 2 use repeated 5×5 passes."),
            {ParamSpec::integer(QStringLiteral("radius"), QStringLiteral("Radius"), 2, 1, 20, QStringLiteral("px"),
                QStringLiteral("Neighbourhood is (2·radius+1)² pixels."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &cancel) const override
    {
        const int radius = p.value(QStringLiteral("radius")).toInt();
        cv::Mat out;
        if (in.depth() == CV_8U || radius <= 2) {
            cv::medianBlur(in, out, 2 * radius + 1);
            return out;
        }
        // OpenCV's 16-bit median stops at 5×5; never write into the caller's image.
        cv::medianBlur(in, out, 5);
        for (int done = 2; done < radius && !cancel.isCanceled(); done += 2) {
            cv::Mat next;
            cv::medianBlur(out, next, 5);
            out = next;
        }
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeMedianBlurFilter()
{
    return std::make_unique<MedianBlurFilter>();
}

} // namespace pixelmill

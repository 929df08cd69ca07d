// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class BoxBlurFilter final : public SizePreservingFilter
{
public:
    BoxBlurFilter()
        : SizePreservingFilter(QStringLiteral("box_blur"), QStringLiteral("Box blur"), QStringLiteral("Detail"),
            QStringLiteral("Mean of a square neighbourhood; every channel, alpha included."),
            {ParamSpec::integer(QStringLiteral("radius"), QStringLiteral("Radius"), 2, 1, 100, QStringLiteral("px"),
                QStringLiteral("The box is (2·radius+1) pixels wide."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const int size = 2 * p.value(QStringLiteral("radius")).toInt() + 1;
        cv::Mat out;
        cv::blur(in, out, cv::Size(size, size), cv::Point(-1, -1), cv::BORDER_REFLECT_101);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeBoxBlurFilter()
{
    return std::make_unique<BoxBlurFilter>();
}

} // namespace pixelmill

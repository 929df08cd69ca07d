// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class GaussianBlurFilter final : public SizePreservingFilter
{
public:
    GaussianBlurFilter()
        : SizePreservingFilter(QStringLiteral("gaussian_blur"), QStringLiteral("Gaussian blur"),
            QStringLiteral("Detail"),
            QStringLiteral("Smooths every channel, alpha included, so soft edges stay soft."),
            {
                ParamSpec::real(QStringLiteral("sigma"), QStringLiteral("Radius (sigma)"), 2.0, 0.1, 100.0,
                    0.1, QStringLiteral("px"), QStringLiteral("Standard deviation of the Gaussian.")),
            })
    { }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double sigma = p.value(QStringLiteral("sigma")).toDouble();
        cv::Mat out;
        cv::GaussianBlur(in, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT_101);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeGaussianBlurFilter()
{
    return std::make_unique<GaussianBlurFilter>();
}

} // namespace pixelmill

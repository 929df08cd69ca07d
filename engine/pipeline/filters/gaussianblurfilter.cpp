// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class GaussianBlurFilter final : public Filter
{
public:
    GaussianBlurFilter()
    {
        m_descriptor.id = QStringLiteral("gaussian_blur");
        m_descriptor.displayName = QStringLiteral("Gaussian blur");
        m_descriptor.category = QStringLiteral("Detail");
        m_descriptor.description = QStringLiteral(
            "Smooths every channel, alpha included, so soft edges stay soft.");
        m_descriptor.params = {
            ParamSpec::real(QStringLiteral("sigma"), QStringLiteral("Radius (sigma)"), 2.0, 0.1,
                            100.0, 0.1, QStringLiteral("px"),
                            QStringLiteral("Standard deviation of the Gaussian.")),
        };
    }

    const FilterDescriptor &descriptor() const override { return m_descriptor; }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &) const override
    {
        return in;
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double sigma = p.value(QStringLiteral("sigma")).toDouble();
        cv::Mat out;
        cv::GaussianBlur(in, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT_101);
        return out;
    }

private:
    FilterDescriptor m_descriptor;
};

} // namespace

std::unique_ptr<Filter> makeGaussianBlurFilter()
{
    return std::make_unique<GaussianBlurFilter>();
}

} // namespace pixelmill

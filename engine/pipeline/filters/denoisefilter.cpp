// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/photo.hpp>

namespace pixelmill {

namespace {

class DenoiseFilter final : public SizePreservingFilter
{
public:
    DenoiseFilter()
        : SizePreservingFilter(QStringLiteral("denoise"), QStringLiteral("Denoise (non-local means)"),
            QStringLiteral("Detail"),
            QStringLiteral("Removes sensor noise by averaging similar patches across the image. Slow on "
                           "large images; alpha is kept."),
            {ParamSpec::real(QStringLiteral("strength"), QStringLiteral("Strength"), 5.0, 1.0, 30.0, 0.5, {},
                QStringLiteral("Higher removes more noise and more fine detail."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const float h = float(p.value(QStringLiteral("strength")).toDouble());
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat out;
            if (colour.depth() == CV_8U && colour.channels() == 3) {
                cv::fastNlMeansDenoisingColored(colour, out, h, h, 7, 21);
                return out;
            }
            if (colour.depth() == CV_8U) {
                cv::fastNlMeansDenoising(colour, out, h, 7, 21);
                return out;
            }
            // 16-bit: per channel with the L1 norm, the only one OpenCV takes at that depth.
            std::vector<cv::Mat> planes;
            cv::split(colour, planes);
            const std::vector<float> strength{h * 257.0f};
            for (cv::Mat &plane : planes) {
                cv::Mat cleaned;
                cv::fastNlMeansDenoising(plane, cleaned, strength, 7, 21, cv::NORM_L1);
                plane = cleaned;
            }
            cv::merge(planes, out);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeDenoiseFilter()
{
    return std::make_unique<DenoiseFilter>();
}

} // namespace pixelmill

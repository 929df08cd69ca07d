// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class UnsharpMaskFilter final : public SizePreservingFilter
{
public:
    UnsharpMaskFilter()
        : SizePreservingFilter(QStringLiteral("unsharp_mask"), QStringLiteral("Sharpen (unsharp mask)"),
            QStringLiteral("Detail"),
            QStringLiteral("out = in + amount·(in − blur(in)) on the colour channels; differences below the "
                           "threshold are left alone so flat areas do not get noisy."),
            {
                ParamSpec::real(QStringLiteral("sigma"), QStringLiteral("Radius (sigma)"), 1.0, 0.1, 50.0,
                    0.1, QStringLiteral("px"), QStringLiteral("Size of the details to enhance.")),
                ParamSpec::real(QStringLiteral("amount"), QStringLiteral("Amount"), 0.5, 0.0, 10.0, 0.1, {},
                    QStringLiteral("Strength; 0.5 is mild, 2 is strong.")),
                ParamSpec::real(QStringLiteral("threshold"), QStringLiteral("Threshold"), 0.0, 0.0, 100.0,
                    0.5, QStringLiteral("%"),
                    QStringLiteral("Smallest difference to sharpen, as a share of the "
                                   "full range.")),
            })
    { }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double sigma = p.value(QStringLiteral("sigma")).toDouble();
        const double amount = p.value(QStringLiteral("amount")).toDouble();
        const double threshold
            = p.value(QStringLiteral("threshold")).toDouble() / 100.0 * depthMax(in.depth());
        if (amount == 0)
            return in;
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat blurred;
            cv::GaussianBlur(colour, blurred, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT_101);
            cv::Mat out;
            cv::addWeighted(colour, 1.0 + amount, blurred, -amount, 0.0, out);
            if (threshold > 0) {
                cv::Mat difference;
                cv::absdiff(colour, blurred, difference);
                cv::Mat keep;
                cv::compare(difference, cv::Scalar::all(threshold), keep, cv::CMP_LT);
                colour.copyTo(out, keep);
            }
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeUnsharpMaskFilter()
{
    return std::make_unique<UnsharpMaskFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class BilateralFilter final : public SizePreservingFilter
{
public:
    BilateralFilter()
        : SizePreservingFilter(QStringLiteral("bilateral"), QStringLiteral("Bilateral smoothing"),
            QStringLiteral("Detail"),
            QStringLiteral("Edge-preserving smoothing: averages only pixels that are both near and similar "
                           "in colour. Alpha is kept."),
            {ParamSpec::integer(QStringLiteral("radius"), QStringLiteral("Radius"), 4, 1, 25, QStringLiteral("px"),
                 QStringLiteral("Neighbourhood radius.")),
                ParamSpec::real(QStringLiteral("similarity"), QStringLiteral("Colour tolerance"), 10.0, 1.0, 100.0,
                    1.0, QStringLiteral("%"), QStringLiteral("How different colours may be and still be averaged."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const int radius = p.value(QStringLiteral("radius")).toInt();
        const double sigmaColour = p.value(QStringLiteral("similarity")).toDouble() / 100.0;
        const double max = depthMax(in.depth());
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            // bilateralFilter takes 8-bit or float; float keeps 16-bit precision.
            cv::Mat f;
            colour.convertTo(f, CV_32F, 1.0 / max);
            cv::Mat smoothed;
            cv::bilateralFilter(f, smoothed, 2 * radius + 1, sigmaColour, radius / 2.0 + 0.5);
            cv::Mat out;
            smoothed.convertTo(out, colour.depth(), max);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeBilateralFilter()
{
    return std::make_unique<BilateralFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class SepiaFilter final : public SizePreservingFilter
{
public:
    SepiaFilter()
        : SizePreservingFilter(QStringLiteral("sepia"), QStringLiteral("Sepia"), QStringLiteral("Colour"),
            QStringLiteral("Warm brown toning (the classic sepia matrix), blended with the original by "
                           "strength. Grey images become colour."),
            {ParamSpec::real(QStringLiteral("strength"), QStringLiteral("Strength"), 100.0, 0.0, 100.0, 1.0,
                QStringLiteral("%"), QStringLiteral("0 leaves the image unchanged."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const float s = float(p.value(QStringLiteral("strength")).toDouble() / 100.0);
        cv::Mat colourIn = in;
        if (in.channels() == 1)
            cv::cvtColor(in, colourIn, cv::COLOR_GRAY2BGR);
        // Rows produce B, G, R from B, G, R; blended with identity by strength.
        const cv::Matx33f sepia(0.131f, 0.534f, 0.272f, 0.168f, 0.686f, 0.349f, 0.189f, 0.769f, 0.393f);
        const cv::Matx33f mix = sepia * s + cv::Matx33f::eye() * (1.0f - s);
        return applyToColorChannels(colourIn, [&](const cv::Mat &colour) {
            cv::Mat out;
            cv::transform(colour, out, mix);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeSepiaFilter()
{
    return std::make_unique<SepiaFilter>();
}

} // namespace pixelmill

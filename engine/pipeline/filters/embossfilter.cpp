// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class EmbossFilter final : public SizePreservingFilter
{
public:
    EmbossFilter()
        : SizePreservingFilter(QStringLiteral("emboss"), QStringLiteral("Emboss"), QStringLiteral("Detail"),
            QStringLiteral("Relief effect: a directional gradient on mid-grey, lit from the top left."),
            {ParamSpec::real(QStringLiteral("strength"), QStringLiteral("Strength"), 1.0, 0.1, 5.0, 0.1, {},
                QStringLiteral("Height of the relief."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const float s = float(p.value(QStringLiteral("strength")).toDouble());
        const cv::Matx33f kernel(-2 * s, -s, 0, -s, 0, s, 0, s, 2 * s);
        const double max = depthMax(in.depth());
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat f;
            colour.convertTo(f, CV_32F);
            cv::Mat relief;
            cv::filter2D(f, relief, CV_32F, cv::Mat(kernel), cv::Point(-1, -1), (max + 1) / 2.0,
                         cv::BORDER_REFLECT_101);
            cv::Mat out;
            relief.convertTo(out, colour.depth());
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeEmbossFilter()
{
    return std::make_unique<EmbossFilter>();
}

} // namespace pixelmill

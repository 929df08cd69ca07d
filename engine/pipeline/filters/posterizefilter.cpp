// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

namespace pixelmill {

namespace {

class PosterizeFilter final : public SizePreservingFilter
{
public:
    PosterizeFilter()
        : SizePreservingFilter(QStringLiteral("posterize"), QStringLiteral("Posterize"), QStringLiteral("Colour"),
            QStringLiteral("Reduces every colour channel to a few evenly spaced levels."),
            {ParamSpec::integer(QStringLiteral("levels"), QStringLiteral("Levels"), 4, 2, 64, {},
                QStringLiteral("Tones per channel, black and white included."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const int levels = p.value(QStringLiteral("levels")).toInt();
        const double max = depthMax(in.depth());
        const double step = max / (levels - 1);
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat levelsIndex; // convertTo rounds to the nearest level
            colour.convertTo(levelsIndex, CV_32S, 1.0 / step);
            cv::Mat out;
            levelsIndex.convertTo(out, colour.depth(), step);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makePosterizeFilter()
{
    return std::make_unique<PosterizeFilter>();
}

} // namespace pixelmill

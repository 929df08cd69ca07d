// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

namespace pixelmill {

namespace {

class BrightnessContrastFilter final : public SizePreservingFilter
{
public:
    BrightnessContrastFilter()
        : SizePreservingFilter(QStringLiteral("brightness_contrast"), QStringLiteral("Brightness / contrast"),
            QStringLiteral("Colour"),
            QStringLiteral("Linear tone change around mid-grey: contrast scales, brightness shifts. Alpha is "
                           "left alone."),
            {
                ParamSpec::real(QStringLiteral("brightness"), QStringLiteral("Brightness"), 0.0, -100.0,
                    100.0, 1.0, QStringLiteral("%"),
                    QStringLiteral("Shift by this share of the full range.")),
                ParamSpec::real(QStringLiteral("contrast"), QStringLiteral("Contrast"), 0.0, -100.0, 100.0,
                    1.0, QStringLiteral("%"),
                    QStringLiteral("-100 gives flat grey, 0 no change, 100 doubles the "
                                   "distance from mid-grey.")),
            })
    { }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double brightness = p.value(QStringLiteral("brightness")).toDouble();
        const double contrast = p.value(QStringLiteral("contrast")).toDouble();
        if (brightness == 0 && contrast == 0)
            return in;
        const double max = depthMax(in.depth());
        const double gain = (100.0 + contrast) / 100.0;
        const double mid = (max + 1) / 2.0;
        const double offset = mid * (1.0 - gain) + brightness / 100.0 * max;
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat out;
            colour.convertTo(out, -1, gain, offset);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeBrightnessContrastFilter()
{
    return std::make_unique<BrightnessContrastFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/core.hpp>

namespace pixelmill {

namespace {

class ColorTemperatureFilter final : public SizePreservingFilter
{
public:
    ColorTemperatureFilter()
        : SizePreservingFilter(QStringLiteral("color_temperature"), QStringLiteral("Colour temperature"),
            QStringLiteral("Colour"),
            QStringLiteral("White-balance style shift: warmer (more red, less blue) or cooler, and a "
                           "green–magenta tint, as per-channel gains."),
            {ParamSpec::real(QStringLiteral("temperature"), QStringLiteral("Temperature"), 0.0, -100.0, 100.0,
                 1.0, {}, QStringLiteral("Positive warms, negative cools.")),
                ParamSpec::real(QStringLiteral("tint"), QStringLiteral("Tint"), 0.0, -100.0, 100.0, 1.0, {},
                    QStringLiteral("Positive adds magenta, negative adds green."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double t = p.value(QStringLiteral("temperature")).toDouble() / 100.0 * 0.3;
        const double tint = p.value(QStringLiteral("tint")).toDouble() / 100.0 * 0.2;
        if ((t == 0 && tint == 0) || in.channels() == 1)
            return in;
        const cv::Matx33f gains(float(1.0 - t), 0, 0, 0, float(1.0 - tint), 0, 0, 0, float(1.0 + t));
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat out;
            cv::transform(colour, out, gains);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeColorTemperatureFilter()
{
    return std::make_unique<ColorTemperatureFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"

namespace pixelmill {

namespace {

class BrightnessContrastFilter final : public Filter
{
public:
    BrightnessContrastFilter()
    {
        m_descriptor.id = QStringLiteral("brightness_contrast");
        m_descriptor.displayName = QStringLiteral("Brightness / contrast");
        m_descriptor.category = QStringLiteral("Colour");
        m_descriptor.description = QStringLiteral(
            "Linear tone change around mid-grey: contrast scales, brightness shifts. Alpha is "
            "left alone.");
        m_descriptor.params = {
            ParamSpec::real(QStringLiteral("brightness"), QStringLiteral("Brightness"), 0.0,
                            -100.0, 100.0, 1.0, QStringLiteral("%"),
                            QStringLiteral("Shift by this share of the full range.")),
            ParamSpec::real(QStringLiteral("contrast"), QStringLiteral("Contrast"), 0.0, -100.0,
                            100.0, 1.0, QStringLiteral("%"),
                            QStringLiteral("-100 gives flat grey, 0 no change, 100 doubles the "
                                           "distance from mid-grey.")),
        };
    }

    const FilterDescriptor &descriptor() const override { return m_descriptor; }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &) const override
    {
        return in;
    }

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

private:
    FilterDescriptor m_descriptor;
};

} // namespace

std::unique_ptr<Filter> makeBrightnessContrastFilter()
{
    return std::make_unique<BrightnessContrastFilter>();
}

} // namespace pixelmill

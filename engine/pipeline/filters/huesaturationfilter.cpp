// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class HueSaturationFilter final : public SizePreservingFilter
{
public:
    HueSaturationFilter()
        : SizePreservingFilter(QStringLiteral("hue_saturation"), QStringLiteral("Hue / saturation / lightness"),
            QStringLiteral("Colour"),
            QStringLiteral("Rotates hue, scales saturation and shifts lightness in HLS space, at full "
                           "precision for 16-bit images. Grey images only take the lightness change."),
            {ParamSpec::real(QStringLiteral("hue"), QStringLiteral("Hue"), 0.0, -180.0, 180.0, 1.0,
                 QStringLiteral("°"), QStringLiteral("Rotation of the colour wheel.")),
                ParamSpec::real(QStringLiteral("saturation"), QStringLiteral("Saturation"), 0.0, -100.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("-100 removes all colour; 100 doubles it.")),
                ParamSpec::real(QStringLiteral("lightness"), QStringLiteral("Lightness"), 0.0, -100.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Shift towards black (negative) or white (positive)."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const float hue = float(p.value(QStringLiteral("hue")).toDouble());
        const float saturation = float(1.0 + p.value(QStringLiteral("saturation")).toDouble() / 100.0);
        const float lightness = float(p.value(QStringLiteral("lightness")).toDouble() / 100.0);
        if (hue == 0 && saturation == 1 && lightness == 0)
            return in;
        const double max = depthMax(in.depth());
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat f;
            colour.convertTo(f, CV_32F, 1.0 / max);
            if (f.channels() == 1) {
                shiftLightness(f, lightness);
            } else {
                cv::Mat hls;
                cv::cvtColor(f, hls, cv::COLOR_BGR2HLS); // float: H 0..360, L and S 0..1
                std::vector<cv::Mat> planes;
                cv::split(hls, planes);
                cv::Mat &h = planes[0];
                h += hue;
                cv::add(h, 360.0, h, h < 0);
                cv::subtract(h, 360.0, h, h >= 360);
                shiftLightness(planes[1], lightness);
                planes[2] = cv::min(planes[2] * saturation, 1.0);
                cv::merge(planes, hls);
                cv::cvtColor(hls, f, cv::COLOR_HLS2BGR);
            }
            cv::Mat out;
            f.convertTo(out, colour.depth(), max);
            return out;
        });
    }

private:
    static void shiftLightness(cv::Mat &l, float amount)
    {
        if (amount > 0)
            l = l + (1.0f - l) * amount;
        else if (amount < 0)
            l = l * (1.0f + amount);
    }
};

} // namespace

std::unique_ptr<Filter> makeHueSaturationFilter()
{
    return std::make_unique<HueSaturationFilter>();
}

} // namespace pixelmill

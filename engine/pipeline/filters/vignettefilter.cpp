// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <algorithm>
#include <cmath>

namespace pixelmill {

namespace {

class VignetteFilter final : public SizePreservingFilter
{
public:
    VignetteFilter()
        : SizePreservingFilter(QStringLiteral("vignette"), QStringLiteral("Vignette"), QStringLiteral("Detail"),
            QStringLiteral("Darkens towards the corners with a smooth radial falloff; alpha is kept."),
            {ParamSpec::real(QStringLiteral("strength"), QStringLiteral("Strength"), 50.0, 0.0, 100.0, 1.0,
                 QStringLiteral("%"), QStringLiteral("Darkening in the far corners.")),
                ParamSpec::real(QStringLiteral("radius"), QStringLiteral("Start"), 50.0, 0.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Distance from the centre where darkening begins."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const float strength = float(p.value(QStringLiteral("strength")).toDouble() / 100.0);
        const float start = float(p.value(QStringLiteral("radius")).toDouble() / 100.0);
        // Gain per pixel from the normalised distance to the centre (corner = 1).
        cv::Mat gain(in.size(), CV_32F);
        const float cx = (in.cols - 1) / 2.0f;
        const float cy = (in.rows - 1) / 2.0f;
        const float corner = std::max(1.0f, std::hypot(cx, cy));
        for (int y = 0; y < in.rows; ++y) {
            float *row = gain.ptr<float>(y);
            for (int x = 0; x < in.cols; ++x) {
                const float d = std::hypot(x - cx, y - cy) / corner;
                const float t = start >= 1.0f ? 0.0f : std::clamp((d - start) / (1.0f - start), 0.0f, 1.0f);
                row[x] = 1.0f - strength * t * t * (3.0f - 2.0f * t); // smoothstep
            }
        }
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat f;
            colour.convertTo(f, CV_32F);
            cv::Mat gains = gain;
            if (colour.channels() == 3)
                cv::merge(std::vector<cv::Mat>{gain, gain, gain}, gains);
            cv::Mat out;
            cv::Mat(f.mul(gains)).convertTo(out, colour.depth());
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeVignetteFilter()
{
    return std::make_unique<VignetteFilter>();
}

} // namespace pixelmill

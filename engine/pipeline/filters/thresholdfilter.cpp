// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class ThresholdFilter final : public SizePreservingFilter
{
public:
    ThresholdFilter()
        : SizePreservingFilter(QStringLiteral("threshold"), QStringLiteral("Threshold"), QStringLiteral("Colour"),
            QStringLiteral("Black and white from luminance: a fixed level, or Otsu's automatic one. Alpha "
                           "is kept."),
            {ParamSpec::choice(QStringLiteral("mode"), QStringLiteral("Mode"),
                 {QStringLiteral("fixed"), QStringLiteral("otsu")}, QStringLiteral("fixed"),
                 QStringLiteral("otsu picks the level that best separates dark and light.")),
                ParamSpec::real(QStringLiteral("level"), QStringLiteral("Level"), 50.0, 0.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Luminance above this becomes white (mode fixed)."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const bool otsu = p.value(QStringLiteral("mode")).toString() == QLatin1String("otsu");
        const double max = depthMax(in.depth());
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            const cv::Mat grey = luminance(colour);
            cv::Mat grey8 = grey;
            if (grey.depth() != CV_8U)
                grey.convertTo(grey8, CV_8U, 255.0 / max);
            cv::Mat binary;
            if (otsu) {
                cv::threshold(grey8, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
            } else {
                // Compare at full depth so 16-bit levels are exact.
                cv::threshold(grey, binary, p.value(QStringLiteral("level")).toDouble() / 100.0 * max, max,
                              cv::THRESH_BINARY);
                binary.convertTo(binary, CV_8U, 255.0 / max);
            }
            return grey8Like(binary, colour);
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeThresholdFilter()
{
    return std::make_unique<ThresholdFilter>();
}

} // namespace pixelmill

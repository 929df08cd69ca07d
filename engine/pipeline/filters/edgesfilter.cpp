// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class EdgesFilter final : public SizePreservingFilter
{
public:
    EdgesFilter()
        : SizePreservingFilter(QStringLiteral("edges"), QStringLiteral("Edge detection"), QStringLiteral("Detail"),
            QStringLiteral("White edges on black: Canny (thin, binary) or Sobel (gradient strength). Colour "
                           "images become grey; alpha is kept."),
            {ParamSpec::choice(QStringLiteral("method"), QStringLiteral("Method"),
                 {QStringLiteral("canny"), QStringLiteral("sobel")}, QStringLiteral("canny"),
                 QStringLiteral("canny: thin binary lines; sobel: soft gradient magnitude.")),
                ParamSpec::real(QStringLiteral("low"), QStringLiteral("Low threshold"), 10.0, 0.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Canny: weaker edges connected to strong ones are kept.")),
                ParamSpec::real(QStringLiteral("high"), QStringLiteral("High threshold"), 30.0, 0.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Canny: gradients above this start an edge."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const bool canny = p.value(QStringLiteral("method")).toString() == QLatin1String("canny");
        const double max = depthMax(in.depth());
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat grey8;
            luminance(colour).convertTo(grey8, CV_8U, 255.0 / max);
            cv::Mat edges8;
            if (canny) {
                // Canny works on 8-bit; thresholds are shares of the largest Sobel response.
                const double low = p.value(QStringLiteral("low")).toDouble() / 100.0 * 1020.0;
                const double high = p.value(QStringLiteral("high")).toDouble() / 100.0 * 1020.0;
                cv::Canny(grey8, edges8, std::min(low, high), std::max(low, high));
            } else {
                cv::Mat gx;
                cv::Mat gy;
                cv::Sobel(grey8, gx, CV_32F, 1, 0);
                cv::Sobel(grey8, gy, CV_32F, 0, 1);
                cv::Mat magnitude;
                cv::magnitude(gx, gy, magnitude);
                magnitude.convertTo(edges8, CV_8U, 255.0 / 1442.0);
            }
            return grey8Like(edges8, colour);
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeEdgesFilter()
{
    return std::make_unique<EdgesFilter>();
}

} // namespace pixelmill

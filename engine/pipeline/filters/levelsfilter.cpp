// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"
#include "engine/pipeline/filtererror.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace pixelmill {

namespace {

class LevelsFilter final : public SizePreservingFilter
{
public:
    LevelsFilter()
        : SizePreservingFilter(QStringLiteral("levels"), QStringLiteral("Levels"), QStringLiteral("Colour"),
            QStringLiteral("Maps the black point to black and the white point to white, with a mid-tone "
                           "gamma. Auto finds the points from the image (ignoring the darkest and "
                           "brightest clip %)."),
            {ParamSpec::boolean(QStringLiteral("auto"), QStringLiteral("Automatic"), false,
                 QStringLiteral("Stretch the image's own luminance range.")),
                ParamSpec::real(QStringLiteral("clip"), QStringLiteral("Clip"), 0.5, 0.0, 10.0, 0.1,
                    QStringLiteral("%"), QStringLiteral("Share of pixels allowed to clip at each end (auto).")),
                ParamSpec::real(QStringLiteral("black"), QStringLiteral("Black point"), 0.0, 0.0, 99.0, 0.5,
                    QStringLiteral("%"), QStringLiteral("Input level that becomes black.")),
                ParamSpec::real(QStringLiteral("white"), QStringLiteral("White point"), 100.0, 1.0, 100.0, 0.5,
                    QStringLiteral("%"), QStringLiteral("Input level that becomes white.")),
                ParamSpec::real(QStringLiteral("gamma"), QStringLiteral("Mid-tones"), 1.0, 0.1, 10.0, 0.05, {},
                    QStringLiteral("Above 1 brightens the mid-tones."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double max = depthMax(in.depth());
        double black = p.value(QStringLiteral("black")).toDouble() / 100.0 * max;
        double white = p.value(QStringLiteral("white")).toDouble() / 100.0 * max;
        if (p.value(QStringLiteral("auto")).toBool())
            autoPoints(in, p.value(QStringLiteral("clip")).toDouble() / 100.0, black, white);
        if (white <= black)
            throw FilterError(QStringLiteral("levels: the white point must be above the black point"));
        const double exponent = 1.0 / p.value(QStringLiteral("gamma")).toDouble();
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat f;
            colour.convertTo(f, CV_32F, 1.0 / (white - black), -black / (white - black));
            f = cv::max(cv::min(f, 1.0), 0.0);
            if (exponent != 1.0)
                cv::pow(f, exponent, f);
            cv::Mat out;
            f.convertTo(out, colour.depth(), max);
            return out;
        });
    }

private:
    // Luminance percentiles from a 256-bin histogram.
    static void autoPoints(const cv::Mat &in, double clip, double &black, double &white)
    {
        const double max = depthMax(in.depth());
        cv::Mat grey8;
        luminance(in).convertTo(grey8, CV_8U, 255.0 / max);
        cv::Mat hist;
        const int channels[] = {0};
        const int bins[] = {256};
        const float range[] = {0, 256};
        const float *ranges[] = {range};
        cv::calcHist(&grey8, 1, channels, cv::Mat(), hist, 1, bins, ranges);
        const double limit = clip * double(grey8.total());
        double sum = 0;
        int low = 0;
        while (low < 255 && (sum += hist.at<float>(low)) <= limit)
            ++low;
        sum = 0;
        int high = 255;
        while (high > 0 && (sum += hist.at<float>(high)) <= limit)
            --high;
        if (high <= low)
            return; // a flat image: leave it alone
        black = low / 255.0 * max;
        white = (high + 1) / 256.0 * max;
    }
};

} // namespace

std::unique_ptr<Filter> makeLevelsFilter()
{
    return std::make_unique<LevelsFilter>();
}

} // namespace pixelmill

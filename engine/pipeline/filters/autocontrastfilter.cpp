// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class AutoContrastFilter final : public SizePreservingFilter
{
public:
    AutoContrastFilter()
        : SizePreservingFilter(QStringLiteral("auto_contrast"), QStringLiteral("Auto contrast (CLAHE)"),
            QStringLiteral("Colour"),
            QStringLiteral("Contrast-limited adaptive histogram equalisation of the luma channel: local "
                           "contrast without shifting colours."),
            {ParamSpec::real(QStringLiteral("clip_limit"), QStringLiteral("Strength"), 2.0, 1.0, 10.0, 0.1, {},
                 QStringLiteral("Contrast limit per tile; 2 is gentle, 5 strong.")),
                ParamSpec::integer(QStringLiteral("tiles"), QStringLiteral("Tiles"), 8, 2, 32, {},
                    QStringLiteral("Grid size: more tiles adapt to smaller areas."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const int tiles = p.value(QStringLiteral("tiles")).toInt();
        cv::Ptr<cv::CLAHE> clahe =
            cv::createCLAHE(p.value(QStringLiteral("clip_limit")).toDouble(), cv::Size(tiles, tiles));
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat out;
            if (colour.channels() == 1) {
                clahe->apply(colour, out);
                return out;
            }
            // YCrCb works at 16 bits too (Lab would not), and CLAHE takes 16-bit single channels.
            cv::Mat ycc;
            cv::cvtColor(colour, ycc, cv::COLOR_BGR2YCrCb);
            std::vector<cv::Mat> planes;
            cv::split(ycc, planes);
            clahe->apply(planes[0], planes[0]);
            cv::merge(planes, ycc);
            cv::cvtColor(ycc, out, cv::COLOR_YCrCb2BGR);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeAutoContrastFilter()
{
    return std::make_unique<AutoContrastFilter>();
}

} // namespace pixelmill

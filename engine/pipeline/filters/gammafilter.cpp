// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <vector>

namespace pixelmill {

namespace {

class GammaFilter final : public SizePreservingFilter
{
public:
    GammaFilter()
        : SizePreservingFilter(QStringLiteral("gamma"), QStringLiteral("Gamma"), QStringLiteral("Colour"),
            QStringLiteral(
                "out = in^(1/gamma) on the colour channels: above 1 brightens the mid-tones, below "
                "1 darkens them (the ImageMagick -gamma convention)."),
            {
                ParamSpec::real(QStringLiteral("gamma"), QStringLiteral("Gamma"), 1.0, 0.1, 10.0, 0.05, {},
                    QStringLiteral("1 leaves the image unchanged.")),
            })
    { }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const double gamma = p.value(QStringLiteral("gamma")).toDouble();
        if (gamma == 1.0)
            return in;
        const double exponent = 1.0 / gamma;
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            return colour.depth() == CV_8U ? apply8(colour, exponent) : apply16(colour, exponent);
        });
    }

private:
    static cv::Mat apply8(const cv::Mat &in, double exponent)
    {
        cv::Mat lut(1, 256, CV_8U);
        for (int i = 0; i < 256; ++i)
            lut.at<uchar>(i) = cv::saturate_cast<uchar>(std::pow(i / 255.0, exponent) * 255.0);
        cv::Mat out;
        cv::LUT(in, lut, out);
        return out;
    }

    static cv::Mat apply16(const cv::Mat &in, double exponent)
    {
        // cv::LUT only takes 8-bit input, so 16-bit gets its own table walk.
        std::vector<ushort> lut(65536);
        for (int i = 0; i < 65536; ++i)
            lut[i] = cv::saturate_cast<ushort>(std::pow(i / 65535.0, exponent) * 65535.0);
        cv::Mat out(in.size(), in.type());
        const int samplesPerRow = in.cols * in.channels();
        for (int y = 0; y < in.rows; ++y) {
            const ushort *src = in.ptr<ushort>(y);
            ushort *dst = out.ptr<ushort>(y);
            for (int x = 0; x < samplesPerRow; ++x)
                dst[x] = lut[src[x]];
        }
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeGammaFilter()
{
    return std::make_unique<GammaFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

class GrayscaleFilter final : public SizePreservingFilter
{
public:
    GrayscaleFilter()
        : SizePreservingFilter(QStringLiteral("grayscale"), QStringLiteral("Grayscale"),
            QStringLiteral("Colour"),
            QStringLiteral("Converts to luminance (Rec. 601 weights). Colour images become single-channel, "
                           "which makes later steps and the encoder faster; images with alpha keep it "
                           "(grey stored in all three colour channels)."))
    { }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &, const CancelToken &) const override
    {
        cv::Mat grey;
        if (in.channels() == 1)
            return in;
        if (in.channels() == 3) {
            cv::cvtColor(in, grey, cv::COLOR_BGR2GRAY);
            return grey;
        }
        cv::cvtColor(in, grey, cv::COLOR_BGRA2GRAY);
        cv::Mat out(in.size(), in.type());
        const cv::Mat sources[] = {grey, in};
        int pairs[] = {0, 0, 0, 1, 0, 2, 4, 3}; // grey -> B,G,R; source alpha (index 1+3) -> A
        cv::mixChannels(sources, 2, &out, 1, pairs, 4);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeGrayscaleFilter()
{
    return std::make_unique<GrayscaleFilter>();
}

} // namespace pixelmill

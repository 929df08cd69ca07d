// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

namespace pixelmill {

namespace {

class InvertFilter final : public SizePreservingFilter
{
public:
    InvertFilter()
        : SizePreservingFilter(QStringLiteral("invert"), QStringLiteral("Invert"), QStringLiteral("Colour"),
            QStringLiteral("Negative of the colour channels; alpha is kept."))
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &, const CancelToken &) const override
    {
        return applyToColorChannels(in, [](const cv::Mat &colour) {
            cv::Mat out;
            cv::subtract(cv::Scalar::all(depthMax(colour.depth())), colour, out);
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeInvertFilter()
{
    return std::make_unique<InvertFilter>();
}

} // namespace pixelmill

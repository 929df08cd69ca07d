// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

namespace pixelmill {

namespace {

class FlipFilter final : public SizePreservingFilter
{
public:
    FlipFilter()
        : SizePreservingFilter(QStringLiteral("flip"), QStringLiteral("Flip"), QStringLiteral("Geometry"),
            QStringLiteral("Mirrors the image."),
            {
                ParamSpec::choice(QStringLiteral("direction"), QStringLiteral("Direction"),
                    {QStringLiteral("horizontal"), QStringLiteral("vertical"), QStringLiteral("both")},
                    QStringLiteral("horizontal"),
                    QStringLiteral("horizontal swaps left and right; vertical swaps top "
                                   "and bottom.")),
            })
    { }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const QString d = p.value(QStringLiteral("direction")).toString();
        const int code = d == QLatin1String("horizontal") ? 1 : d == QLatin1String("vertical") ? 0 : -1;
        cv::Mat out;
        cv::flip(in, out, code);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeFlipFilter()
{
    return std::make_unique<FlipFilter>();
}

} // namespace pixelmill

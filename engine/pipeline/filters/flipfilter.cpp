// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"

namespace pixelmill {

namespace {

class FlipFilter final : public Filter
{
public:
    FlipFilter()
    {
        m_descriptor.id = QStringLiteral("flip");
        m_descriptor.displayName = QStringLiteral("Flip");
        m_descriptor.category = QStringLiteral("Geometry");
        m_descriptor.description = QStringLiteral("Mirrors the image.");
        m_descriptor.params = {
            ParamSpec::choice(QStringLiteral("direction"), QStringLiteral("Direction"),
                              {QStringLiteral("horizontal"), QStringLiteral("vertical"),
                               QStringLiteral("both")},
                              QStringLiteral("horizontal"),
                              QStringLiteral("horizontal swaps left and right; vertical swaps top "
                                             "and bottom.")),
        };
    }

    const FilterDescriptor &descriptor() const override { return m_descriptor; }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &) const override
    {
        return in;
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const QString d = p.value(QStringLiteral("direction")).toString();
        const int code = d == QLatin1String("horizontal") ? 1 : d == QLatin1String("vertical") ? 0 : -1;
        cv::Mat out;
        cv::flip(in, out, code);
        return out;
    }

private:
    FilterDescriptor m_descriptor;
};

} // namespace

std::unique_ptr<Filter> makeFlipFilter()
{
    return std::make_unique<FlipFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/areashrink.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace pixelmill {

namespace {

constexpr int kMaxEdge = 65535;

int interpolationFlag(const QString &name)
{
    if (name == QLatin1String("nearest"))
        return cv::INTER_NEAREST;
    if (name == QLatin1String("linear"))
        return cv::INTER_LINEAR;
    if (name == QLatin1String("cubic"))
        return cv::INTER_CUBIC;
    if (name == QLatin1String("lanczos"))
        return cv::INTER_LANCZOS4;
    return cv::INTER_AREA;
}

int scaled(int length, double factor)
{
    return std::clamp(static_cast<int>(std::lround(length * factor)), 1, kMaxEdge);
}

class ResizeFilter final : public FilterBase
{
public:
    ResizeFilter()
        : FilterBase(QStringLiteral("resize"), QStringLiteral("Resize"), QStringLiteral("Geometry"),
            QStringLiteral(
                "Scales the image: to a long edge, a width, a height, a percentage, to fit in a box, "
                "or to an exact size."),
            {
                ParamSpec::choice(QStringLiteral("mode"), QStringLiteral("Mode"),
                    {QStringLiteral("long_edge"), QStringLiteral("width"), QStringLiteral("height"),
                        QStringLiteral("percent"), QStringLiteral("fit"), QStringLiteral("exact")},
                    QStringLiteral("long_edge"),
                    QStringLiteral("What the size refers to. Inferred from the sizes "
                                   "given when left out.")),
                ParamSpec::integer(QStringLiteral("long_edge"), QStringLiteral("Long edge"), 1920, 1,
                    kMaxEdge, QStringLiteral("px"),
                    QStringLiteral("Length of the longer side (mode long_edge)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("long_edge")}),
                ParamSpec::integer(QStringLiteral("width"), QStringLiteral("Width"), 1920, 1, kMaxEdge,
                    QStringLiteral("px"), QStringLiteral("Target width (modes width, fit, exact)."))
                    .onlyWith(QStringLiteral("mode"),
                        {QStringLiteral("width"), QStringLiteral("fit"), QStringLiteral("exact")}),
                ParamSpec::integer(QStringLiteral("height"), QStringLiteral("Height"), 1080, 1, kMaxEdge,
                    QStringLiteral("px"), QStringLiteral("Target height (modes height, fit, exact)."))
                    .onlyWith(QStringLiteral("mode"),
                        {QStringLiteral("height"), QStringLiteral("fit"), QStringLiteral("exact")}),
                ParamSpec::real(QStringLiteral("percent"), QStringLiteral("Scale"), 50.0, 0.1, 1000.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Scale factor (mode percent)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("percent")}),
                ParamSpec::choice(QStringLiteral("interpolation"), QStringLiteral("Interpolation"),
                    {QStringLiteral("area"), QStringLiteral("linear"), QStringLiteral("cubic"),
                        QStringLiteral("lanczos"), QStringLiteral("nearest")},
                    QStringLiteral("area"),
                    QStringLiteral("area is best for shrinking; cubic or lanczos for "
                                   "enlarging.")),
                ParamSpec::boolean(QStringLiteral("enlarge"), QStringLiteral("Allow enlarging"), false,
                    QStringLiteral("When off, images already smaller than the target "
                                   "are left at their size.")),
            })
    { }

    QVariantMap inferParams(const QVariantMap &given) const override
    {
        if (given.contains(QStringLiteral("mode")))
            return given;
        QVariantMap out = given;
        const bool w = given.contains(QStringLiteral("width"));
        const bool h = given.contains(QStringLiteral("height"));
        if (given.contains(QStringLiteral("percent")))
            out.insert(QStringLiteral("mode"), QStringLiteral("percent"));
        else if (given.contains(QStringLiteral("long_edge")))
            out.insert(QStringLiteral("mode"), QStringLiteral("long_edge"));
        else if (w && h)
            out.insert(QStringLiteral("mode"), QStringLiteral("fit"));
        else if (w)
            out.insert(QStringLiteral("mode"), QStringLiteral("width"));
        else if (h)
            out.insert(QStringLiteral("mode"), QStringLiteral("height"));
        return out;
    }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &p) const override
    {
        const QString mode = p.value(QStringLiteral("mode")).toString();
        const bool enlarge = p.value(QStringLiteral("enlarge")).toBool();
        const int width = p.value(QStringLiteral("width")).toInt();
        const int height = p.value(QStringLiteral("height")).toInt();
        if (mode == QLatin1String("exact")) {
            if (enlarge)
                return cv::Size(width, height);
            return cv::Size(std::min(width, in.width), std::min(height, in.height));
        }
        double factor = 1.0;
        if (mode == QLatin1String("long_edge"))
            factor = p.value(QStringLiteral("long_edge")).toDouble() / std::max(in.width, in.height);
        else if (mode == QLatin1String("width"))
            factor = double(width) / in.width;
        else if (mode == QLatin1String("height"))
            factor = double(height) / in.height;
        else if (mode == QLatin1String("percent"))
            factor = p.value(QStringLiteral("percent")).toDouble() / 100.0;
        else if (mode == QLatin1String("fit"))
            factor = std::min(double(width) / in.width, double(height) / in.height);
        if (factor >= 1.0 && !enlarge)
            return in;
        return cv::Size(scaled(in.width, factor), scaled(in.height, factor));
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const cv::Size target = *outputSize(in.size(), p);
        if (target == in.size())
            return in;
        int flag = interpolationFlag(p.value(QStringLiteral("interpolation")).toString());
        // INTER_AREA only averages when shrinking; enlarging with it is plain bilinear.
        cv::Mat out;
        if (flag == cv::INTER_AREA)
            resizeByArea(in, target, out);
        else
            cv::resize(in, out, target, 0, 0, flag);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeResizeFilter()
{
    return std::make_unique<ResizeFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"
#include "engine/pipeline/filtererror.h"

#include <algorithm>
#include <cmath>

namespace pixelmill {

namespace {

class CropFilter final : public FilterBase
{
public:
    CropFilter()
        : FilterBase(QStringLiteral("crop"), QStringLiteral("Crop"), QStringLiteral("Geometry"),
            QStringLiteral(
                "Cuts a rectangle out of the image, or the largest centred area of an aspect ratio."),
            {
                ParamSpec::choice(QStringLiteral("mode"), QStringLiteral("Mode"),
                    {QStringLiteral("aspect"), QStringLiteral("rect")}, QStringLiteral("aspect"),
                    QStringLiteral("aspect: centred crop to a ratio; rect: a pixel "
                                   "rectangle (clipped to the image).")),
                ParamSpec::integer(QStringLiteral("aspect_w"), QStringLiteral("Aspect width"), 1, 1, 10000,
                    {}, QStringLiteral("Ratio width, e.g. 16 in 16:9."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("aspect")}),
                ParamSpec::integer(QStringLiteral("aspect_h"), QStringLiteral("Aspect height"), 1, 1, 10000,
                    {}, QStringLiteral("Ratio height, e.g. 9 in 16:9."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("aspect")}),
                ParamSpec::integer(QStringLiteral("x"), QStringLiteral("Left"), 0, 0, 65535,
                    QStringLiteral("px"), QStringLiteral("Left edge (mode rect)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("rect")}),
                ParamSpec::integer(QStringLiteral("y"), QStringLiteral("Top"), 0, 0, 65535,
                    QStringLiteral("px"), QStringLiteral("Top edge (mode rect)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("rect")}),
                ParamSpec::integer(QStringLiteral("width"), QStringLiteral("Width"), 1000, 1, 65535,
                    QStringLiteral("px"), QStringLiteral("Width (mode rect)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("rect")}),
                ParamSpec::integer(QStringLiteral("height"), QStringLiteral("Height"), 1000, 1, 65535,
                    QStringLiteral("px"), QStringLiteral("Height (mode rect)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("rect")}),
            })
    { }

    QVariantMap inferParams(const QVariantMap &given) const override
    {
        QVariantMap out = given;
        if (!given.contains(QStringLiteral("mode"))
            && (given.contains(QStringLiteral("x")) || given.contains(QStringLiteral("y"))
                || given.contains(QStringLiteral("width")) || given.contains(QStringLiteral("height"))))
            out.insert(QStringLiteral("mode"), QStringLiteral("rect"));
        return out;
    }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &p) const override
    {
        return rectFor(in, p).size();
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const cv::Rect r = rectFor(in.size(), p);
        if (r.empty())
            throw FilterError(QStringLiteral("crop: rectangle %1,%2 %3×%4 lies outside the %5×%6 image")
                                  .arg(p.value(QStringLiteral("x")).toInt())
                                  .arg(p.value(QStringLiteral("y")).toInt())
                                  .arg(p.value(QStringLiteral("width")).toInt())
                                  .arg(p.value(QStringLiteral("height")).toInt())
                                  .arg(in.cols)
                                  .arg(in.rows));
        return in(r).clone();
    }

private:
    static cv::Rect rectFor(cv::Size in, const QVariantMap &p)
    {
        if (p.value(QStringLiteral("mode")).toString() == QLatin1String("rect")) {
            const cv::Rect want(p.value(QStringLiteral("x")).toInt(), p.value(QStringLiteral("y")).toInt(),
                p.value(QStringLiteral("width")).toInt(), p.value(QStringLiteral("height")).toInt());
            return want & cv::Rect(0, 0, in.width, in.height);
        }
        const double ratio
            = p.value(QStringLiteral("aspect_w")).toDouble() / p.value(QStringLiteral("aspect_h")).toDouble();
        int w = in.width;
        int h = static_cast<int>(std::lround(w / ratio));
        if (h > in.height) {
            h = in.height;
            w = static_cast<int>(std::lround(h * ratio));
        }
        w = std::clamp(w, 1, in.width);
        h = std::clamp(h, 1, in.height);
        return {(in.width - w) / 2, (in.height - h) / 2, w, h};
    }
};

} // namespace

std::unique_ptr<Filter> makeCropFilter()
{
    return std::make_unique<CropFilter>();
}

} // namespace pixelmill

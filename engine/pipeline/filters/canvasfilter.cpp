// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/core.hpp>

#include <cmath>

namespace pixelmill {

namespace {

struct Margins
{
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;
};

class CanvasFilter final : public FilterBase
{
public:
    CanvasFilter()
        : FilterBase(QStringLiteral("canvas"), QStringLiteral("Canvas / border"), QStringLiteral("Geometry"),
            QStringLiteral("Adds margins in a colour: a fixed border on every side, or the padding that "
                           "brings the image to an aspect ratio (centred)."),
            {ParamSpec::choice(QStringLiteral("mode"), QStringLiteral("Mode"),
                 {QStringLiteral("border"), QStringLiteral("pad_to_aspect")}, QStringLiteral("border"),
                 QStringLiteral("border: same width on every side; pad_to_aspect: letterbox to a ratio.")),
                ParamSpec::integer(QStringLiteral("size"), QStringLiteral("Border"), 20, 0, 10000, QStringLiteral("px"),
                    QStringLiteral("Border width on each side (mode border)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("border")}),
                ParamSpec::integer(QStringLiteral("aspect_w"), QStringLiteral("Aspect width"), 1, 1, 10000, {},
                    QStringLiteral("Ratio width (mode pad_to_aspect)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("pad_to_aspect")}),
                ParamSpec::integer(QStringLiteral("aspect_h"), QStringLiteral("Aspect height"), 1, 1, 10000, {},
                    QStringLiteral("Ratio height (mode pad_to_aspect)."))
                    .onlyWith(QStringLiteral("mode"), {QStringLiteral("pad_to_aspect")}),
                ParamSpec::color(QStringLiteral("color"), QStringLiteral("Colour"), QStringLiteral("#ffffff"),
                    QStringLiteral("Fill colour; its alpha applies to images with an alpha channel."))})
    {
    }

    QVariantMap inferParams(const QVariantMap &given) const override
    {
        QVariantMap out = given;
        if (!given.contains(QStringLiteral("mode"))
            && (given.contains(QStringLiteral("aspect_w")) || given.contains(QStringLiteral("aspect_h"))))
            out.insert(QStringLiteral("mode"), QStringLiteral("pad_to_aspect"));
        return out;
    }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &p) const override
    {
        const Margins m = marginsFor(in, p);
        return cv::Size(in.width + m.left + m.right, in.height + m.top + m.bottom);
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const Margins m = marginsFor(in.size(), p);
        cv::Mat out;
        cv::copyMakeBorder(in, out, m.top, m.bottom, m.left, m.right, cv::BORDER_CONSTANT,
                           colorScalar(p.value(QStringLiteral("color")).toString(), in.channels(), in.depth()));
        return out;
    }

private:
    static Margins marginsFor(cv::Size in, const QVariantMap &p)
    {
        Margins m;
        if (p.value(QStringLiteral("mode")).toString() == QLatin1String("border")) {
            const int s = p.value(QStringLiteral("size")).toInt();
            return {s, s, s, s};
        }
        const double ratio = p.value(QStringLiteral("aspect_w")).toDouble() / p.value(QStringLiteral("aspect_h")).toDouble();
        if (double(in.width) / in.height < ratio) {
            const int extra = int(std::lround(in.height * ratio)) - in.width;
            m.left = extra / 2;
            m.right = extra - m.left;
        } else {
            const int extra = int(std::lround(in.width / ratio)) - in.height;
            m.top = extra / 2;
            m.bottom = extra - m.top;
        }
        return m;
    }
};

} // namespace

std::unique_ptr<Filter> makeCanvasFilter()
{
    return std::make_unique<CanvasFilter>();
}

} // namespace pixelmill

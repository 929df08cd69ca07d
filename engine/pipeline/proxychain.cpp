// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/proxychain.h"

#include "engine/export/nametemplate.h"

#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/filterregistry.h"

#include <algorithm>
#include <cmath>

namespace pixelmill {

FilterChain mapParams(const FilterChain &chain, const FilterRegistry &registry,
                      const std::function<std::optional<QVariant>(const ParamSpec &, const QVariant &)> &map)
{
    FilterChain out = chain;
    for (FilterStep &step : out) {
        const Filter *filter = registry.find(step.filterId);
        if (!filter)
            continue;
        for (const ParamSpec &spec : filter->descriptor().params) {
            if (!step.params.contains(spec.key))
                continue;
            if (const auto value = map(spec, step.params.value(spec.key)))
                step.params.insert(spec.key, *value);
        }
    }
    return out;
}

FilterChain scaledForProxy(const FilterChain &chain, const FilterRegistry &registry, double factor)
{
    return mapParams(chain, registry, [factor](const ParamSpec &spec, const QVariant &value) -> std::optional<QVariant> {
        if (spec.unit != QLatin1String("px"))
            return std::nullopt;
        const double scaled = std::clamp(value.toDouble() * factor, spec.minimum.toDouble(), spec.maximum.toDouble());
        if (spec.type == ParamType::Int)
            return int(std::lround(scaled));
        return scaled;
    });
}

FilterChain withTextTokens(const FilterChain &chain, const FilterRegistry &registry, const NameContext &context)
{
    return mapParams(chain, registry, [&context](const ParamSpec &spec, const QVariant &value) -> std::optional<QVariant> {
        if (spec.type != ParamType::Text)
            return std::nullopt;
        const auto text = NameTemplate::parseText(value.toString(), nullptr);
        return text ? std::optional<QVariant>(text->render(context)) : std::nullopt;
    });
}

cv::Mat runChain(const cv::Mat &image, const FilterChain &chain, const FilterRegistry &registry,
                 const CancelToken &cancel, QString *error)
{
    cv::Mat current = image;
    for (const FilterStep &step : chain) {
        if (!step.enabled || cancel.isCanceled())
            continue;
        const Filter *filter = registry.find(step.filterId);
        if (!filter) {
            if (error)
                *error = QStringLiteral("unknown filter '%1'").arg(step.filterId);
            return current;
        }
        try {
            current = filter->apply(current, step.params, cancel);
        } catch (const FilterError &e) {
            if (error)
                *error = e.message();
            return current;
        } catch (const cv::Exception &e) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(step.filterId, QString::fromStdString(e.msg));
            return current;
        }
    }
    return current;
}

} // namespace pixelmill

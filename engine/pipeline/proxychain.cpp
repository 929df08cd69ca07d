// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/proxychain.h"

#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/filterregistry.h"

#include <algorithm>
#include <cmath>

namespace pixelmill {

FilterChain scaledForProxy(const FilterChain &chain, const FilterRegistry &registry, double factor)
{
    FilterChain out = chain;
    for (FilterStep &step : out) {
        const Filter *filter = registry.find(step.filterId);
        if (!filter)
            continue;
        for (const ParamSpec &spec : filter->descriptor().params) {
            if (spec.unit != QLatin1String("px") || !step.params.contains(spec.key))
                continue;
            const double scaled = std::clamp(step.params.value(spec.key).toDouble() * factor,
                                             spec.minimum.toDouble(), spec.maximum.toDouble());
            if (spec.type == ParamType::Int)
                step.params.insert(spec.key, int(std::lround(std::max(scaled, spec.minimum.toDouble()))));
            else
                step.params.insert(spec.key, scaled);
        }
    }
    return out;
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

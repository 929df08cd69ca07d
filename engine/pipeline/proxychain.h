// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterstep.h"
#include "engine/pipeline/paramspec.h"
#include "engine/worker/canceltoken.h"

#include <opencv2/core.hpp>

#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

namespace pixelmill {

class FilterRegistry;
struct NameContext;

/// A copy of the chain with each present parameter passed through `map`
/// (nullopt keeps the value).
FilterChain mapParams(const FilterChain &chain, const FilterRegistry &registry,
                      const std::function<std::optional<QVariant>(const ParamSpec &, const QVariant &)> &map);

/// Text parameters (watermarks) with their naming tokens ({name}, {date:yyyy}, ...) filled in.
FilterChain withTextTokens(const FilterChain &chain, const FilterRegistry &registry, const NameContext &context);

/// The chain as it should run on a proxy `factor` times the full size: every
/// parameter measured in pixels (unit "px": sizes, offsets, radii) is scaled, so
/// a preview looks like the full-size result, only smaller.
FilterChain scaledForProxy(const FilterChain &chain, const FilterRegistry &registry, double factor);

/// Runs the enabled steps of a normalised chain on an image. Returns the error
/// of the first failing step in `error` (and the image as it was then).
cv::Mat runChain(const cv::Mat &image, const FilterChain &chain, const FilterRegistry &registry,
                 const CancelToken &cancel, QString *error);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterdescriptor.h"
#include "engine/worker/canceltoken.h"

#include <opencv2/core.hpp>

#include <QVariantMap>

#include <optional>

namespace pixelmill {

/// A stateless image operation. One instance serves every worker at once, so
/// implementations hold no mutable state. Thread-safe.
///
/// `apply()` receives parameters already normalised by FilterRegistry (every key
/// present, of the declared type, in range) and an image of depth CV_8U or CV_16U
/// with 1, 3 (BGR) or 4 (BGRA) channels; it returns the same depth and keeps an
/// alpha channel unless its descriptor says otherwise. It may throw FilterError.
class Filter
{
public:
    virtual ~Filter() = default;

    virtual const FilterDescriptor &descriptor() const = 0;
    virtual cv::Mat apply(const cv::Mat &in, const QVariantMap &params,
                          const CancelToken &cancel) const = 0;

    /// Lets a filter derive keys the user left out from those given (resize
    /// picks its mode from `width=`/`long_edge=`...). Runs before defaults are filled.
    virtual QVariantMap inferParams(const QVariantMap &given) const { return given; }

    /// Errors a type and range cannot express (a malformed curve, ...), found
    /// before the batch starts. Gets normalised parameters; "" when fine.
    virtual QString checkParams(const QVariantMap &params) const
    {
        Q_UNUSED(params);
        return {};
    }

    /// The output size for an input size, when known without pixels. Used to
    /// decode JPEGs at reduced size when a chain starts with a downscale.
    virtual std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &params) const
    {
        Q_UNUSED(in);
        Q_UNUSED(params);
        return std::nullopt;
    }
};

} // namespace pixelmill

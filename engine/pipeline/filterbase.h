// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filter.h"

namespace pixelmill {

/// Holds a filter's descriptor, so implementations only state what they are
/// and how they work.
class FilterBase : public Filter
{
public:
    FilterBase(const QString &id, const QString &displayName, const QString &category,
        const QString &description, const QList<ParamSpec> &params = {})
    {
        m_descriptor.id = id;
        m_descriptor.displayName = displayName;
        m_descriptor.category = category;
        m_descriptor.description = description;
        m_descriptor.params = params;
    }

    const FilterDescriptor &descriptor() const final { return m_descriptor; }

private:
    FilterDescriptor m_descriptor;
};

/// A filter whose output always has the input's size (tone, blur, flip, ...).
class SizePreservingFilter : public FilterBase
{
public:
    using FilterBase::FilterBase;

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &) const final { return in; }
};

} // namespace pixelmill

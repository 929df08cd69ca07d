// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filter.h"
#include "engine/pipeline/filterstep.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace pixelmill {

/// The result of validating a step or chain: the normalised value, or an error
/// that names the step, the key and what was expected.
template<typename T>
struct Normalized
{
    T value;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/// Owns the filters known to this process. Not a singleton: the app, the CLI and
/// each test build their own. Register everything before sharing it with
/// workers; after that it is read-only and thread-safe.
class FilterRegistry
{
public:
    FilterRegistry() = default;
    FilterRegistry(const FilterRegistry &) = delete;
    FilterRegistry &operator=(const FilterRegistry &) = delete;

    /// Registers a filter; a duplicate id replaces nothing and returns false.
    bool registerFilter(std::unique_ptr<Filter> filter);

    QList<FilterDescriptor> descriptors() const;
    const Filter *find(const QString &id) const;

    /// Fills defaults, converts types (strings from the command line, doubles
    /// from JSON), rejects unknown ids or keys and out-of-range values.
    Normalized<FilterStep> normalized(const FilterStep &step) const;
    Normalized<FilterChain> normalized(const FilterChain &chain) const;

private:
    std::vector<std::unique_ptr<Filter>> m_filters;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterstep.h"

#include <QString>

#include <optional>

namespace pixelmill {

/// Parses a command-line filter step, "id" or "id:key=value,key=value", into a
/// step with string values (FilterRegistry::normalized converts and checks
/// them). A value in double quotes may hold commas, with a backslash escaping a
/// quote or a backslash: curves:points="0,0 128,150 255,255". On a syntax error
/// returns nullopt and sets `error`.
std::optional<FilterStep> parseFilterSpec(const QString &spec, QString *error);

} // namespace pixelmill

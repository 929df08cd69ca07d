// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filterdescriptor.h"

#include <QJsonObject>

namespace pixelmill {

/// A descriptor as JSON (what `pixelmill-cli --list-filters --json` prints).
QJsonObject descriptorToJson(const FilterDescriptor &descriptor);

/// "1..65535 px", "one of: a, b", "true/false": the accepted values in words.
QString describeAcceptedValues(const ParamSpec &spec);

} // namespace pixelmill

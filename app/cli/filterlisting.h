// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>

namespace pixelmill {

class FilterRegistry;

/// `--list-filters`: every filter with its parameters, as text or JSON.
QByteArray filterListingText(const FilterRegistry &registry);
QByteArray filterListingJson(const FilterRegistry &registry);

} // namespace pixelmill

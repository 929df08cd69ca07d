// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/pipeline/filter.h"

#include <memory>

namespace pixelmill {

class FilterRegistry;

// One factory per built-in filter; each lives in pipeline/filters/<id>filter.cpp.
std::unique_ptr<Filter> makeResizeFilter();
std::unique_ptr<Filter> makeCropFilter();
std::unique_ptr<Filter> makeRotateFilter();
std::unique_ptr<Filter> makeFlipFilter();
std::unique_ptr<Filter> makeGrayscaleFilter();
std::unique_ptr<Filter> makeBrightnessContrastFilter();
std::unique_ptr<Filter> makeGammaFilter();
std::unique_ptr<Filter> makeGaussianBlurFilter();
std::unique_ptr<Filter> makeUnsharpMaskFilter();

/// Registers every built-in filter, in the order the UI lists them.
void registerBuiltinFilters(FilterRegistry &registry);

} // namespace pixelmill

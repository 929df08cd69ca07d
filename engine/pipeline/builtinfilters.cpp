// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"

#include "engine/pipeline/filterregistry.h"

namespace pixelmill {

void registerBuiltinFilters(FilterRegistry &registry)
{
    registry.registerFilter(makeResizeFilter());
    registry.registerFilter(makeCropFilter());
    registry.registerFilter(makeRotateFilter());
    registry.registerFilter(makeFlipFilter());
    registry.registerFilter(makeGrayscaleFilter());
    registry.registerFilter(makeBrightnessContrastFilter());
    registry.registerFilter(makeGammaFilter());
    registry.registerFilter(makeGaussianBlurFilter());
    registry.registerFilter(makeUnsharpMaskFilter());
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"

#include "engine/pipeline/filterregistry.h"

namespace pixelmill {

void registerBuiltinFilters(FilterRegistry &registry)
{
    // Geometry
    registry.registerFilter(makeResizeFilter());
    registry.registerFilter(makeCropFilter());
    registry.registerFilter(makeRotateFilter());
    registry.registerFilter(makeFlipFilter());
    registry.registerFilter(makeAutoOrientFilter());
    registry.registerFilter(makeStraightenFilter());
    registry.registerFilter(makeTrimFilter());
    registry.registerFilter(makeCanvasFilter());
    // Colour
    registry.registerFilter(makeGrayscaleFilter());
    registry.registerFilter(makeBrightnessContrastFilter());
    registry.registerFilter(makeGammaFilter());
    registry.registerFilter(makeLevelsFilter());
    registry.registerFilter(makeCurvesFilter());
    registry.registerFilter(makeChannelMixerFilter());
    registry.registerFilter(makeAutoContrastFilter());
    registry.registerFilter(makeHueSaturationFilter());
    registry.registerFilter(makeColorTemperatureFilter());
    registry.registerFilter(makeSepiaFilter());
    registry.registerFilter(makeInvertFilter());
    registry.registerFilter(makeThresholdFilter());
    registry.registerFilter(makePosterizeFilter());
    // Detail
    registry.registerFilter(makeGaussianBlurFilter());
    registry.registerFilter(makeUnsharpMaskFilter());
    registry.registerFilter(makeMedianBlurFilter());
    registry.registerFilter(makeBilateralFilter());
    registry.registerFilter(makeBoxBlurFilter());
    registry.registerFilter(makeDenoiseFilter());
    registry.registerFilter(makeEmbossFilter());
    registry.registerFilter(makeEdgesFilter());
    registry.registerFilter(makeVignetteFilter());
    // Overlay
    registry.registerFilter(makeTextWatermarkFilter());
    registry.registerFilter(makeImageWatermarkFilter());
}

} // namespace pixelmill

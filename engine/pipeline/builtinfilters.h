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
std::unique_ptr<Filter> makeAutoOrientFilter();
std::unique_ptr<Filter> makeTrimFilter();
std::unique_ptr<Filter> makeCanvasFilter();
std::unique_ptr<Filter> makeLevelsFilter();
std::unique_ptr<Filter> makeCurvesFilter();
std::unique_ptr<Filter> makeChannelMixerFilter();
std::unique_ptr<Filter> makeAutoContrastFilter();
std::unique_ptr<Filter> makeHueSaturationFilter();
std::unique_ptr<Filter> makeColorTemperatureFilter();
std::unique_ptr<Filter> makeSepiaFilter();
std::unique_ptr<Filter> makeInvertFilter();
std::unique_ptr<Filter> makeThresholdFilter();
std::unique_ptr<Filter> makePosterizeFilter();
std::unique_ptr<Filter> makeMedianBlurFilter();
std::unique_ptr<Filter> makeBilateralFilter();
std::unique_ptr<Filter> makeBoxBlurFilter();
std::unique_ptr<Filter> makeDenoiseFilter();
std::unique_ptr<Filter> makeEmbossFilter();
std::unique_ptr<Filter> makeEdgesFilter();
std::unique_ptr<Filter> makeVignetteFilter();
std::unique_ptr<Filter> makeTextWatermarkFilter();
std::unique_ptr<Filter> makeStraightenFilter();
std::unique_ptr<Filter> makeImageWatermarkFilter();

/// Registers every built-in filter, in the order the UI lists them.
void registerBuiltinFilters(FilterRegistry &registry);

} // namespace pixelmill

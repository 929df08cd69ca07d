// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"
#include "engine/pipeline/orientation.h"

namespace pixelmill {

namespace {

// Orientations 5..8 turn the image by a quarter: width and height swap.
bool swapsSides(int orientation)
{
    return orientation >= 5;
}

class AutoOrientFilter final : public FilterBase
{
public:
    AutoOrientFilter()
        : FilterBase(kAutoOrientId, QStringLiteral("Auto-orient"), QStringLiteral("Geometry"),
            QStringLiteral("Turns the image upright as its EXIF orientation says, at this point in the "
                           "chain. Without this step images are made upright when they are read; with "
                           "it, the steps before it see the pixels as the camera stored them. Outputs "
                           "are always tagged as upright."),
            {ParamSpec::integer(QStringLiteral("orientation"), QStringLiteral("Orientation"), 0, 0, 8, {},
                QStringLiteral("0 reads it from each image; 1–8 treats every image as having that EXIF "
                               "orientation (6: turned 90° clockwise to be upright)."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        // 0 left unresolved (no file behind the image) means no known turn.
        const int orientation = p.value(QStringLiteral("orientation")).toInt();
        return orientation <= 1 ? in.clone() : applyExifOrientation(in, orientation);
    }

    std::optional<cv::Size> outputSize(cv::Size in, const QVariantMap &p) const override
    {
        const int orientation = p.value(QStringLiteral("orientation")).toInt();
        if (orientation == 0)
            return std::nullopt; // depends on the file
        return swapsSides(orientation) ? cv::Size(in.height, in.width) : in;
    }
};

} // namespace

std::unique_ptr<Filter> makeAutoOrientFilter()
{
    return std::make_unique<AutoOrientFilter>();
}

} // namespace pixelmill

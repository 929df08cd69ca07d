// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/proxyloader.h"

#include "engine/image/areashrink.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace pixelmill {

DecodedImage loadProxy(const QString &path, int maxEdge, const DecodeOptions &options)
{
    QByteArray bytes;
    QString error;
    if (!readRegularFile(path, bytes, error, maxImageFileBytes(options.maxPixels))) {
        DecodedImage failed;
        failed.error = error;
        return failed;
    }
    ImageHeader header;
    error = probeHeader(bytes, header);
    if (!error.isEmpty()) {
        DecodedImage failed;
        failed.header = header;
        failed.error = error;
        return failed;
    }
    const cv::Size full = options.keepStoredOrientation ? header.storedSize : header.orientedSize;
    const double scale = std::min(1.0, double(maxEdge) / std::max(full.width, full.height));
    const cv::Size target(std::max(1, int(std::lround(full.width * scale))),
                          std::max(1, int(std::lround(full.height * scale))));
    DecodedImage decoded = decodeImage(bytes, header, options, target);
    if (!decoded.error.isEmpty() || decoded.image.size() == target)
        return decoded;
    cv::Mat small;
    resizeByArea(decoded.image, target, small);
    decoded.image = small;
    return decoded;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/proxyloader.h"

#include "engine/image/areashrink.h"
#include "engine/image/tiffdirectories.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace pixelmill {

namespace {

cv::Size fitting(cv::Size full, int maxEdge)
{
    const double scale = std::min(1.0, double(maxEdge) / std::max(full.width, full.height));
    return {std::max(1, int(std::lround(full.width * scale))), std::max(1, int(std::lround(full.height * scale)))};
}

// Shrinks what a decode left larger than `target`.
DecodedImage fitted(DecodedImage decoded, cv::Size target)
{
    if (!decoded.error.isEmpty() || decoded.image.size() == target)
        return decoded;
    cv::Mat small;
    resizeByArea(decoded.image, target, small);
    decoded.image = small;
    return decoded;
}

// A TIFF-structured RAW's largest embedded JPEG, upright and fitted; an error
// when it has none or one smaller than `maxEdge` (developing is then the only
// way to a sharp proxy).
DecodedImage cameraPreview(const QByteArray &raw, const ImageHeader &rawHeader, int maxEdge,
                           const DecodeOptions &options)
{
    DecodedImage failed;
    const TiffDirectories tiff(raw);
    const auto [offset, length] = tiff.largestJpeg();
    const QByteArray jpeg = offset < 0 ? QByteArray() : raw.mid(offset, length);
    ImageHeader header;
    failed.error = jpeg.isEmpty() ? QStringLiteral("the RAW holds no JPEG preview") : probeHeader(jpeg, header);
    if (!failed.error.isEmpty())
        return failed;
    if (header.format != "jpeg" || std::max(header.storedSize.width, header.storedSize.height) < maxEdge) {
        failed.error = QStringLiteral("the RAW's preview is too small");
        return failed;
    }
    DecodeOptions stored = options;
    stored.keepStoredOrientation = true; // the RAW's turn applies, not a tag inside the preview
    const cv::Size target = fitting(header.storedSize, maxEdge);
    DecodedImage preview = fitted(decodeImage(jpeg, header, stored, target), target);
    if (!preview.error.isEmpty())
        return preview;
    preview.image = applyExifOrientation(preview.image, tiff.orientation());
    preview.header = rawHeader;
    preview.fileBytes = raw.size();
    return preview;
}

} // namespace

DecodedImage loadProxy(const QString &path, int maxEdge, const DecodeOptions &options, RawProxy raw)
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
    if (raw == RawProxy::CameraPreviewWillDo && header.format == "raw" && !options.keepStoredOrientation) {
        if (DecodedImage preview = cameraPreview(bytes, header, maxEdge, options); preview.error.isEmpty())
            return preview;
    }
    const cv::Size target = fitting(options.keepStoredOrientation ? header.storedSize : header.orientedSize, maxEdge);
    return fitted(decodeImage(bytes, header, options, target), target);
}

} // namespace pixelmill

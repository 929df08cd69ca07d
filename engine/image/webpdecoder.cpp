// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/webpdecoder.h"

#include <webp/decode.h>

namespace pixelmill {

namespace {

QString statusText(VP8StatusCode status)
{
    switch (status) {
    case VP8_STATUS_OUT_OF_MEMORY:
        return QStringLiteral("out of memory decoding the WebP image");
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        return QStringLiteral("the WebP file uses a feature libwebp cannot decode");
    default:
        return QStringLiteral("the WEBP data is corrupt or truncated and could not be decoded");
    }
}

} // namespace

cv::Mat decodeWebp(const QByteArray &bytes, QString &error)
{
    const auto *data = reinterpret_cast<const uint8_t *>(bytes.constData());
    const size_t size = size_t(bytes.size());
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) {
        error = QStringLiteral("libwebp's decoder does not match its headers");
        return {};
    }
    VP8StatusCode status = WebPGetFeatures(data, size, &config.input);
    if (status != VP8_STATUS_OK) {
        error = statusText(status);
        return {};
    }
    if (config.input.has_animation) {
        error = QStringLiteral("animated WebP is not supported");
        return {};
    }
    cv::Mat image(config.input.height, config.input.width, config.input.has_alpha ? CV_8UC4 : CV_8UC3);
    config.output.colorspace = config.input.has_alpha ? MODE_BGRA : MODE_BGR;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = image.data;
    config.output.u.RGBA.stride = int(image.step);
    config.output.u.RGBA.size = image.step * size_t(image.rows);
    status = WebPDecode(data, size, &config);
    WebPFreeDecBuffer(&config.output);
    if (status != VP8_STATUS_OK) {
        error = statusText(status);
        return {};
    }
    return image;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/webpdecoder.h"

#include <webp/decode.h>
#include <webp/demux.h>

#include <memory>

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

struct AnimationDeleter
{
    void operator()(WebPAnimDecoder *decoder) const { WebPAnimDecoderDelete(decoder); }
};

// An animation's first frame as shown (its canvas, BGRA).
cv::Mat firstFrame(const QByteArray &bytes, QString &error, QStringList &warnings)
{
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) {
        error = QStringLiteral("libwebp's decoder does not match its headers");
        return {};
    }
    options.color_mode = MODE_BGRA;
    const WebPData data{reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size())};
    const std::unique_ptr<WebPAnimDecoder, AnimationDeleter> decoder(WebPAnimDecoderNew(&data, &options));
    WebPAnimInfo info;
    uint8_t *canvas = nullptr;
    int timestamp = 0;
    if (!decoder || !WebPAnimDecoderGetInfo(decoder.get(), &info)
        || !WebPAnimDecoderGetNext(decoder.get(), &canvas, &timestamp) || !canvas) {
        error = statusText(VP8_STATUS_BITSTREAM_ERROR);
        return {};
    }
    if (info.frame_count > 1)
        warnings << QStringLiteral("the WebP is an animation of %1 frames; only the first was processed")
                        .arg(info.frame_count);
    // The canvas belongs to the decoder.
    return cv::Mat(int(info.canvas_height), int(info.canvas_width), CV_8UC4, canvas).clone();
}

} // namespace

cv::Mat decodeWebp(const QByteArray &bytes, QString &error, QStringList &warnings)
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
    if (config.input.has_animation)
        return firstFrame(bytes, error, warnings);
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

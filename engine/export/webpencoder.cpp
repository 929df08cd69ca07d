// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/webpencoder.h"

#include <webp/encode.h>
#include <webp/mux.h>

#include <algorithm>
#include <memory>
#include <new>

namespace pixelmill {

namespace {

QString pictureErrorText(WebPEncodingError code)
{
    switch (code) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY:
    case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY:
        return QStringLiteral("out of memory");
    case VP8_ENC_ERROR_BAD_DIMENSION:
        return QStringLiteral("WebP cannot store images larger than %1 pixels on a side").arg(WEBP_MAX_DIMENSION);
    case VP8_ENC_ERROR_PARTITION0_OVERFLOW:
    case VP8_ENC_ERROR_PARTITION_OVERFLOW:
        return QStringLiteral("the image is too detailed for one WebP partition at this quality");
    case VP8_ENC_ERROR_BAD_WRITE:
        return QStringLiteral("out of memory for the encoded file");
    case VP8_ENC_ERROR_FILE_TOO_BIG:
        return QStringLiteral("the result would be over WebP's 4 GiB limit");
    default:
        return QStringLiteral("libwebp error %1").arg(int(code));
    }
}

struct PictureGuard
{
    WebPPicture *picture;
    ~PictureGuard() { WebPPictureFree(picture); }
};

// Appends straight to the result: libwebp's own memory writer grows by copying
// and would need a last copy into the result. No exception may cross libwebp.
int appendToBytes(const uint8_t *data, size_t size, const WebPPicture *picture) noexcept
{
    auto *bytes = static_cast<std::vector<unsigned char> *>(picture->custom_ptr);
    try {
        bytes->insert(bytes->end(), data, data + size);
        return 1;
    } catch (const std::bad_alloc &) {
        return 0; // libwebp stops with VP8_ENC_ERROR_BAD_WRITE
    }
}

struct MuxDeleter
{
    void operator()(WebPMux *mux) const { WebPMuxDelete(mux); }
};

} // namespace

EncodedImage encodeWebp(const cv::Mat &image, const WebpSettings &settings)
{
    EncodedImage result;
    if (image.depth() != CV_8U || (image.channels() != 3 && image.channels() != 4)) {
        result.error = QStringLiteral("the WebP encoder takes 8-bit colour or colour+alpha images");
        return result;
    }
    WebPConfig config;
    WebPPicture picture;
    if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) {
        result.error = QStringLiteral("libwebp does not match the version Pixelmill was built with");
        return result;
    }
    const PictureGuard guard{&picture};
    config.quality = float(std::clamp(settings.quality, 0, 100));
    config.method = std::clamp(settings.effort, 0, 6);
    config.alpha_filtering = int(settings.alphaFilter); // libwebp's 0 none, 1 fast, 2 best
    config.lossless = settings.lossless ? 1 : 0;
    config.exact = settings.lossless ? 1 : 0; // lossless means every pixel, even under alpha 0
    picture.use_argb = config.lossless;
    picture.width = image.cols;
    picture.height = image.rows;
    picture.writer = &appendToBytes;
    picture.custom_ptr = &result.bytes;
    // Room for a lossy photo of about 2 bits a pixel: most files never grow it.
    result.bytes.reserve(size_t(image.total()) / 4);
    if (image.cols > WEBP_MAX_DIMENSION || image.rows > WEBP_MAX_DIMENSION) {
        result.error = pictureErrorText(VP8_ENC_ERROR_BAD_DIMENSION);
        return result;
    }
    const int stride = int(image.step[0]);
    const bool imported = image.channels() == 4 ? WebPPictureImportBGRA(&picture, image.data, stride)
                                                : WebPPictureImportBGR(&picture, image.data, stride);
    if (!imported || !WebPEncode(&config, &picture)) {
        result.bytes = {};
        result.error = QStringLiteral("the WebP encoder failed: %1").arg(pictureErrorText(picture.error_code));
        return result;
    }
    return result;
}

bool embedWebpIccProfile(std::vector<unsigned char> &webp, const std::vector<unsigned char> &icc, QString *error)
{
    const WebPData input{webp.data(), webp.size()};
    std::unique_ptr<WebPMux, MuxDeleter> mux(WebPMuxCreate(&input, 0));
    if (!mux) {
        *error = QStringLiteral("the encoded WebP could not be parsed to add the ICC profile");
        return false;
    }
    const WebPData profile{icc.data(), icc.size()};
    WebPData assembled;
    WebPDataInit(&assembled);
    if (WebPMuxSetChunk(mux.get(), "ICCP", &profile, 0) != WEBP_MUX_OK
        || WebPMuxAssemble(mux.get(), &assembled) != WEBP_MUX_OK) {
        WebPDataClear(&assembled);
        *error = QStringLiteral("the ICC profile could not be added to the WebP file");
        return false;
    }
    webp.assign(assembled.bytes, assembled.bytes + assembled.size);
    WebPDataClear(&assembled);
    return true;
}

} // namespace pixelmill

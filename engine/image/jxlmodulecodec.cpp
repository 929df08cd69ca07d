// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// JPEG XL through libjxl, in the codec module like libheif.
#include "engine/image/jxlmodulecodec.h"

#include <jxl/decode.h>

#include <opencv2/imgproc.hpp>

#include <memory>

namespace pixelmill {

namespace {

struct DecoderDeleter
{
    void operator()(JxlDecoder *d) const { JxlDecoderDestroy(d); }
};
using Decoder = std::unique_ptr<JxlDecoder, DecoderDeleter>;

// A decoder fed the whole file, reporting `events`; null with `error` set.
Decoder decoderFor(const cv::Mat &raw, int events, std::string &error)
{
    Decoder decoder(JxlDecoderCreate(nullptr));
    if (!decoder || JxlDecoderSubscribeEvents(decoder.get(), events) != JXL_DEC_SUCCESS
        || JxlDecoderSetInput(decoder.get(), raw.data, raw.total()) != JXL_DEC_SUCCESS) {
        error = "the JPEG XL decoder could not be set up";
        return {};
    }
    JxlDecoderCloseInput(decoder.get());
    return decoder;
}

const char *statusText(JxlDecoderStatus status)
{
    return status == JXL_DEC_NEED_MORE_INPUT ? "the file is truncated" : "the data is corrupt";
}

} // namespace

bool jxlImageSize(const cv::Mat &raw, cv::Size &size, std::string &error)
{
    const Decoder decoder = decoderFor(raw, JXL_DEC_BASIC_INFO, error);
    if (!decoder)
        return false;
    const JxlDecoderStatus status = JxlDecoderProcessInput(decoder.get());
    JxlBasicInfo info;
    if (status != JXL_DEC_BASIC_INFO || JxlDecoderGetBasicInfo(decoder.get(), &info) != JXL_DEC_SUCCESS) {
        error = statusText(status);
        return false;
    }
    size = cv::Size(int(info.xsize), int(info.ysize)); // already turned as the orientation says
    return true;
}

cv::Mat jxlDecode(const cv::Mat &raw, std::string &error)
{
    const Decoder decoder = decoderFor(raw, JXL_DEC_BASIC_INFO | JXL_DEC_FULL_IMAGE, error);
    if (!decoder)
        return {};
    JxlBasicInfo info{};
    cv::Mat pixels;
    bool alpha = false;
    for (;;) {
        const JxlDecoderStatus status = JxlDecoderProcessInput(decoder.get());
        if (status == JXL_DEC_BASIC_INFO) {
            if (JxlDecoderGetBasicInfo(decoder.get(), &info) != JXL_DEC_SUCCESS) {
                error = statusText(status);
                return {};
            }
            alpha = info.alpha_bits > 0;
        } else if (status == JXL_DEC_NEED_IMAGE_OUT_BUFFER) {
            const bool deep = info.bits_per_sample > 8;
            const JxlPixelFormat format{alpha ? 4u : 3u, deep ? JXL_TYPE_UINT16 : JXL_TYPE_UINT8, JXL_NATIVE_ENDIAN, 0};
            pixels.create(int(info.ysize), int(info.xsize), CV_MAKETYPE(deep ? CV_16U : CV_8U, alpha ? 4 : 3));
            if (JxlDecoderSetImageOutBuffer(decoder.get(), &format, pixels.data, pixels.total() * pixels.elemSize())
                != JXL_DEC_SUCCESS) {
                error = "the JPEG XL decoder refused the output buffer";
                return {};
            }
        } else if (status == JXL_DEC_FULL_IMAGE) {
            break; // the first frame; an animation's others are not wanted
        } else {
            error = statusText(status);
            return {};
        }
    }
    if (pixels.empty()) {
        error = "the file holds no image";
        return {};
    }
    cv::Mat out;
    cv::cvtColor(pixels, out, alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
    return out;
}

} // namespace pixelmill

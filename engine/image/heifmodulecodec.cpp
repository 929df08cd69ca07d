// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// HEIC/HEIF and AVIF through libheif, built into the codec module only: libheif
// pulls in libde265, x265, libaom and dav1d, which no process should load at
// start for a format most batches never meet.
#include "engine/image/heifmodulecodec.h"

#include "engine/image/bigendian.h"
#include "engine/image/heifdeclaredsize.h"

#include <libheif/heif.h>

#include <opencv2/imgproc.hpp>

#include <bit>
#include <cctype>
#include <memory>

namespace pixelmill {

namespace {

// libheif ends some messages with a line break; ours are one line.
std::string messageOf(const heif_error &status)
{
    std::string message = status.message ? status.message : "unknown libheif error";
    while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back())))
        message.pop_back();
    return message;
}

struct ContextDeleter
{
    void operator()(heif_context *c) const { heif_context_free(c); }
};
struct HandleDeleter
{
    void operator()(const heif_image_handle *h) const { heif_image_handle_release(h); }
};
struct ImageDeleter
{
    void operator()(const heif_image *i) const { heif_image_release(i); }
};
using Context = std::unique_ptr<heif_context, ContextDeleter>;
using Handle = std::unique_ptr<const heif_image_handle, HandleDeleter>;

// Opens the file's primary image; sets `error` when it cannot.
Handle primaryImage(const cv::Mat &raw, Context &context, std::string &error)
{
    context.reset(heif_context_alloc());
    if (!context) {
        error = "out of memory";
        return {};
    }
    heif_error status = heif_context_read_from_memory_without_copy(context.get(), raw.data, raw.total(), nullptr);
    if (status.code != heif_error_Ok) {
        error = messageOf(status);
        return {};
    }
    heif_image_handle *handle = nullptr;
    status = heif_context_get_primary_image_handle(context.get(), &handle);
    if (status.code != heif_error_Ok) {
        error = messageOf(status);
        return {};
    }
    return Handle(handle);
}

} // namespace

bool heifImageSize(const cv::Mat &raw, cv::Size &size, std::string &error)
{
    Context context;
    const Handle handle = primaryImage(raw, context, error);
    if (!handle)
        return false;
    // After rotation and mirroring: libheif applies them when it decodes.
    size = cv::Size(heif_image_handle_get_width(handle.get()), heif_image_handle_get_height(handle.get()));
    return true;
}

bool heifMetadata(const cv::Mat &raw, std::vector<uchar> &exif, std::vector<uchar> &icc, std::string &error)
{
    Context context;
    const Handle handle = primaryImage(raw, context, error);
    if (!handle)
        return false;
    heif_item_id id = 0;
    if (heif_image_handle_get_list_of_metadata_block_IDs(handle.get(), "Exif", &id, 1) == 1) {
        std::vector<uchar> block(heif_image_handle_get_metadata_size(handle.get(), id));
        // The block starts with the offset, big-endian, from its end to the TIFF header.
        if (block.size() > 4 && heif_image_handle_get_metadata(handle.get(), id, block.data()).code == heif_error_Ok) {
            const size_t offset = readBigEndian32(block.data());
            if (offset < block.size() - 4)
                exif.assign(block.begin() + 4 + std::ptrdiff_t(offset), block.end());
        }
    }
    icc.resize(heif_image_handle_get_raw_color_profile_size(handle.get()));
    if (!icc.empty() && heif_image_handle_get_raw_color_profile(handle.get(), icc.data()).code != heif_error_Ok)
        icc.clear();
    return true;
}

cv::Mat heifDecode(const cv::Mat &raw, std::string &error)
{
    Context context;
    const Handle handle = primaryImage(raw, context, error);
    if (!handle)
        return {};
    const bool alpha = heif_image_handle_has_alpha_channel(handle.get()) != 0;
    // 10- and 12-bit photos (HDR phones, cameras) keep their precision as 16-bit samples.
    const int bits = heif_image_handle_get_luma_bits_per_pixel(handle.get());
    const bool deep = bits > 8 && bits <= 16;
    const heif_chroma chroma = deep ? (alpha ? heif_chroma_interleaved_RRGGBBAA_LE : heif_chroma_interleaved_RRGGBB_LE)
                                    : (alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB);
    // Before libheif sizes its buffers from the stream, which the pixel limit
    // (checked against the header) cannot see.
    error = heifPicturesExceedDeclaredSize(raw.data, raw.total());
    if (!error.empty())
        return {};
    heif_image *decoded = nullptr;
    const heif_error status = heif_decode_image(handle.get(), &decoded, heif_colorspace_RGB, chroma, nullptr);
    const std::unique_ptr<const heif_image, ImageDeleter> image(decoded);
    if (status.code != heif_error_Ok || !image) {
        error = messageOf(status);
        return {};
    }
    int stride = 0;
    const uint8_t *pixels = heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
    const int width = heif_image_get_width(image.get(), heif_channel_interleaved);
    const int height = heif_image_get_height(image.get(), heif_channel_interleaved);
    if (!pixels || width <= 0 || height <= 0) {
        error = "the decoder returned no pixels";
        return {};
    }
    // The pixel limit was checked against the header's size; libheif 1.15 does
    // not hold the coded stream to it (fuzzing found a 6 KB file that decodes
    // to 14441×27759, 400 MP). Such a picture is not the one the file declares.
    // The check above finds that in HEVC streams before decoding; this one
    // also covers AV1 and whatever the boxes did not show.
    const int declaredWidth = heif_image_handle_get_width(handle.get());
    const int declaredHeight = heif_image_handle_get_height(handle.get());
    if (width != declaredWidth || height != declaredHeight) {
        error = heifSizeMismatch("its coded image is ", uint32_t(width), uint32_t(height), uint32_t(declaredWidth),
                                 uint32_t(declaredHeight));
        return {};
    }
    static_assert(std::endian::native == std::endian::little, "the _LE layouts are read as native samples");
    const cv::Mat view(height, width, CV_MAKETYPE(deep ? CV_16U : CV_8U, alpha ? 4 : 3), const_cast<uint8_t *>(pixels),
                       size_t(stride));
    cv::Mat out;
    cv::cvtColor(view, out, alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
    if (deep) // to the full 16-bit range, as a 16-bit PNG or TIFF holds it
        out.convertTo(out, CV_16U, 65535.0 / double((1 << bits) - 1));
    return out;
}

} // namespace pixelmill

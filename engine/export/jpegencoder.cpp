// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/jpegencoder.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>

namespace pixelmill {

namespace {

// libjpeg reports fatal errors through a callback that must not return.
struct ErrorManager
{
    jpeg_error_mgr base;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void onFatalError(j_common_ptr cinfo)
{
    auto *errors = reinterpret_cast<ErrorManager *>(cinfo->err);
    errors->base.format_message(cinfo, errors->message);
    std::longjmp(errors->jump, 1);
}

void setSamplingFactors(jpeg_compress_struct &cinfo, ChromaSubsampling subsampling)
{
    if (cinfo.num_components != 3)
        return;
    cinfo.comp_info[0].h_samp_factor = subsampling == ChromaSubsampling::S444 ? 1 : 2;
    cinfo.comp_info[0].v_samp_factor = subsampling == ChromaSubsampling::S420 ? 2 : 1;
    for (int c = 1; c < 3; ++c) {
        cinfo.comp_info[c].h_samp_factor = 1;
        cinfo.comp_info[c].v_samp_factor = 1;
    }
}

// Only plain data lives in this frame: longjmp skips destructors.
bool compress(const cv::Mat &image, int quality, bool progressive, ChromaSubsampling subsampling,
              unsigned char **out, unsigned long *outSize, char *message)
{
    jpeg_compress_struct cinfo;
    ErrorManager errors;
    cinfo.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = &onFatalError;
    errors.message[0] = '\0';
    if (setjmp(errors.jump)) {
        jpeg_destroy_compress(&cinfo);
        std::snprintf(message, JMSG_LENGTH_MAX, "%s", errors.message);
        return false;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, out, outSize);
    cinfo.image_width = JDIMENSION(image.cols);
    cinfo.image_height = JDIMENSION(image.rows);
    cinfo.input_components = image.channels();
    cinfo.in_color_space = image.channels() == 1 ? JCS_GRAYSCALE : JCS_EXT_BGR;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    setSamplingFactors(cinfo, subsampling);
    if (progressive)
        jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        // libjpeg's API is not const-correct; it only reads the rows.
        JSAMPROW row = const_cast<JSAMPROW>(image.ptr<uchar>(int(cinfo.next_scanline)));
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return true;
}

} // namespace

EncodedImage encodeJpeg(const cv::Mat &image, int quality, bool progressive, ChromaSubsampling subsampling)
{
    EncodedImage result;
    if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3)) {
        result.error = QStringLiteral("the JPEG encoder takes 8-bit grey or colour images");
        return result;
    }
    if (image.cols > JPEG_MAX_DIMENSION || image.rows > JPEG_MAX_DIMENSION) {
        result.error = QStringLiteral("JPEG cannot store images larger than %1 pixels on a side")
                           .arg(JPEG_MAX_DIMENSION);
        return result;
    }
    unsigned char *buffer = nullptr;
    unsigned long size = 0;
    char message[JMSG_LENGTH_MAX] = {};
    if (compress(image, quality, progressive, subsampling, &buffer, &size, message) && buffer && size > 0)
        result.bytes.assign(buffer, buffer + size);
    else
        result.error = QStringLiteral("the JPEG encoder failed: %1").arg(QString::fromLocal8Bit(message));
    std::free(buffer);
    return result;
}

} // namespace pixelmill

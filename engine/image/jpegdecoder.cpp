// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/jpegdecoder.h"

#include "engine/image/cmykconversion.h"
#include "engine/image/iccprofile.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <climits>
#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>
// after jpeglib.h, which it needs
#include <jerror.h>

namespace pixelmill {

namespace {

// A progressive file may declare thousands of tiny scans; each one walks the
// whole coefficient buffer, so a few kilobytes could cost minutes.
constexpr int kMaxScans = 1000;

struct Session
{
    jpeg_decompress_struct cinfo;
    jpeg_error_mgr errorBase;
    jpeg_progress_mgr progress;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool truncated;
    bool damaged;
    char firstDamage[JMSG_LENGTH_MAX];
    bool allRowsRead;
};

Session &sessionOf(j_common_ptr cinfo)
{
    // cinfo is the first member of Session.
    return *reinterpret_cast<Session *>(cinfo);
}

[[noreturn]] void onFatalError(j_common_ptr cinfo)
{
    Session &s = sessionOf(cinfo);
    cinfo->err->format_message(cinfo, s.message);
    std::longjmp(s.jump, 1);
}

void onMessage(j_common_ptr cinfo, int level)
{
    if (level >= 0)
        return; // trace output
    Session &s = sessionOf(cinfo);
    switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
        s.truncated = true;
        break;
    case JWRN_EXTRANEOUS_DATA: // padding some cameras write before markers: harmless
        break;
    default:
        if (!s.damaged)
            cinfo->err->format_message(cinfo, s.firstDamage);
        s.damaged = true;
    }
}

void onProgress(j_common_ptr cinfo)
{
    if (reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number > kMaxScans) {
        std::snprintf(sessionOf(cinfo).message, JMSG_LENGTH_MAX, "more than %d progressive scans", kMaxScans);
        std::longjmp(sessionOf(cinfo).jump, 1);
    }
}

// The setjmp frames below hold only plain data: longjmp skips destructors.

bool start(Session &s, const QByteArray &bytes, int reduction, bool grayscale, qint64 maxPixels,
           JpegDecodeResult &result)
{
    s.cinfo.err = jpeg_std_error(&s.errorBase);
    s.errorBase.error_exit = &onFatalError;
    s.errorBase.emit_message = &onMessage;
    s.progress.progress_monitor = &onProgress;
    if (setjmp(s.jump))
        return false;
    jpeg_create_decompress(&s.cinfo);
    s.cinfo.progress = &s.progress;
    jpeg_mem_src(&s.cinfo, reinterpret_cast<const unsigned char *>(bytes.constData()),
                 static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&s.cinfo, TRUE);
    const bool wholeFrameHeld = jpeg_has_multiple_scans(&s.cinfo);
    const auto scaled = [reduction](JDIMENSION side) { return int((qint64(side) + reduction - 1) / reduction); };
    const cv::Size counted = wholeFrameHeld ? cv::Size(int(s.cinfo.image_width), int(s.cinfo.image_height))
                                            : cv::Size(scaled(s.cinfo.image_width), scaled(s.cinfo.image_height));
    const qint64 pixels = qint64(counted.width) * counted.height;
    if (pixels > maxPixels) {
        char how[64] = "";
        if (wholeFrameHeld)
            std::snprintf(how, sizeof how, " (progressive: held whole)");
        else if (reduction > 1)
            std::snprintf(how, sizeof how, " (decoded at %dx%d)", counted.width, counted.height);
        std::snprintf(s.message, JMSG_LENGTH_MAX, "the frame is %ux%u%s, over the limit of %lld pixels",
                      s.cinfo.image_width, s.cinfo.image_height, how, static_cast<long long>(maxPixels));
        result.overPixelLimit = true;
        result.progressive = wholeFrameHeld;
        result.countedSize = counted;
        return false;
    }
    // A progressive frame keeps every coefficient: 2 bytes per sample, up to 4 components,
    // plus working room. libjpeg fails cleanly past this instead of asking the OS for more.
    s.cinfo.mem->max_memory_to_use = long(std::min<qint64>(pixels * 8 + (64 << 20), LONG_MAX));
    s.cinfo.scale_num = 1;
    s.cinfo.scale_denom = static_cast<unsigned int>(reduction);
    const bool cmyk = s.cinfo.jpeg_color_space == JCS_CMYK || s.cinfo.jpeg_color_space == JCS_YCCK;
    if (cmyk)
        s.cinfo.out_color_space = JCS_CMYK; // converted below; libjpeg has no CMYK→RGB
    else if (grayscale || s.cinfo.num_components == 1)
        s.cinfo.out_color_space = JCS_GRAYSCALE;
    else
        s.cinfo.out_color_space = JCS_EXT_BGR;
    jpeg_start_decompress(&s.cinfo);
    return true;
}

// A fatal error once every row is out (junk or a second frame after the scan,
// met while looking for the end marker) leaves the picture whole, as OpenCV does.
bool readRows(Session &s, unsigned char *first, size_t stride)
{
    if (setjmp(s.jump))
        return s.allRowsRead;
    while (s.cinfo.output_scanline < s.cinfo.output_height) {
        JSAMPROW row = first + stride * s.cinfo.output_scanline;
        jpeg_read_scanlines(&s.cinfo, &row, 1);
    }
    s.allRowsRead = true;
    jpeg_finish_decompress(&s.cinfo);
    return true;
}

} // namespace

JpegDecodeResult decodeJpeg(const QByteArray &bytes, int reduction, bool grayscale, qint64 maxPixels)
{
    JpegDecodeResult result;
    Session s {};
    const auto fail = [&] {
        result.error = QStringLiteral("the JPEG data cannot be decoded: %1").arg(QString::fromLocal8Bit(s.message));
        jpeg_destroy_decompress(&s.cinfo);
        return result;
    };
    if (!start(s, bytes, reduction, grayscale, maxPixels, result))
        return fail();
    const int components = s.cinfo.output_components;
    cv::Mat pixels;
    try {
        pixels.create(int(s.cinfo.output_height), int(s.cinfo.output_width), CV_8UC(components));
    } catch (const cv::Exception &) {
        std::snprintf(s.message, JMSG_LENGTH_MAX, "out of memory for %ux%u pixels", s.cinfo.output_width,
                      s.cinfo.output_height);
        return fail();
    }
    if (!readRows(s, pixels.data, pixels.step))
        return fail();
    jpeg_destroy_decompress(&s.cinfo);

    if (components == 4) {
        // Adobe applications write CMYK inverted; OpenCV and libjpeg's own tools assume the same.
        CmykToBgr light = cmykToBgr(pixels, InkEncoding::Inverted, jpegIccProfile(bytes));
        result.inks = light.inks;
        if (grayscale)
            cv::cvtColor(light.bgr, light.bgr, cv::COLOR_BGR2GRAY);
        pixels = light.bgr;
    }
    result.image = pixels;
    if (s.truncated)
        result.warnings << QStringLiteral("JPEG is truncated: the missing part was filled with grey");
    if (s.message[0] != '\0')
        result.warnings << QStringLiteral("JPEG has damaged data after the picture, ignored (%1)")
                               .arg(QString::fromLocal8Bit(s.message));
    if (s.damaged && !s.truncated) // the cut itself reads as damage too
        result.warnings << QStringLiteral("JPEG data is damaged (%1); the picture may show blocks or smears")
                               .arg(QString::fromLocal8Bit(s.firstDamage));
    return result;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/imageencoder.h"

#include "engine/export/jpegencoder.h"
#include "engine/export/pngencoder.h"
#include "engine/export/webpencoder.h"
#include "engine/image/opencvcodecs.h"

#include <opencv2/imgproc.hpp>

namespace pixelmill {

namespace {

bool storesAlpha(ImageFormat f)
{
    return f == ImageFormat::Png || f == ImageFormat::Webp || f == ImageFormat::Tiff;
}

bool stores16Bit(ImageFormat f)
{
    return f == ImageFormat::Png || f == ImageFormat::Tiff;
}

cv::Mat flattenOntoWhite(const cv::Mat &bgra)
{
    cv::Mat colour;
    cv::Mat alpha;
    cv::cvtColor(bgra, colour, cv::COLOR_BGRA2BGR);
    cv::extractChannel(bgra, alpha, 3);
    const double max = bgra.depth() == CV_16U ? 65535.0 : 255.0;
    cv::Mat colourF;
    cv::Mat alphaF;
    colour.convertTo(colourF, CV_32F);
    alpha.convertTo(alphaF, CV_32F, 1.0 / max);
    cv::Mat alpha3;
    cv::cvtColor(alphaF, alpha3, cv::COLOR_GRAY2BGR);
    cv::Mat background(colourF.size(), colourF.type(), cv::Scalar::all(max));
    cv::Mat out = colourF.mul(alpha3) + background.mul(cv::Scalar::all(1.0) - alpha3);
    cv::Mat result;
    out.convertTo(result, bgra.depth());
    return result;
}

// TIFF goes through libtiff and BMP through OpenCV, in the codec module.
EncodedImage encodeTiffOrBmp(const cv::Mat &ready, const ExportOptions &o)
{
    EncodedImage result;
    QString error;
    bool ok = false;
    if (o.format == ImageFormat::Tiff) {
        const int scheme = o.tiffCompression == TiffCompression::None ? 1 // libtiff's numbers
            : o.tiffCompression == TiffCompression::Lzw               ? 5
                                                                      : 8;
        ok = encodeTiffWithModule(ready, scheme, result.bytes, error);
    } else {
        ok = encodeWithOpenCv(".bmp", ready, {}, result.bytes, error);
    }
    if (!ok || result.bytes.empty())
        result.error = error.isEmpty() ? QStringLiteral("the %1 encoder failed").arg(formatName(o.format)) : error;
    return result;
}

} // namespace

cv::Mat convertForFormat(const cv::Mat &image, ImageFormat format, int pngBitDepth)
{
    cv::Mat out = image;
    if (format == ImageFormat::Png && pngBitDepth == 8 && out.depth() == CV_16U)
        out.convertTo(out, CV_8U, 255.0 / 65535.0);
    else if (format == ImageFormat::Png && pngBitDepth == 16 && out.depth() == CV_8U)
        out.convertTo(out, CV_16U, 257.0);
    if (out.channels() == 4 && !storesAlpha(format))
        out = flattenOntoWhite(out);
    if (out.depth() == CV_16U && !stores16Bit(format))
        out.convertTo(out, CV_8U, 255.0 / 65535.0);
    if (format == ImageFormat::Webp && out.channels() == 1)
        cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
    return out;
}

EncodedImage encodeImage(const cv::Mat &image, const ExportOptions &options)
{
    EncodedImage result;
    try {
        const cv::Mat ready = convertForFormat(image, options.format, options.pngBitDepth);
        switch (options.format) {
        case ImageFormat::Jpeg:
            return encodeJpeg(ready, options.jpegQuality, options.jpegProgressive, options.jpegSubsampling);
        case ImageFormat::Png:
            return encodePng(ready, options.pngCompression);
        case ImageFormat::Webp:
            return encodeWebp(ready, {options.webpQuality, options.webpLossless, options.webpEffort, options.webpAlphaFilter});
        case ImageFormat::Tiff:
        case ImageFormat::Bmp:
            return encodeTiffOrBmp(ready, options);
        }
    } catch (const cv::Exception &e) {
        result.error = QStringLiteral("encoder error: %1").arg(QString::fromStdString(e.msg).trimmed());
    } catch (const std::bad_alloc &) {
        result.error = QStringLiteral("encoder error: out of memory");
    }
    return result;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/imageencoder.h"

#include <opencv2/imgcodecs.hpp>
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

std::vector<int> encodeParams(const ExportOptions &o)
{
    switch (o.format) {
    case ImageFormat::Jpeg:
        return {cv::IMWRITE_JPEG_QUALITY, o.jpegQuality, cv::IMWRITE_JPEG_PROGRESSIVE,
                o.jpegProgressive ? 1 : 0};
    case ImageFormat::Png:
        return {cv::IMWRITE_PNG_COMPRESSION, o.pngCompression};
    case ImageFormat::Webp:
        // OpenCV switches to lossless for any quality above 100.
        return {cv::IMWRITE_WEBP_QUALITY, o.webpLossless ? 101 : o.webpQuality};
    case ImageFormat::Tiff: {
        const int scheme = o.tiffCompression == TiffCompression::None ? 1
            : o.tiffCompression == TiffCompression::Lzw             ? 5
                                                                    : 8;
        return {cv::IMWRITE_TIFF_COMPRESSION, scheme};
    }
    case ImageFormat::Bmp:
        return {};
    }
    return {};
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
        const std::string ext = "." + formatExtension(options.format).toStdString();
        if (!cv::imencode(ext, ready, result.bytes, encodeParams(options)) || result.bytes.empty())
            result.error = QStringLiteral("the %1 encoder failed").arg(formatName(options.format));
    } catch (const cv::Exception &e) {
        result.bytes.clear();
        result.error = QStringLiteral("encoder error: %1").arg(QString::fromStdString(e.msg).trimmed());
    }
    return result;
}

} // namespace pixelmill

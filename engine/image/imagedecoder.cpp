// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/imagedecoder.h"

#include "engine/image/bmpdecoder.h"
#include "engine/image/codecconsole.h"
#include "engine/image/gifdecoder.h"
#include "engine/image/jpeg2000header.h"
#include "engine/image/jpegdecoder.h"
#include "engine/image/opencvcodecs.h"
#include "engine/image/pamdecoder.h"
#include "engine/image/pngdecoder.h"
#include "engine/image/pngextras.h"
#include "engine/image/pnmdecoder.h"
#include "engine/image/tiffdirectories.h"
#include "engine/image/unreadablephotos.h"
#include "engine/image/webpdecoder.h"
#include "engine/scan/nativefile.h"
#include "engine/scan/nativepath.h"

#include <opencv2/imgproc.hpp>

#include <QBuffer>
#include <QFile>
#include <QImageIOHandler>
#include <QImageReader>

#include <cerrno>
#include <cstring>
#include <span>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pixelmill {

namespace {

int exifFromTransformations(QImageIOHandler::Transformations t)
{
    // Inverse of the mapping Qt's JPEG handler applies to the EXIF tag.
    switch (int(t)) {
    case QImageIOHandler::TransformationMirror:
        return 2;
    case QImageIOHandler::TransformationRotate180:
        return 3;
    case QImageIOHandler::TransformationFlip:
        return 4;
    case QImageIOHandler::TransformationFlipAndRotate90:
        return 5;
    case QImageIOHandler::TransformationRotate90:
        return 6;
    case QImageIOHandler::TransformationMirrorAndRotate90:
        return 7;
    case QImageIOHandler::TransformationRotate270:
        return 8;
    default:
        return 1;
    }
}

// Qt's TIFF plugin seeks to where a cut file's directory would be; QBuffer
// refuses such a seek just the same, but also prints a warning.
class ProbeBuffer final : public QBuffer
{
public:
    using QBuffer::QBuffer;
    bool seek(qint64 pos) override { return pos >= 0 && pos <= size() && QBuffer::seek(pos); }
};

// PNG's fast path declines palettes, interlacing and damage; OpenCV then
// decodes those the slow way and gives the usual errors.
cv::Mat decodeNonJpeg(const QByteArray &bytes, const QByteArray &format, qint64 maxPixels, int reduction,
                      QString &error, QStringList &warnings, InkLight &inks)
{
    if (format == "webp")
        return decodeWebp(bytes, error, warnings);
    if (format == "gif")
        return decodeGif(bytes, maxPixels, error, warnings);
    if (format == "bmp")
        return decodeBmp(bytes, maxPixels, error, warnings);
    if (format == "pam")
        return decodePam(bytes, error, warnings, inks);
    if (format == "pbm" || format == "pgm" || format == "ppm")
        return decodePnm(bytes, maxPixels, error, warnings);
    if (format == "heif")
        return decodeWithModule(ModuleFormat::Heif, bytes, error, warnings);
    if (format == "jxl")
        return decodeWithModule(ModuleFormat::JpegXl, bytes, error, warnings);
    if (format == "raw")
        return decodeWithModule(ModuleFormat::CameraRaw, bytes, error, warnings, reduction == 2);
    if (format == "tiff") {
        const TiffDirectories tiff(bytes);
        if (tiff.firstPageHasCmykInks()) {
            CmykToBgr light = decodeCmykTiffWithModule(bytes, error);
            inks = light.inks;
            return light.bgr;
        }
        QString why;
        cv::Mat page = decodeTiffWithModule(bytes, why, warnings);
        if (page.empty()) {
            const QString layout = tiff.firstPageLayout();
            error = layout.isEmpty()
                ? QStringLiteral("the TIFF could not be decoded: %1").arg(why)
                : QStringLiteral("the TIFF (%1) could not be decoded: %2").arg(layout, why);
        }
        return page;
    }
    cv::Mat image;
    if (format == "png") { // above 50 MP the inflated stream would cost more memory than the time it saves
        image = decodePngFast(bytes, std::min<qint64>(maxPixels, 50'000'000));
        if (image.empty())
            error = pngChunkOverrun(bytes);
        if (!error.isEmpty())
            return {};
    }
    if (image.empty())
        image = decodeWithOpenCv(bytes, error);
    if (format == "png" && !image.empty()) {
        image = withGreyColourKey(bytes, image);
        if (const int frames = apngFrameCount(bytes); frames > 1)
            warnings << QStringLiteral(
                "the PNG is an animation (APNG) of %1 frames; only its first image was processed")
                            .arg(frames);
    }
    return image;
}

// Brings any decoded layout to the pipeline's contract: 8/16-bit, 1/3/4 channels.
QString normalizeLayout(cv::Mat &image)
{
    if (image.channels() == 2) {
        cv::Mat out(image.size(), CV_MAKETYPE(image.depth(), 4));
        int pairs[] = {0, 0, 0, 1, 0, 2, 1, 3};
        cv::mixChannels(&image, 1, &out, 1, pairs, 4);
        image = out;
    } else if (image.channels() > 4) {
        return QStringLiteral("unsupported image with %1 channels").arg(image.channels());
    }
    switch (image.depth()) {
    case CV_8U:
    case CV_16U:
        return {};
    case CV_32F:
    case CV_64F:
        image.convertTo(image, CV_16U, 65535.0);
        return {};
    case CV_8S:
        image.convertTo(image, CV_8U, 1.0, 128.0);
        return {};
    default:
        image.convertTo(image, CV_16U);
        return {};
    }
}

// For decoders that turn and mirror the pixels themselves (libheif, libjxl,
// LibRaw) or have nothing to turn (JPEG 2000): the size is the upright one.
void setUprightHeader(ImageHeader &header, const QByteArray &format, cv::Size size)
{
    header.format = format;
    header.storedSize = header.orientedSize = size;
    header.exifOrientation = 1;
}

// HEIF and JPEG XL, sized by libheif and libjxl in the codec module, and JPEG
// 2000, by its own header boxes. False when the bytes are none of them;
// otherwise `error` is empty or says why the header cannot be read.
bool probeFormatsQtCannotRead(const QByteArray &bytes, ImageHeader &header, QString &error)
{
    QByteArray format;
    cv::Size size;
    const bool heif = isHeifContainer(bytes);
    if (heif || isJpegXl(bytes)) {
        format = heif ? "heif" : "jxl";
        error = moduleImageSize(heif ? ModuleFormat::Heif : ModuleFormat::JpegXl, bytes, size);
    } else if (isPam(bytes)) {
        format = "pam";
        size = pamSize(bytes, error);
    } else if (isJpeg2000(bytes)) {
        format = "jp2"; // decoded by OpenCV's OpenJPEG reader
        size = jpeg2000Size(bytes);
        if (size.empty())
            error = QStringLiteral("cannot read the JPEG 2000 header: it is damaged or truncated");
    } else {
        return false;
    }
    if (error.isEmpty())
        setUprightHeader(header, format, size);
    return true;
}

// Camera RAW, asked of LibRaw before a TIFF reader could take a RAW's small
// embedded preview for the photo. Only TIFF-structured bytes and bytes no
// reader here recognised are asked, so a JPEG or PNG never loads the module.
// False when LibRaw does not take them and nothing says they are a RAW.
bool probeCameraRaw(const QByteArray &bytes, ImageHeader &header, QString &error)
{
    cv::Size size;
    const QString why = moduleImageSize(ModuleFormat::CameraRaw, bytes, size);
    if (why.isEmpty()) {
        setUprightHeader(header, "raw", size);
        return true;
    }
    // A DNG or CR2 LibRaw cannot read must fail as such, not as its preview.
    const QString kind = cameraRawKind(bytes);
    if (kind.isEmpty())
        return false;
    error = QStringLiteral("%1 (%2)").arg(why, kind);
    return true;
}

// The limit guards memory and time against decompression bombs; a real
// panorama past it needs a way through, so the text says where the limit is set.
QString overPixelLimit(cv::Size stored, cv::Size counted, bool progressive, qint64 maxPixels)
{
    const auto megapixels = [](cv::Size s) { return double(qint64(s.width) * s.height) / 1e6; };
    QString text = QStringLiteral("image is %1×%2 (%3 MP)")
                       .arg(stored.width)
                       .arg(stored.height)
                       .arg(megapixels(stored), 0, 'f', 1);
    if (progressive)
        text += QStringLiteral(", a progressive JPEG, which is held whole while it decodes");
    else if (counted != stored)
        text += QStringLiteral(" and would be decoded at %1×%2 (%3 MP)")
                    .arg(counted.width)
                    .arg(counted.height)
                    .arg(megapixels(counted), 0, 'f', 1);
    return text + QStringLiteral(", over the limit of %1 MP (raise it in Settings, or with --max-megapixels)")
                      .arg(double(maxPixels) / 1e6, 0, 'f', 0);
}

} // namespace

int openRegularFile(const QString &path, QString &error, qint64 &size)
{
    const QByteArray native = nativePath(path);
    struct stat before {};
    if (::stat(native.constData(), &before) == 0 && !S_ISREG(before.st_mode)) {
        error = QStringLiteral("not a regular file (FIFO, socket, device or folder)");
        return -1;
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it below anyway.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = QStringLiteral("cannot open: %1").arg(osErrorText(errno));
        return -1;
    }
    struct stat st {};
    QString why;
    if (::fstat(fd, &st) != 0)
        why = QStringLiteral("cannot read file status: %1").arg(osErrorText(errno));
    else if (!S_ISREG(st.st_mode))
        why = QStringLiteral("not a regular file (FIFO, socket, device or folder)");
    else if (st.st_size == 0)
        why = QStringLiteral("file is empty");
    if (!why.isEmpty()) {
        error = why;
        ::close(fd);
        return -1;
    }
    size = st.st_size;
    return fd;
}

bool readRegularFile(const QString &path, QByteArray &bytes, QString &error, qint64 maxBytes)
{
    qint64 size = 0;
    const int fd = openRegularFile(path, error, size);
    if (fd < 0)
        return false;
    if (size > maxBytes) {
        error = QStringLiteral("file is %1 MiB, more than any image within the pixel limit needs (%2 MiB); "
                               "not read")
                    .arg(size >> 20)
                    .arg(maxBytes >> 20);
        ::close(fd);
        return false;
    }
    bytes.resize(size);
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, bytes.data() + done, size_t(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n < 0 ? QStringLiteral("read error: %1").arg(osErrorText(errno))
                          : QStringLiteral("file shrank while being read");
            ::close(fd);
            return false;
        }
        done += n;
    }
    ::close(fd);
    return true;
}

QString probeHeader(const QByteArray &bytes, ImageHeader &header)
{
    keepCodecLibrariesOffTheConsole();
    QByteArray data = bytes; // shallow copy: QBuffer needs a non-const array
    ProbeBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    header.format = reader.format();
    if (QString why; header.format.isEmpty() && probeFormatsQtCannotRead(bytes, header, why))
        return why;
    if (QString why; (header.format.isEmpty() || header.format == "tiff") && probeCameraRaw(bytes, header, why))
        return why;
    if (header.format.isEmpty())
        return QStringLiteral("not an image, or a format Pixelmill cannot read");
    if (header.format == "svg" || header.format == "ico"
        || header.format == "icns" || header.format == "mng" || header.format == "tga"
        || header.format == "wbmp" || header.format == "xpm" || header.format == "xbm")
        return unsupportedFormatRefusal(QString::fromLatin1(header.format.toUpper()));
    QSize size = reader.size();
    if (header.format == "bmp" && size.width() > 0 && size.height() < 0)
        size.setHeight(-size.height()); // Qt 6.4 hands on a top-down BMP's height as stored: negative
    if (!size.isValid() || size.isEmpty()) {
        // Qt often has no better word than "Unknown error" here.
        const QString why = reader.error() == QImageReader::UnknownError
            ? QStringLiteral("it is damaged or truncated")
            : reader.errorString();
        return QStringLiteral("cannot read the %1 header: %2")
            .arg(QString::fromLatin1(header.format.toUpper()), why);
    }
    header.storedSize = cv::Size(size.width(), size.height());
    header.exifOrientation = exifFromTransformations(reader.transformation());
    header.orientedSize = header.exifOrientation >= 5
        ? cv::Size(size.height(), size.width())
        : header.storedSize;
    return {};
}

int decodeReduction(const ImageHeader &header, cv::Size minimumSize, bool upright)
{
    // libjpeg scales the DCT by 1/2, 1/4 or 1/8; LibRaw's half-size mode is its only reduction.
    static constexpr int kJpegFactors[] = {8, 4, 2};
    static constexpr int kRawFactors[] = {2};
    const std::span<const int> factors = header.format == "jpeg" ? std::span<const int>(kJpegFactors)
        : header.format == "raw"                                   ? std::span<const int>(kRawFactors)
                                                                   : std::span<const int>();
    if (minimumSize.empty())
        return 1;
    const cv::Size full = upright ? header.orientedSize : header.storedSize;
    for (int factor : factors) {
        const cv::Size reduced = reducedSize(full, factor);
        if (reduced.width >= minimumSize.width && reduced.height >= minimumSize.height)
            return factor;
    }
    return 1;
}

cv::Size reducedSize(cv::Size full, int reduction)
{
    return {(full.width + reduction - 1) / reduction, (full.height + reduction - 1) / reduction};
}

cv::Mat applyExifOrientation(const cv::Mat &stored, int orientation)
{
    cv::Mat out;
    switch (orientation) {
    case 2:
        cv::flip(stored, out, 1);
        return out;
    case 3:
        cv::rotate(stored, out, cv::ROTATE_180);
        return out;
    case 4:
        cv::flip(stored, out, 0);
        return out;
    case 5:
        cv::transpose(stored, out);
        return out;
    case 6:
        cv::rotate(stored, out, cv::ROTATE_90_CLOCKWISE);
        return out;
    case 7: {
        cv::Mat rotated;
        cv::rotate(stored, rotated, cv::ROTATE_90_CLOCKWISE);
        cv::flip(rotated, out, 0);
        return out;
    }
    case 8:
        cv::rotate(stored, out, cv::ROTATE_90_COUNTERCLOCKWISE);
        return out;
    default:
        return stored;
    }
}

bool headerOverPixelLimit(const ImageHeader &header, qint64 maxPixels)
{
    return header.format != "jpeg" && qint64(header.storedSize.width) * header.storedSize.height > maxPixels;
}

DecodedImage decodeImage(const QByteArray &bytes, const DecodeOptions &options,
                         cv::Size minimumSize)
{
    ImageHeader header;
    const QString error = probeHeader(bytes, header);
    if (!error.isEmpty()) {
        DecodedImage result;
        result.fileBytes = bytes.size();
        result.header = header;
        result.error = error;
        return result;
    }
    return decodeImage(bytes, header, options, minimumSize);
}

DecodedImage decodeImage(const QByteArray &bytes, const ImageHeader &header,
                         const DecodeOptions &options, cv::Size minimumSize, bool grayscale)
{
    DecodedImage result;
    result.fileBytes = bytes.size();
    result.header = header;
    if (std::max(result.header.storedSize.width, result.header.storedSize.height) > kMaxImageSide) {
        result.error = QStringLiteral("image is %1×%2, over the limit of %3 pixels on a side")
                           .arg(result.header.storedSize.width)
                           .arg(result.header.storedSize.height)
                           .arg(kMaxImageSide);
        return result;
    }
    if (headerOverPixelLimit(result.header, options.maxPixels)) {
        result.error = overPixelLimit(result.header.storedSize, result.header.storedSize, false, options.maxPixels);
        return result;
    }
    result.reduction = decodeReduction(result.header, minimumSize, !options.keepStoredOrientation);
    cv::Mat stored;
    try {
        if (result.header.format == "jpeg") {
            JpegDecodeResult jpeg = decodeJpeg(bytes, result.reduction, grayscale, options.maxPixels);
            if (jpeg.overPixelLimit) {
                result.error = overPixelLimit(result.header.storedSize, jpeg.countedSize, jpeg.progressive, options.maxPixels);
                return result;
            }
            if (!jpeg.error.isEmpty()) {
                result.error = jpeg.error;
                return result;
            }
            stored = jpeg.image;
            result.inks = jpeg.inks;
            result.warnings << jpeg.warnings;
        } else {
            QString error;
            stored = decodeNonJpeg(bytes, result.header.format, options.maxPixels, result.reduction, error,
                                   result.warnings, result.inks);
            if (!error.isEmpty()) {
                result.error = error;
                return result;
            }
            // Sensors without a colour mosaic have no half-size mode.
            if (result.reduction == 2 && stored.cols == result.header.storedSize.width)
                result.reduction = 1;
            // Scanned documents come as one multi-page TIFF; losing pages must not go unsaid.
            if (const int pages = result.header.format == "tiff" ? TiffDirectories(bytes).pageCount() : 1; pages > 1)
                result.warnings << QStringLiteral("the TIFF holds %1 pages; only the first was processed").arg(pages);
        }
    } catch (const cv::Exception &e) {
        result.error = QStringLiteral("decoder error: %1").arg(QString::fromStdString(e.msg).trimmed());
        return result;
    } catch (const std::exception &e) {
        result.error = QStringLiteral("decoder error: %1").arg(QString::fromLocal8Bit(e.what()));
        return result;
    }
    if (stored.empty()) {
        // OpenCV gives no reason.
        result.error = QStringLiteral("the %1 data is corrupt or truncated and could not be decoded")
                           .arg(QString::fromLatin1(result.header.format.toUpper()));
        return result;
    }
    const QString layoutError = normalizeLayout(stored);
    if (!layoutError.isEmpty()) {
        result.error = layoutError;
        return result;
    }
    result.image = options.keepStoredOrientation ? stored
                                                 : applyExifOrientation(stored, result.header.exifOrientation);
    return result;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/image/cmykconversion.h"
#include "engine/image/decodeoptions.h"

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pixelmill {

/// What the header says, read without decoding pixels.
struct ImageHeader
{
    QByteArray format; ///< Qt's name: "jpeg", "png", "tiff", "webp", "bmp", ...
    cv::Size storedSize; ///< as stored, before EXIF orientation
    cv::Size orientedSize; ///< as shown, after EXIF orientation
    int exifOrientation = 1; ///< 1..8
};

struct DecodedImage
{
    cv::Mat image; ///< CV_8U or CV_16U; 1, 3 (BGR) or 4 (BGRA) channels; upright unless asked not to be
    ImageHeader header;
    int reduction = 1; ///< 1, 2, 4 or 8 when decoded at reduced size
    qint64 fileBytes = 0;
    QStringList warnings;
    QString error; ///< set when image is empty: why, in words a user understands
    /// For CMYK: whether the light came through the file's own ICC profile
    /// (see cmykToBgr), which then no longer describes the pixels.
    InkLight inks = InkLight::NotCmyk;
};

/// The longest side any decoder here accepts (OpenCV's codecs stop at 2^20);
/// the pixel limit in DecodeOptions applies as well.
inline constexpr int kMaxImageSide = 1 << 20;

/// The largest file an image within `maxPixels` can need: every pixel 16-bit
/// with alpha, uncompressed, plus room for metadata and extra pages. A bigger
/// "image" (a video or disk image renamed, a sparse file) is refused before
/// its bytes are read into memory.
constexpr qint64 maxImageFileBytes(qint64 maxPixels)
{
    return maxPixels * 8 + (qint64(256) << 20);
}

/// Opens a regular, non-empty file for reading (a FIFO or device is refused,
/// never opened for blocking reads): its descriptor and size, or -1 and `error`.
int openRegularFile(const QString &path, QString &error, qint64 &size);

/// Reads the whole file (regular files only, see openRegularFile); files over
/// `maxBytes` are refused unread.
bool readRegularFile(const QString &path, QByteArray &bytes, QString &error,
                     qint64 maxBytes = maxImageFileBytes(DecodeOptions().maxPixels));

/// Reads the header from bytes; returns an error text or empty.
QString probeHeader(const QByteArray &bytes, ImageHeader &header);

/// Decodes by content (never by extension), refusing images over the pixel
/// limit from the header first. `minimumSize` (in upright orientation) lets a
/// JPEG decode at 1/2, 1/4 or 1/8 as long as the result stays at least that
/// large; pass an empty size for a full decode. Never throws. Thread-safe.
DecodedImage decodeImage(const QByteArray &bytes, const DecodeOptions &options,
                         cv::Size minimumSize = {});
/// The same, with a header the caller already probed from these bytes.
/// `grayscale` lets a JPEG decode only its luma plane (the chain converts to
/// grey first anyway); other formats ignore it.
DecodedImage decodeImage(const QByteArray &bytes, const ImageHeader &header,
                         const DecodeOptions &options, cv::Size minimumSize, bool grayscale = false);

/// Whether the header alone puts the image over `maxPixels` (decodeImage and
/// the output plan judge alike). Never for a JPEG: what its decoder holds
/// depends on the scan mode and the reduction, so decodeJpeg judges it.
bool headerOverPixelLimit(const ImageHeader &header, qint64 maxPixels);

/// The JPEG DCT scaling (1, 2, 4 or 8) a decode for `minimumSize` will use;
/// 1 for other formats or an empty size.
int decodeReduction(const ImageHeader &header, cv::Size minimumSize, bool upright);

/// The size a decode at that reduction gives (libjpeg rounds up).
cv::Size reducedSize(cv::Size full, int reduction);

/// Rotates/flips a stored image to upright for an EXIF orientation value.
cv::Mat applyExifOrientation(const cv::Mat &stored, int orientation);

} // namespace pixelmill

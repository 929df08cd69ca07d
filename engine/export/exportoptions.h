// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pixelmill {

enum class ImageFormat {
    Jpeg,
    Png,
    Webp,
    Tiff,
    Bmp,
};

/// Decided before the batch starts, so a worker never has to ask anyone.
enum class OverwritePolicy {
    Skip, ///< an existing file wins; the job is reported as skipped
    Rename, ///< write "name_1.ext", "name_2.ext", ... instead
    Overwrite, ///< replace existing outputs (never a source file of the batch)
};

enum class TiffCompression {
    None,
    Lzw,
    Deflate,
};

/// How JPEG stores colour: full chroma, halved horizontally, or halved both ways.
enum class ChromaSubsampling {
    S444,
    S422,
    S420,
};

/// How lossy WebP prepares a transparent image's alpha plane (always stored
/// losslessly) before compressing it: libwebp's alpha_filtering. Fast (libwebp's
/// default) compresses the plane twice, unfiltered and with the filter its
/// estimate picks, and keeps the smaller; None compresses it once, which on
/// images with detailed transparency takes a third less encoding time for a
/// few percent larger alpha where a filter would have helped; Best tries every
/// filter. The pixels are the same either way.
enum class WebpAlphaFilter {
    None,
    Fast,
    Best,
};

/// What happens to the input's EXIF / IPTC / XMP.
enum class MetadataPolicy {
    KeepAll,
    StripAll,
    StripLocation, ///< keep everything but GPS position
};

struct ExportOptions
{
    QString outputDir;
    ImageFormat format = ImageFormat::Jpeg;
    int jpegQuality = 90; ///< 1..100
    bool jpegProgressive = false;
    ChromaSubsampling jpegSubsampling = ChromaSubsampling::S420; ///< libjpeg's and most cameras' choice
    int pngCompression = 6; ///< zlib level 0..9
    int pngBitDepth = 0; ///< 0 keeps the image's depth; 8 or 16 forces it
    int webpQuality = 85; ///< 1..100
    bool webpLossless = false;
    int webpEffort = 4; ///< libwebp "method" 0 (fast) .. 6 (small); 4 is cwebp's and libvips' default
    WebpAlphaFilter webpAlphaFilter = WebpAlphaFilter::Fast; ///< libwebp's, cwebp's and libvips' default
    TiffCompression tiffCompression = TiffCompression::Lzw;
    QString nameTemplate = QStringLiteral("{name}.{ext}");
    OverwritePolicy overwrite = OverwritePolicy::Rename;
    bool mirrorFolders = false; ///< recreate input sub-folders under outputDir
    bool keepInputFormat = false; ///< write each image in its own format (`format` for others)
    MetadataPolicy metadata = MetadataPolicy::KeepAll;
    bool keepIccProfile = true; ///< colour profile, kept whatever the metadata policy

    bool operator==(const ExportOptions &) const = default;
};

QString formatName(ImageFormat format);
/// The options for one input when `keepInputFormat` is set: its own format when
/// writable (`qtFormat` as QImageReader names it), else the chosen one.
ExportOptions optionsForInput(const ExportOptions &options, const QByteArray &qtFormat);
std::optional<ImageFormat> formatFromName(const QString &name);
/// Canonical file extension, without the dot ("jpg", "png", "webp", "tif", "bmp").
QString formatExtension(ImageFormat format);
/// Every extension that names this format ("jpg", "jpeg", ...).
QStringList formatExtensions(ImageFormat format);
QStringList formatNames();

QString overwritePolicyName(OverwritePolicy policy);
std::optional<OverwritePolicy> overwritePolicyFromName(const QString &name);
QStringList overwritePolicyNames();

QString metadataPolicyName(MetadataPolicy policy);
std::optional<MetadataPolicy> metadataPolicyFromName(const QString &name);
QStringList metadataPolicyNames();

QString chromaSubsamplingName(ChromaSubsampling subsampling);
std::optional<ChromaSubsampling> chromaSubsamplingFromName(const QString &name);
QStringList chromaSubsamplingNames();

QString webpAlphaFilterName(WebpAlphaFilter filter);
std::optional<WebpAlphaFilter> webpAlphaFilterFromName(const QString &name);
QStringList webpAlphaFilterNames();

QString tiffCompressionName(TiffCompression compression);
std::optional<TiffCompression> tiffCompressionFromName(const QString &name);
QStringList tiffCompressionNames();

} // namespace pixelmill

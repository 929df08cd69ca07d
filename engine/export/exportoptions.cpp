// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/exportoptions.h"

#include <initializer_list>

namespace pixelmill {

namespace {

// The enum value whose canonical name is `name` (case and surrounding space ignored).
template<typename Enum>
std::optional<Enum> fromName(const QString &name, std::initializer_list<Enum> values, QString (*nameOf)(Enum))
{
    const QString wanted = name.trimmed().toLower();
    for (Enum value : values) {
        if (wanted == nameOf(value))
            return value;
    }
    return std::nullopt;
}

template<typename Enum>
QStringList namesOf(std::initializer_list<Enum> values, QString (*nameOf)(Enum))
{
    QStringList names;
    for (Enum value : values)
        names << nameOf(value);
    return names;
}

constexpr std::initializer_list<OverwritePolicy> kOverwritePolicies
    = {OverwritePolicy::Skip, OverwritePolicy::Rename, OverwritePolicy::Overwrite};
constexpr std::initializer_list<MetadataPolicy> kMetadataPolicies
    = {MetadataPolicy::KeepAll, MetadataPolicy::StripAll, MetadataPolicy::StripLocation};
constexpr std::initializer_list<TiffCompression> kTiffCompressions
    = {TiffCompression::None, TiffCompression::Lzw, TiffCompression::Deflate};
constexpr std::initializer_list<ChromaSubsampling> kSubsamplings
    = {ChromaSubsampling::S444, ChromaSubsampling::S422, ChromaSubsampling::S420};
constexpr std::initializer_list<WebpAlphaFilter> kAlphaFilters
    = {WebpAlphaFilter::None, WebpAlphaFilter::Fast, WebpAlphaFilter::Best};

} // namespace

QString formatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return QStringLiteral("jpeg");
    case ImageFormat::Png:
        return QStringLiteral("png");
    case ImageFormat::Webp:
        return QStringLiteral("webp");
    case ImageFormat::Tiff:
        return QStringLiteral("tiff");
    case ImageFormat::Bmp:
        return QStringLiteral("bmp");
    }
    return {};
}

ExportOptions optionsForInput(const ExportOptions &options, const QByteArray &qtFormat)
{
    if (!options.keepInputFormat)
        return options;
    ExportOptions out = options;
    if (const auto own = formatFromName(QString::fromLatin1(qtFormat)))
        out.format = *own;
    return out;
}

QStringList formatNames()
{
    return {QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("webp"),
            QStringLiteral("tiff"), QStringLiteral("bmp")};
}

QStringList formatExtensions(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return {QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("jpe")};
    case ImageFormat::Png:
        return {QStringLiteral("png")};
    case ImageFormat::Webp:
        return {QStringLiteral("webp")};
    case ImageFormat::Tiff:
        return {QStringLiteral("tif"), QStringLiteral("tiff")};
    case ImageFormat::Bmp:
        return {QStringLiteral("bmp")};
    }
    return {};
}

QString formatExtension(ImageFormat format)
{
    return formatExtensions(format).constFirst();
}

std::optional<ImageFormat> formatFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (ImageFormat f : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Tiff,
                          ImageFormat::Bmp}) {
        if (n == formatName(f) || formatExtensions(f).contains(n))
            return f;
    }
    return std::nullopt;
}

QString overwritePolicyName(OverwritePolicy policy)
{
    switch (policy) {
    case OverwritePolicy::Skip:
        return QStringLiteral("skip");
    case OverwritePolicy::Rename:
        return QStringLiteral("rename");
    case OverwritePolicy::Overwrite:
        return QStringLiteral("overwrite");
    }
    return {};
}

std::optional<OverwritePolicy> overwritePolicyFromName(const QString &name)
{
    return fromName(name, kOverwritePolicies, &overwritePolicyName);
}

QStringList overwritePolicyNames()
{
    return namesOf(kOverwritePolicies, &overwritePolicyName);
}

QString metadataPolicyName(MetadataPolicy policy)
{
    switch (policy) {
    case MetadataPolicy::KeepAll:
        return QStringLiteral("keep");
    case MetadataPolicy::StripAll:
        return QStringLiteral("strip");
    case MetadataPolicy::StripLocation:
        return QStringLiteral("strip-location");
    }
    return {};
}

std::optional<MetadataPolicy> metadataPolicyFromName(const QString &name)
{
    return fromName(name, kMetadataPolicies, &metadataPolicyName);
}

QStringList metadataPolicyNames()
{
    return namesOf(kMetadataPolicies, &metadataPolicyName);
}

QString chromaSubsamplingName(ChromaSubsampling subsampling)
{
    switch (subsampling) {
    case ChromaSubsampling::S444:
        return QStringLiteral("444");
    case ChromaSubsampling::S422:
        return QStringLiteral("422");
    case ChromaSubsampling::S420:
        return QStringLiteral("420");
    }
    return {};
}

std::optional<ChromaSubsampling> chromaSubsamplingFromName(const QString &name)
{
    QString plain = name;
    plain.remove(QLatin1Char(':')); // "4:2:0" reads as "420"
    return fromName(plain, kSubsamplings, &chromaSubsamplingName);
}

QStringList chromaSubsamplingNames()
{
    return namesOf(kSubsamplings, &chromaSubsamplingName);
}

QString webpAlphaFilterName(WebpAlphaFilter filter)
{
    switch (filter) {
    case WebpAlphaFilter::None:
        return QStringLiteral("none");
    case WebpAlphaFilter::Fast:
        return QStringLiteral("fast");
    case WebpAlphaFilter::Best:
        return QStringLiteral("best");
    }
    return {};
}

std::optional<WebpAlphaFilter> webpAlphaFilterFromName(const QString &name)
{
    return fromName(name, kAlphaFilters, &webpAlphaFilterName);
}

QStringList webpAlphaFilterNames()
{
    return namesOf(kAlphaFilters, &webpAlphaFilterName);
}

QString tiffCompressionName(TiffCompression compression)
{
    switch (compression) {
    case TiffCompression::None:
        return QStringLiteral("none");
    case TiffCompression::Lzw:
        return QStringLiteral("lzw");
    case TiffCompression::Deflate:
        return QStringLiteral("deflate");
    }
    return {};
}

std::optional<TiffCompression> tiffCompressionFromName(const QString &name)
{
    return fromName(name, kTiffCompressions, &tiffCompressionName);
}

QStringList tiffCompressionNames()
{
    return namesOf(kTiffCompressions, &tiffCompressionName);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/sourcemetadata.h"

#include "engine/export/pngchunks.h"
#include "engine/export/webpencoder.h"
#include "engine/image/iccprofile.h"
#include "engine/image/netpbmsamples.h"
#include "engine/image/opencvcodecs.h"
#include "engine/image/unreadablephotos.h"

#include <exiv2/exiv2.hpp>

#include <QtEndian>

#include <algorithm>
#include <mutex>
#include <set>

namespace pixelmill {

namespace {

void initializeExiv2Once()
{
    // XMP's toolkit must be initialised once before threads use it; exiv2's
    // own console warnings are replaced by our per-file warnings.
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::XmpParser::initialize();
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        Exiv2::enableBMFF(true); // JPEG XL's Exif box; off by default in exiv2 0.27
    });
}

template<typename Data>
void eraseMatching(Data &data, const char *prefix)
{
    for (auto it = data.begin(); it != data.end();) {
        if (it->key().rfind(prefix, 0) == 0)
            it = data.erase(it);
        else
            ++it;
    }
}

// IFD 0 of a TIFF or camera RAW says how *its* pixels are stored, and a RAW's
// sub-images say theirs; copied into an output they would describe pixels it
// does not have ("BitsPerSample 16" in a JPEG).
void eraseSourceLayout(Exiv2::ExifData &exif)
{
    static const std::set<uint16_t> layoutTags = {
        0x00fe, 0x00ff, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x010a, 0x0111, 0x0115, 0x0116, 0x0117,
        0x011c, 0x013d, 0x0142, 0x0143, 0x0144, 0x0145, 0x014a, 0x0152, 0x0153, 0x015b, 0x0201, 0x0202,
        0x0212, 0x828d, 0x828e, // ... and the colour mosaic's pattern
    };
    constexpr uint16_t kFirstDngTag = 0xc612; // DNGVersion; DNG's raw-data tags follow it
    constexpr uint16_t kLastDngTag = 0xcfff;
    for (auto it = exif.begin(); it != exif.end();) {
        const std::string group = it->groupName();
        const uint16_t tag = it->tag();
        const bool layout = group == "Image"
            && (layoutTags.count(tag) != 0 || (tag >= kFirstDngTag && tag <= kLastDngTag));
        if (layout || group.rfind("SubImage", 0) == 0)
            it = exif.erase(it);
        else
            ++it;
    }
}

QString exiv2Message(const std::exception &e)
{
    return QString::fromLocal8Bit(e.what()).trimmed();
}

} // namespace

struct SourceMetadata::Data
{
    Exiv2::ExifData exif;
    Exiv2::IptcData iptc;
    Exiv2::XmpData xmp;
    std::vector<Exiv2::byte> icc;
    QString iccProblem;
};

namespace {

// exiv2 0.27 finds no EXIF in HEIF files as libheif and phones write them;
// libheif hands over the TIFF part and the profile, exiv2 parses the TIFF.
std::shared_ptr<SourceMetadata::Data> readHeif(const QByteArray &bytes)
{
    std::vector<uchar> exif;
    auto data = std::make_shared<SourceMetadata::Data>();
    if (const QString error = heifMetadata(bytes, exif, data->icc); !error.isEmpty())
        throw Exiv2::Error(Exiv2::kerErrorMessage, error.toStdString());
    if (!exif.empty())
        Exiv2::ExifParser::decode(data->exif, exif.data(), uint32_t(exif.size()));
    return data;
}

// Throws what exiv2 throws; nullptr for bytes exiv2 has no reader for.
std::shared_ptr<SourceMetadata::Data> readWithExiv2(const QByteArray &bytes)
{
    if (isHeifContainer(bytes))
        return readHeif(bytes);
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte *>(bytes.constData()),
                                           long(bytes.size()));
    if (!image.get())
        return nullptr;
    image->readMetadata();
    auto data = std::make_shared<SourceMetadata::Data>();
    data->exif = image->exifData();
    data->iptc = image->iptcData();
    data->xmp = image->xmpData();
    if (image->iccProfileDefined()) {
        const Exiv2::DataBuf *icc = image->iccProfile();
        data->icc.assign(icc->pData_, icc->pData_ + icc->size_);
    }
    return data;
}

bool isExiv2Error(const std::exception &e, int code)
{
    const auto *exiv2 = dynamic_cast<const Exiv2::AnyError *>(&e);
    return exiv2 && exiv2->code() == code;
}

// exiv2 gives up on a JPEG's whole metadata at an ICC profile it dislikes:
// read the rest without it, and judge the profile on its own.
std::shared_ptr<SourceMetadata::Data> readAroundJpegProfile(const QByteArray &bytes)
{
    SeparatedJpegProfile separated = separateJpegIccProfile(bytes);
    auto data = readWithExiv2(separated.withoutProfile);
    if (!data)
        return nullptr;
    data->icc = std::move(separated.profile);
    return data;
}

} // namespace

SourceMetadata SourceMetadata::read(const QByteArray &bytes, QString *warning)
{
    SourceMetadata result;
    // exiv2 knows no Netpbm format, and takes a tiny one for something it
    // knows, then warns that it is damaged.
    if (isNetpbm(bytes))
        return result;
    initializeExiv2Once();
    std::shared_ptr<Data> data;
    try {
        try {
            data = readWithExiv2(bytes);
        } catch (const std::exception &e) {
            if (!isExiv2Error(e, Exiv2::kerInvalidIccProfile))
                throw;
            data = readAroundJpegProfile(bytes);
        }
    } catch (const std::exception &e) {
        // Formats exiv2 does not know (PNM, ...) hold no metadata it could read: nothing to warn about.
        if (warning && !isExiv2Error(e, Exiv2::kerMemoryContainsUnknownImageType))
            *warning = QStringLiteral("metadata could not be read: %1").arg(exiv2Message(e));
        return result;
    }
    if (data && !data->icc.empty()) {
        data->iccProblem = pixelmill::iccProfileProblem(data->icc.data(), data->icc.size());
        if (!data->iccProblem.isEmpty())
            data->icc.clear();
        else // padding after the declared end is not part of the profile
            data->icc.resize(std::min<size_t>(data->icc.size(), qFromBigEndian<quint32>(data->icc.data())));
    }
    result.m_data = data;
    return result;
}

bool SourceMetadata::isEmpty() const
{
    return !m_data || (m_data->exif.empty() && m_data->iptc.empty() && m_data->xmp.empty() && m_data->icc.empty());
}

bool SourceMetadata::hasIccProfile() const
{
    return m_data && !m_data->icc.empty();
}

QString SourceMetadata::iccProfileProblem() const
{
    return m_data ? m_data->iccProblem : QString();
}

QByteArray SourceMetadata::iccColourSpace() const
{
    return hasIccProfile() ? iccDataColourSpace(m_data->icc.data(), m_data->icc.size()) : QByteArray();
}

QString SourceMetadata::cameraModel() const
{
    if (!m_data)
        return {};
    const auto it = m_data->exif.findKey(Exiv2::ExifKey("Exif.Image.Model"));
    return it == m_data->exif.end() ? QString() : QString::fromStdString(it->toString()).trimmed();
}

QDateTime SourceMetadata::dateTaken() const
{
    if (!m_data)
        return {};
    const auto it = m_data->exif.findKey(Exiv2::ExifKey("Exif.Photo.DateTimeOriginal"));
    if (it == m_data->exif.end())
        return {};
    return QDateTime::fromString(QString::fromStdString(it->toString()).trimmed(),
                                 QStringLiteral("yyyy:MM:dd HH:mm:ss"));
}

bool SourceMetadata::embedInto(std::vector<uchar> &encoded, ImageFormat format, MetadataPolicy policy,
                               bool keepIcc, cv::Size outputSize, QString *warning) const
{
    const bool wantsTags = policy != MetadataPolicy::StripAll
        && m_data && !(m_data->exif.empty() && m_data->iptc.empty() && m_data->xmp.empty());
    const bool wantsIcc = keepIcc && hasIccProfile();
    if (!wantsTags && !wantsIcc)
        return true;
    if (format == ImageFormat::Bmp) {
        if (warning)
            *warning = QStringLiteral("BMP files cannot hold metadata; it was not copied");
        return false;
    }
    // exiv2 0.27 cannot write WebP's ICCP chunk, and writes PNG's iCCP without
    // the name libpng requires: those are added afterwards (libwebpmux, and
    // pngchunks), and a file that only needs its profile skips exiv2.
    const bool iccByUs = wantsIcc && (format == ImageFormat::Webp || format == ImageFormat::Png);
    // exiv2 0.27 puts a PNG's EXIF only in ImageMagick's old text chunk ("Raw
    // profile type exif"); libpng, libvips and browsers read the eXIf chunk.
    Exiv2::Blob pngExif;
    if (wantsTags || (wantsIcc && !iccByUs)) {
        initializeExiv2Once();
        try {
            auto image = Exiv2::ImageFactory::open(encoded.data(), long(encoded.size()));
            if (wantsTags) {
                Exiv2::ExifData exif = m_data->exif;
                Exiv2::XmpData xmp = m_data->xmp;
                if (!exif.empty()) {
                    Exiv2::ExifThumb(exif).erase(); // it shows the original, not this output
                    exif["Exif.Image.Orientation"] = uint16_t(1);
                    exif["Exif.Photo.PixelXDimension"] = uint32_t(outputSize.width);
                    exif["Exif.Photo.PixelYDimension"] = uint32_t(outputSize.height);
                    eraseSourceLayout(exif);
                }
                if (xmp.findKey(Exiv2::XmpKey("Xmp.tiff.Orientation")) != xmp.end())
                    xmp["Xmp.tiff.Orientation"] = "1";
                if (policy == MetadataPolicy::StripLocation) {
                    eraseMatching(exif, "Exif.GPSInfo.");
                    eraseMatching(xmp, "Xmp.exif.GPS");
                }
                image->setExifData(exif);
                if (format == ImageFormat::Png && !exif.empty())
                    Exiv2::ExifParser::encode(pngExif, Exiv2::littleEndian, exif);
                image->setIptcData(m_data->iptc);
                image->setXmpData(xmp);
            }
            if (wantsIcc && !iccByUs) {
                Exiv2::DataBuf icc(m_data->icc.data(), long(m_data->icc.size()));
                image->setIccProfile(icc, false);
            }
            image->writeMetadata();
            Exiv2::BasicIo &io = image->io();
            if (io.open() != 0)
                throw std::runtime_error("cannot reopen the encoded image");
            std::vector<uchar> written(size_t(io.size()));
            const long got = io.read(written.data(), long(written.size()));
            io.close();
            if (got != long(written.size()) || written.empty())
                throw std::runtime_error("short read of the encoded image");
            encoded.swap(written);
        } catch (const std::exception &e) {
            if (warning)
                *warning = QStringLiteral("metadata could not be copied: %1").arg(exiv2Message(e));
            return false;
        }
    }
    QString chunkError;
    const bool exifAdded = pngExif.empty() || putPngChunkAfterHeader(encoded, "eXIf", pngExif, &chunkError);
    const bool iccAdded = exifAdded
        && (!iccByUs
            || (format == ImageFormat::Webp ? embedWebpIccProfile(encoded, m_data->icc, &chunkError)
                                            : embedPngIccProfile(encoded, m_data->icc, &chunkError)));
    if (!iccAdded) {
        if (warning)
            *warning = chunkError;
        return false;
    }
    return true;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/opencvcodecs.h"

#include "engine/image/jpeg2000header.h"

#include <opencv2/imgcodecs.hpp> // flag values only; the functions live in the module

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <cstring>

#include <dlfcn.h>

namespace pixelmill {

namespace {

struct LoadedModule
{
    const OpenCvCodecTable *table = nullptr;
    QString error;
};

QString executableDirectory()
{
    return QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/self/exe"))).absolutePath();
}

// Installed beside the binaries first; a build tree's own module otherwise.
QStringList candidatePaths()
{
    return {QDir(executableDirectory()).filePath(QStringLiteral(PIXELMILL_CODEC_MODULE_FROM_BINDIR)),
            QStringLiteral(PIXELMILL_CODEC_MODULE_IN_BUILD)};
}

LoadedModule load()
{
    LoadedModule loaded;
    QStringList tried;
    for (const QString &path : candidatePaths()) {
        if (!QFileInfo::exists(path)) {
            tried << QStringLiteral("%1 (missing)").arg(path);
            continue;
        }
        void *handle = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            tried << QString::fromLocal8Bit(dlerror());
            continue;
        }
        const auto entry = reinterpret_cast<PixelmillOpenCvCodecsEntry>(dlsym(handle, "pixelmill_opencv_codecs"));
        const OpenCvCodecTable *table = entry ? entry() : nullptr;
        if (!table || table->version != kOpenCvCodecTableVersion) {
            tried << QStringLiteral("%1 (from another Pixelmill version)").arg(path);
            dlclose(handle);
            continue;
        }
        loaded.table = table; // stays loaded for the life of the process
        return loaded;
    }
    loaded.error = QStringLiteral("this format needs Pixelmill's OpenCV codec module, which cannot be loaded: %1")
                       .arg(tried.join(QStringLiteral("; ")));
    return loaded;
}

const LoadedModule &module()
{
    static const LoadedModule loaded = load();
    return loaded;
}

// imdecode picks its decoder by signature among all OpenCV has, GDCM's DICOM
// reader too, whose assertions abort the whole process on malformed input
// (fuzzing found a 140-byte file that does). Only bytes with the signature of a
// decoder we mean to use (as OpenCV 4.6 checks it) may go there.
bool hasIntendedSignature(const QByteArray &bytes)
{
    const auto startsWith = [&bytes](const char *magic, size_t length) {
        return size_t(bytes.size()) >= length && std::memcmp(bytes.constData(), magic, length) == 0;
    };
    return startsWith("BM", 2) || startsWith("\x89PNG\r\n\x1a\n", 8) || startsWith("II\x2a\x00", 4)
        || startsWith("MM\x00\x2a", 4) || startsWith("II\x2b\x00", 4) || startsWith("MM\x00\x2b", 4)
        || isJpeg2000(bytes);
}

// The module's functions take the file as one row of bytes, not copied.
cv::Mat rawView(const QByteArray &bytes)
{
    return cv::Mat(1, int(bytes.size()), CV_8U, const_cast<char *>(bytes.constData()));
}

} // namespace

cv::Mat decodeWithOpenCv(const QByteArray &bytes, QString &error)
{
    if (!hasIntendedSignature(bytes)) {
        error = QStringLiteral("the file does not start like the format its header claims");
        return {};
    }
    const LoadedModule &m = module();
    if (!m.table) {
        error = m.error;
        return {};
    }
    return m.table->decode(rawView(bytes), cv::IMREAD_UNCHANGED);
}

namespace {

QString moduleFormatName(ModuleFormat format)
{
    switch (format) {
    case ModuleFormat::Heif:
        return QStringLiteral("HEIF");
    case ModuleFormat::JpegXl:
        return QStringLiteral("JPEG XL");
    case ModuleFormat::CameraRaw:
        break;
    }
    return QStringLiteral("camera RAW");
}

} // namespace

QString moduleImageSize(ModuleFormat format, const QByteArray &bytes, cv::Size &size)
{
    const LoadedModule &m = module();
    if (!m.table)
        return m.error;
    std::string error;
    const auto read = format == ModuleFormat::Heif ? m.table->heifImageSize
        : format == ModuleFormat::JpegXl           ? m.table->jxlImageSize
                                                   : m.table->rawImageSize;
    if (!read(rawView(bytes), size, error))
        return QStringLiteral("cannot read the %1 header: %2").arg(moduleFormatName(format), QString::fromStdString(error));
    return {};
}

cv::Mat decodeWithModule(ModuleFormat format, const QByteArray &bytes, QString &error, QStringList &warnings,
                         bool halfSize)
{
    const LoadedModule &m = module();
    if (!m.table) {
        error = m.error;
        return {};
    }
    std::string why;
    std::string warning;
    cv::Mat image = format == ModuleFormat::Heif ? m.table->heifDecode(rawView(bytes), why)
        : format == ModuleFormat::JpegXl         ? m.table->jxlDecode(rawView(bytes), why)
                                                 : m.table->rawDecode(rawView(bytes), halfSize, warning, why);
    if (image.empty())
        error = QStringLiteral("the %1 image could not be decoded: %2")
                    .arg(moduleFormatName(format), QString::fromStdString(why));
    else if (!warning.empty())
        warnings << QString::fromStdString(warning);
    return image;
}

CmykToBgr decodeCmykTiffWithModule(const QByteArray &bytes, QString &error)
{
    const LoadedModule &m = module();
    if (!m.table) {
        error = m.error;
        return {};
    }
    std::string why;
    std::vector<uchar> profile;
    const cv::Mat inks = m.table->cmykTiffInks(rawView(bytes), profile, why);
    if (inks.empty()) {
        error = QStringLiteral("the CMYK TIFF could not be decoded: %1").arg(QString::fromStdString(why));
        return {};
    }
    return cmykToBgr(inks, InkEncoding::Plain, profile);
}

cv::Mat decodeTiffWithModule(const QByteArray &bytes, QString &why, QStringList &warnings)
{
    const LoadedModule &m = module();
    if (!m.table) {
        why = m.error;
        return {};
    }
    std::string error;
    std::string warning;
    cv::Mat page = m.table->tiffDecode(rawView(bytes), warning, error);
    if (page.empty())
        why = QString::fromStdString(error);
    else if (!warning.empty())
        warnings << QString::fromStdString(warning);
    return page;
}

QString heifMetadata(const QByteArray &bytes, std::vector<uchar> &exif, std::vector<uchar> &icc)
{
    const LoadedModule &m = module();
    if (!m.table)
        return m.error;
    std::string error;
    if (!m.table->heifMetadata(rawView(bytes), exif, icc, error))
        return QString::fromStdString(error);
    return {};
}

bool encodeTiffWithModule(const cv::Mat &image, int compression, std::vector<uchar> &bytes, QString &error)
{
    const LoadedModule &m = module();
    if (!m.table) {
        error = m.error;
        return false;
    }
    std::string why;
    if (!m.table->tiffEncode(image, compression, bytes, why)) {
        error = QStringLiteral("the TIFF encoder failed: %1").arg(QString::fromStdString(why));
        return false;
    }
    return true;
}

bool encodeWithOpenCv(const std::string &extension, const cv::Mat &image, const std::vector<int> &params,
                      std::vector<uchar> &bytes, QString &error)
{
    const LoadedModule &m = module();
    if (!m.table) {
        error = m.error;
        return false;
    }
    return m.table->encode(extension, image, params, bytes);
}

} // namespace pixelmill

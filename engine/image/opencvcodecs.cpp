// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/opencvcodecs.h"

#include <opencv2/imgcodecs.hpp> // flag values only; the functions live in the module

#include <QDir>
#include <QFileInfo>
#include <QStringList>

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

} // namespace

cv::Mat decodeWithOpenCv(const QByteArray &bytes, QString &error)
{
    const LoadedModule &m = module();
    if (!m.table) {
        error = m.error;
        return {};
    }
    const cv::Mat raw(1, int(bytes.size()), CV_8U, const_cast<char *>(bytes.constData()));
    return m.table->decode(raw, cv::IMREAD_UNCHANGED);
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

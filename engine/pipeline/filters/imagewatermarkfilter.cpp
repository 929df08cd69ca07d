// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/areashrink.h"
#include "engine/image/imagedecoder.h"
#include "engine/pipeline/anchor.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"
#include "engine/pipeline/filtererror.h"
#include "engine/scan/nativepath.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <mutex>

#include <sys/stat.h>

namespace pixelmill {

namespace {

cv::Mat decodeLogo(const QString &file)
{
    QByteArray bytes;
    QString error;
    if (!readRegularFile(file, bytes, error))
        throw FilterError(QStringLiteral("image_watermark: cannot read the logo %1: %2").arg(file, error));
    const DecodedImage decoded = decodeImage(bytes, DecodeOptions());
    if (!decoded.error.isEmpty())
        throw FilterError(QStringLiteral("image_watermark: the logo %1 cannot be used: %2").arg(file, decoded.error));
    cv::Mat logo = decoded.image;
    if (logo.depth() != CV_8U)
        logo.convertTo(logo, CV_8U, 255.0 / 65535.0);
    if (logo.channels() == 1)
        cv::cvtColor(logo, logo, cv::COLOR_GRAY2BGRA);
    else if (logo.channels() == 3)
        cv::cvtColor(logo, logo, cv::COLOR_BGR2BGRA);
    return logo;
}

// Every image of a batch asks for the same logo: it is decoded once, and again
// only when the file changes (another path, size, inode or modification time).
class LogoCache
{
public:
    cv::Mat logo(const QString &file)
    {
        struct stat now {};
        const bool found = ::stat(nativePath(file).constData(), &now) == 0;
        const std::lock_guard lock(m_mutex); // a second worker waits rather than decode it twice
        if (!found || file != m_path || now.st_size != m_seen.st_size || now.st_ino != m_seen.st_ino
            || now.st_mtim.tv_sec != m_seen.st_mtim.tv_sec || now.st_mtim.tv_nsec != m_seen.st_mtim.tv_nsec) {
            m_logo = decodeLogo(file); // throws for a missing or broken logo, leaving the cache as it was
            m_path = file;
            m_seen = now;
        }
        return m_logo; // shared read-only: the filter only reads it
    }

private:
    std::mutex m_mutex;
    QString m_path;
    struct stat m_seen {};
    cv::Mat m_logo;
};

LogoCache &logoCache()
{
    static LogoCache cache;
    return cache;
}

class ImageWatermarkFilter final : public SizePreservingFilter
{
public:
    ImageWatermarkFilter()
        : SizePreservingFilter(QStringLiteral("image_watermark"), QStringLiteral("Image watermark"),
            QStringLiteral("Overlay"),
            QStringLiteral("Places a logo (PNG with transparency) at one of nine positions, or tiles it over "
                           "the whole image, scaled relative to the image width."),
            {ParamSpec::text(QStringLiteral("file"), QStringLiteral("Logo file"), QString(),
                 QStringLiteral("Path of the watermark image; PNG with alpha works best.")),
                ParamSpec::real(QStringLiteral("scale"), QStringLiteral("Width"), 20.0, 1.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("Logo width as a share of the image width.")),
                ParamSpec::real(QStringLiteral("opacity"), QStringLiteral("Opacity"), 60.0, 0.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("0 is invisible, 100 uses the logo's own alpha.")),
                ParamSpec::choice(QStringLiteral("position"), QStringLiteral("Position"), anchorNames(),
                    QStringLiteral("bottom_right"), QStringLiteral("Where the logo sits (ignored when tiling).")),
                ParamSpec::real(QStringLiteral("margin"), QStringLiteral("Margin"), 2.0, 0.0, 25.0, 0.5,
                    QStringLiteral("%"), QStringLiteral("Distance from the edges, as a share of the shorter side.")),
                ParamSpec::boolean(QStringLiteral("tile"), QStringLiteral("Tile"), false,
                    QStringLiteral("Repeat the logo over the whole image."))})
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const QString file = p.value(QStringLiteral("file")).toString();
        if (file.isEmpty())
            return in;
        const cv::Mat logo = logoCache().logo(file);
        const int width = std::max(1, int(in.cols * p.value(QStringLiteral("scale")).toDouble() / 100.0));
        const int height = std::max(1, int(std::lround(double(logo.rows) * width / logo.cols)));
        cv::Mat sized;
        if (width < logo.cols)
            resizeByArea(logo, cv::Size(width, height), sized);
        else
            cv::resize(logo, sized, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
        const double opacity = p.value(QStringLiteral("opacity")).toDouble() / 100.0;
        cv::Mat out = in.clone();
        if (p.value(QStringLiteral("tile")).toBool()) {
            for (int y = 0; y < out.rows; y += height * 2)
                for (int x = (y / (height * 2)) % 2 ? width : 0; x < out.cols; x += width * 2)
                    blendOverlay(out, sized, cv::Point(x, y), opacity);
            return out;
        }
        const int margin = int(std::min(in.cols, in.rows) * p.value(QStringLiteral("margin")).toDouble() / 100.0);
        blendOverlay(out, sized,
                     anchoredOrigin(p.value(QStringLiteral("position")).toString(), in.size(), sized.size(), margin),
                     opacity);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeImageWatermarkFilter()
{
    return std::make_unique<ImageWatermarkFilter>();
}

} // namespace pixelmill

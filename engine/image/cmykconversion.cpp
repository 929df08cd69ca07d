// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/cmykconversion.h"

#include "engine/image/iccprofile.h"
#include "engine/image/inkgrid.h"
#include "engine/image/rowbands.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>

#include <lcms2.h>

namespace pixelmill {

namespace {

// Inks as 0 = none, whatever the file stored.
template<typename T>
uint32_t plainInk(T stored, InkEncoding encoding, uint32_t full)
{
    return encoding == InkEncoding::Inverted ? full - stored : stored;
}

// OpenCV's rounding for Adobe's 8-bit JPEGs (so unprofiled files decode as
// cv::imdecode's do), libtiff's for the rest.
template<typename T>
T lightOf(uint32_t ink, uint32_t black, InkEncoding encoding)
{
    constexpr uint32_t full = std::numeric_limits<T>::max();
    if (encoding == InkEncoding::Inverted && full == 255) {
        const uint32_t k = full - black;
        return T(k - ((ink * k) >> 8));
    }
    return T((full - ink) * (full - black) / full);
}

template<typename T>
void convertByFormula(const cv::Mat &inks, cv::Mat &bgr, InkEncoding encoding)
{
    constexpr uint32_t full = std::numeric_limits<T>::max();
    const int in = inks.channels();
    const int out = bgr.channels();
    forRowBands(inks.rows, [&](const cv::Range &rows) {
        for (int y = rows.start; y < rows.end; ++y) {
            const T *p = inks.ptr<T>(y);
            T *q = bgr.ptr<T>(y);
            for (int x = 0; x < inks.cols; ++x, p += in, q += out) {
                const uint32_t black = plainInk(p[3], encoding, full);
                q[0] = lightOf<T>(plainInk(p[2], encoding, full), black, encoding);
                q[1] = lightOf<T>(plainInk(p[1], encoding, full), black, encoding);
                q[2] = lightOf<T>(plainInk(p[0], encoding, full), black, encoding);
                if (out == 4)
                    q[3] = p[4];
            }
        }
    });
}

// A transform owns the lcms2 context it was made in; lcms2 reports its errors
// there, and they go nowhere (the caller falls back to the formula). It gives
// BGR of the inks' sample size, BGRA when they carry an extra (alpha) sample.
class ProfileTransform
{
public:
    ProfileTransform(const QByteArray &profile, cmsUInt32Number inputFormat)
        : m_context(cmsCreateContext(nullptr, nullptr))
    {
        if (!m_context)
            return;
        const bool alpha = T_EXTRA(inputFormat) != 0;
        const cmsUInt32Number outputFormat = COLORSPACE_SH(PT_RGB) | CHANNELS_SH(3)
            | BYTES_SH(T_BYTES(inputFormat)) | DOSWAP_SH(1) | (alpha ? EXTRA_SH(1) | SWAPFIRST_SH(1) : 0);
        cmsHPROFILE cmyk
            = cmsOpenProfileFromMemTHR(m_context, profile.constData(), cmsUInt32Number(profile.size()));
        cmsHPROFILE srgb = cmsCreate_sRGBProfileTHR(m_context);
        if (cmyk && srgb && cmsGetColorSpace(cmyk) == cmsSigCmykData) {
            // NOCACHE: lcms2's one-pixel cache is the only state a transform
            // changes, so without it several workers may share one.
            const cmsUInt32Number flags
                = cmsFLAGS_BLACKPOINTCOMPENSATION | cmsFLAGS_NOCACHE | (alpha ? cmsFLAGS_COPY_ALPHA : 0);
            m_transform = cmsCreateTransformTHR(
                m_context, cmyk, inputFormat, srgb, outputFormat, INTENT_RELATIVE_COLORIMETRIC, flags);
        }
        if (cmyk)
            cmsCloseProfile(cmyk);
        if (srgb)
            cmsCloseProfile(srgb);
    }
    ~ProfileTransform()
    {
        if (m_transform)
            cmsDeleteTransform(m_transform);
        if (m_context)
            cmsDeleteContext(m_context);
    }
    ProfileTransform(const ProfileTransform &) = delete;
    ProfileTransform &operator=(const ProfileTransform &) = delete;

    bool usable() const { return m_transform != nullptr; }
    void sample(const uint16_t *inks, uint16_t *bgr, int count) const
    {
        cmsDoTransform(m_transform, inks, bgr, cmsUInt32Number(count));
    }
    void apply(const cv::Mat &inks, cv::Mat &bgr) const
    {
        forRowBands(inks.rows, [&](const cv::Range &rows) {
            cmsDoTransformLineStride(m_transform, inks.ptr(rows.start), bgr.ptr(rows.start),
                cmsUInt32Number(inks.cols), cmsUInt32Number(rows.size()), cmsUInt32Number(inks.step),
                cmsUInt32Number(bgr.step), 0, 0);
        });
    }

private:
    cmsContext m_context = nullptr;
    cmsHTRANSFORM m_transform = nullptr;
};

// One profile's conversions: lcms2 itself for 16-bit inks; for 8-bit ones,
// which every CMYK JPEG has, its transform sampled into an InkGrid.
struct ProfileConversion
{
    std::unique_ptr<const ProfileTransform> transform;
    std::unique_ptr<const InkGrid> grid;
};

// The last few conversions, by profile and pixel layout: building one samples
// the profile (about 40 ms, the grid 6 more); converting is cheap.
class ConversionCache
{
public:
    std::shared_ptr<const ProfileConversion> get(
        std::span<const unsigned char> profile, cmsUInt32Number inputFormat)
    {
        const QByteArray bytes = QByteArray::fromRawData(
            reinterpret_cast<const char *>(profile.data()), qsizetype(profile.size()));
        // By digest: profiles reach megabytes, and the entries would hold them.
        const QByteArray key = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256)
            + QByteArray(reinterpret_cast<const char *>(&inputFormat), sizeof inputFormat);
        {
            const std::lock_guard lock(m_mutex);
            for (const Entry &entry : m_entries)
                if (entry.key == key)
                    return entry.conversion;
        }
        auto made = std::make_shared<ProfileConversion>();
        made->transform = std::make_unique<const ProfileTransform>(bytes, inputFormat);
        if (made->transform->usable() && inputFormat == kPlainInks16)
            made->grid = std::make_unique<const InkGrid>([&](const uint16_t *inks, uint16_t *bgr, int count) {
                made->transform->sample(inks, bgr, count);
            });
        const std::lock_guard lock(m_mutex);
        m_entries.push_front({key, made});
        if (m_entries.size() > kKept)
            m_entries.pop_back();
        return made;
    }

    static constexpr cmsUInt32Number kPlainInks16 = TYPE_CMYK_16;

private:
    static constexpr size_t kKept = 4;
    struct Entry
    {
        QByteArray key;
        std::shared_ptr<const ProfileConversion> conversion;
    };
    std::mutex m_mutex;
    std::deque<Entry> m_entries;
};

ConversionCache &conversions()
{
    static ConversionCache cache;
    return cache;
}

bool convertThroughProfile(
    const cv::Mat &inks, cv::Mat &bgr, InkEncoding encoding, std::span<const unsigned char> profile)
{
    // A cut-off profile is not guessed at (the metadata step warns about it).
    if (profile.empty() || !iccProfileProblem(profile.data(), profile.size()).isEmpty())
        return false;
    if (inks.depth() == CV_8U) {
        const std::shared_ptr<const ProfileConversion> conversion
            = conversions().get(profile, ConversionCache::kPlainInks16);
        if (!conversion->grid)
            return false;
        conversion->grid->apply(inks, encoding, bgr);
        return true;
    }
    const bool alpha = inks.channels() == 5;
    const cmsUInt32Number input = COLORSPACE_SH(PT_CMYK) | CHANNELS_SH(4) | BYTES_SH(2)
        | EXTRA_SH(alpha ? 1 : 0) | FLAVOR_SH(encoding == InkEncoding::Inverted ? 1 : 0);
    const std::shared_ptr<const ProfileConversion> conversion = conversions().get(profile, input);
    if (!conversion->transform->usable())
        return false;
    conversion->transform->apply(inks, bgr);
    return true;
}

} // namespace

CmykToBgr cmykToBgr(const cv::Mat &inks, InkEncoding encoding, std::span<const unsigned char> iccProfile)
{
    CV_Assert(
        (inks.channels() == 4 || inks.channels() == 5) && (inks.depth() == CV_8U || inks.depth() == CV_16U));
    CmykToBgr result;
    result.bgr.create(inks.size(), CV_MAKETYPE(inks.depth(), inks.channels() == 5 ? 4 : 3));
    if (convertThroughProfile(inks, result.bgr, encoding, iccProfile)) {
        result.inks = InkLight::ThroughProfile;
        return result;
    }
    if (inks.depth() == CV_8U)
        convertByFormula<uint8_t>(inks, result.bgr, encoding);
    else
        convertByFormula<uint16_t>(inks, result.bgr, encoding);
    return result;
}

} // namespace pixelmill

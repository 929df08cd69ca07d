// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Built as a loadable module, the only Pixelmill code linked to imgcodecs (and libheif, libjxl, LibRaw, libtiff).
#include "engine/image/cmyktiffmodulecodec.h"
#include "engine/image/heifmodulecodec.h"
#include "engine/image/jxlmodulecodec.h"
#include "engine/image/opencvcodectable.h"
#include "engine/image/rawmodulecodec.h"
#include "engine/image/tiffencoder.h"
#include "engine/image/tiffmodulecodec.h"

#include <opencv2/imgcodecs.hpp>

#include <iostream>
#include <mutex>

namespace {

class DiscardingBuffer final : public std::streambuf
{
protected:
    int overflow(int c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char *, std::streamsize n) override { return n; }
};

// imdecode catches its decoder's exception and prints it to std::cerr itself,
// without a file name; the caller reports the failure as that file's error.
// std::cerr is shared by the process: the first decode to start takes it
// over, the last one to end gives it back, so decodes on several workers
// never restore each other's stand-in.
class CerrSilenced
{
public:
    CerrSilenced()
    {
        const std::lock_guard lock(s_mutex);
        if (s_depth++ == 0)
            s_saved = std::cerr.rdbuf(&s_discard);
    }
    ~CerrSilenced()
    {
        const std::lock_guard lock(s_mutex);
        if (--s_depth == 0)
            std::cerr.rdbuf(s_saved);
    }
    CerrSilenced(const CerrSilenced &) = delete;
    CerrSilenced &operator=(const CerrSilenced &) = delete;

private:
    static inline std::mutex s_mutex;
    static inline int s_depth = 0;
    static inline std::streambuf *s_saved = nullptr;
    static inline DiscardingBuffer s_discard;
};

cv::Mat decode(const cv::Mat &raw, int flags)
{
    const CerrSilenced quiet;
    return cv::imdecode(raw, flags);
}

bool encode(const std::string &extension, const cv::Mat &image, const std::vector<int> &params,
            std::vector<uchar> &bytes)
{
    return cv::imencode(extension, image, bytes, params);
}

const pixelmill::OpenCvCodecTable table {pixelmill::kOpenCvCodecTableVersion, &decode, &encode,
    &pixelmill::heifImageSize, &pixelmill::heifDecode, &pixelmill::heifMetadata, &pixelmill::jxlImageSize,
    &pixelmill::jxlDecode, &pixelmill::rawImageSize, &pixelmill::rawDecode, &pixelmill::cmykTiffInks,
    &pixelmill::tiffDecode, &pixelmill::tiffEncode};

} // namespace

extern "C" __attribute__((visibility("default"))) const pixelmill::OpenCvCodecTable *pixelmill_opencv_codecs()
{
    return &table;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// Inside the codec module: plain C++ and OpenCV, no Qt.
#pragma once

#include <opencv2/core.hpp>

#include <cstdarg>
#include <functional>
#include <string>

#include <tiffio.h>

namespace pixelmill {

/// libtiff's error handler (TIFFOpenOptionsSetErrorHandlerExtR): keeps the
/// first message in the std::string `firstError` points to, off the console.
int keepFirstTiffError(TIFF *, void *firstError, const char *module, const char *format, va_list args);
/// libtiff's warning handler: warnings are not the user's business.
int ignoreTiffWarning(TIFF *, void *, const char *, const char *, va_list);

/// What decoding a TIFF page needs to know from its directory.
struct TiffPageLayout
{
    uint32_t width = 0;
    uint32_t height = 0;
    uint16_t bits = 1;
    uint16_t samples = 1;
    uint16_t photometric = PHOTOMETRIC_MINISBLACK;
    uint16_t sampleFormat = SAMPLEFORMAT_UINT;
    uint16_t planar = PLANARCONFIG_CONTIG;
    uint16_t orientation = ORIENTATION_TOPLEFT; ///< 1..8
    uint16_t inkSet = INKSET_CMYK;
    int colours = 1; ///< samples of colour: 1 grey or palette, 4 separated (inks), else 3
    bool alpha = false; ///< the sample after the colours is alpha
    bool associated = false; ///< ... premultiplied into them

    /// Grey levels (MinIsBlack or MinIsWhite), as opposed to a palette or colours.
    bool greyLevels() const
    {
        return photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
    }

    /// Empty when a page of this size and sample count can be read whole;
    /// else why not (no size, over 2^20 a side, none or more than 8 samples:
    /// a hostile header could declare hundreds).
    std::string unreadableShape() const;
};

/// A TIFF read by libtiff from bytes in memory (`raw`, one row of bytes, not
/// copied: it must outlive this). libtiff's messages never reach the console;
/// the first error is kept to explain a failure.
class TiffMemoryReader
{
public:
    explicit TiffMemoryReader(const cv::Mat &raw);
    ~TiffMemoryReader();
    TiffMemoryReader(const TiffMemoryReader &) = delete;
    TiffMemoryReader &operator=(const TiffMemoryReader &) = delete;

    /// The first directory, or null when libtiff cannot open the bytes.
    TIFF *tiff() const { return m_tiff; }

    /// The current page's layout, with libtiff's defaults for missing tags.
    TiffPageLayout pageLayout() const;

    /// `why`, followed by libtiff's first error in parentheses when it gave one.
    std::string explained(const std::string &why) const;

    /// Reads the current page's samples as stored into `page`, whose size,
    /// depth (the sample size) and channels (samples per pixel) the caller
    /// sets: strips or tiles, interleaved or planar (`planar`), any
    /// compression libtiff reads. `rowsDone`, if given, is called on each band
    /// of rows as soon as it is complete (each strip or row of tiles while it
    /// is still in the cache; the whole page at once when planar). False with
    /// `error` set when data is missing or damaged; with `damage`, a strip or
    /// tile that cannot be read is left zero and counted there instead, and
    /// only a page of which nothing could be read fails.
    struct Damage
    {
        int blocks = 0; ///< strips or tiles in the page
        int unreadable = 0;
    };
    bool readSamples(cv::Mat &page, bool planar, std::string &error,
        const std::function<void(cv::Mat rows)> &rowsDone = {}, Damage *damage = nullptr) const;

    struct Bytes
    {
        const uchar *data;
        toff_t size;
        toff_t at;
        std::string firstError;
    };

private:
    Bytes m_bytes;
    TIFF *m_tiff = nullptr;
};

} // namespace pixelmill

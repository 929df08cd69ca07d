// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pnmlevels.h"

#include <cctype>

namespace pixelmill {

namespace {

// The header's next number (after whitespace and # comments), or -1.
long nextNumber(const QByteArray &bytes, qsizetype &at)
{
    for (;;) {
        while (at < bytes.size() && std::isspace(uchar(bytes.at(at))))
            ++at;
        if (at < bytes.size() && bytes.at(at) == '#') {
            while (at < bytes.size() && bytes.at(at) != '\n' && bytes.at(at) != '\r')
                ++at;
            continue;
        }
        break;
    }
    long value = -1;
    while (at < bytes.size() && std::isdigit(uchar(bytes.at(at))) && value < 1'000'000)
        value = (value < 0 ? 0 : value * 10) + (bytes.at(at++) - '0');
    return value;
}

} // namespace

cv::Mat withFullPnmRange(const QByteArray &pnm, const cv::Mat &image)
{
    if (pnm.size() < 3 || pnm.at(0) != 'P' || image.empty())
        return image;
    const char kind = pnm.at(1);
    const bool ascii = kind == '2' || kind == '3';
    if (!ascii && kind != '5' && kind != '6')
        return image; // bitmaps have no maximum value
    qsizetype at = 2;
    const long width = nextNumber(pnm, at);
    const long height = nextNumber(pnm, at);
    const long maximum = nextNumber(pnm, at);
    if (width <= 0 || height <= 0 || maximum <= 0 || maximum > 65535)
        return image;
    const double full = maximum < 256 ? 255.0 : 65535.0;
    if (maximum == long(full) || (ascii && maximum < 256))
        return image; // full scale already, or stretched by OpenCV
    cv::Mat stretched;
    image.convertTo(stretched, image.depth(), full / double(maximum));
    return stretched;
}

} // namespace pixelmill

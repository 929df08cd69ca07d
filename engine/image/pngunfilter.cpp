// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pngunfilter.h"

#include "engine/export/pngrows.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pixelmill {

namespace {

template<typename Predict>
void unfilterBytes(const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length, size_t bpp,
                   Predict predict)
{
    const size_t head = bpp < length ? bpp : length;
    for (size_t i = 0; i < head; ++i)
        out[i] = uint8_t(filtered[i] + predict(0, prior[i], 0));
    for (size_t i = head; i < length; ++i)
        out[i] = uint8_t(filtered[i] + predict(out[i - bpp], prior[i], prior[i - bpp]));
}

bool unfilterAnyWidth(int filter, const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length,
                      size_t bpp)
{
    switch (filter) {
    case 1:
        unfilterBytes(filtered, prior, out, length, bpp, [](int left, int, int) { return left; });
        return true;
    case 3:
        unfilterBytes(filtered, prior, out, length, bpp, [](int left, int up, int) { return (left + up) / 2; });
        return true;
    case 4:
        unfilterBytes(filtered, prior, out, length, bpp, paethPredictor);
        return true;
    default:
        return false;
    }
}

#if defined(__SSE2__)

// One pixel in the low lanes of a register. Every pixel but a row's last moves
// as a whole word (4 bytes up to 4-byte pixels, 8 up to 8) even when it is
// shorter: a 3- or 6-byte copy through memory stalls store forwarding, and the
// extra lanes never reach another (the bytes stored past the pixel are the next
// pixel's, written right after).
template<size_t Bpp>
__m128i loadPixel(const uint8_t *p, bool last)
{
    if constexpr (Bpp <= 4) {
        uint32_t v = 0;
        std::memcpy(&v, p, Bpp == 4 || !last ? 4 : Bpp);
        return _mm_cvtsi32_si128(int(v));
    } else {
        uint64_t v = 0;
        std::memcpy(&v, p, Bpp == 8 || !last ? 8 : Bpp);
        return _mm_loadl_epi64(reinterpret_cast<const __m128i *>(&v)); // also on 32-bit x86
    }
}

template<size_t Bpp>
void storePixel(uint8_t *p, __m128i v, bool last)
{
    if constexpr (Bpp <= 4) {
        const uint32_t x = uint32_t(_mm_cvtsi128_si32(v));
        std::memcpy(p, &x, Bpp == 4 || !last ? 4 : Bpp);
    } else {
        uint64_t x;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(&x), v);
        std::memcpy(p, &x, Bpp == 8 || !last ? 8 : Bpp);
    }
}

// Runs `step(i, last)` for each pixel; the last one apart, so that the loop
// body for the others has constant-size copies.
template<size_t Bpp, typename Step>
void forEachPixel(size_t length, Step step)
{
    if (length == 0)
        return;
    for (size_t i = 0; i + Bpp < length; i += Bpp)
        step(i, false);
    step(length - Bpp, true);
}

template<size_t Bpp>
void unfilterSub(const uint8_t *filtered, uint8_t *out, size_t length)
{
    __m128i left = _mm_setzero_si128();
    forEachPixel<Bpp>(length, [&](size_t i, bool last) {
        left = _mm_add_epi8(loadPixel<Bpp>(filtered + i, last), left);
        storePixel<Bpp>(out + i, left, last);
    });
}

template<size_t Bpp>
void unfilterAverage(const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length)
{
    const __m128i one = _mm_set1_epi8(1);
    __m128i left = _mm_setzero_si128();
    forEachPixel<Bpp>(length, [&](size_t i, bool last) {
        const __m128i up = loadPixel<Bpp>(prior + i, last);
        // pavgb rounds up; PNG's average rounds down, one less where the sum is odd.
        const __m128i average = _mm_sub_epi8(_mm_avg_epu8(left, up), _mm_and_si128(_mm_xor_si128(left, up), one));
        left = _mm_add_epi8(loadPixel<Bpp>(filtered + i, last), average);
        storePixel<Bpp>(out + i, left, last);
    });
}

__m128i absolute16(__m128i v)
{
    return _mm_max_epi16(v, _mm_sub_epi16(_mm_setzero_si128(), v));
}

__m128i select(__m128i mask, __m128i ifSet, __m128i otherwise)
{
    return _mm_or_si128(_mm_and_si128(mask, ifSet), _mm_andnot_si128(mask, otherwise));
}

// The Paeth predictor of pngrows.h, in 16-bit lanes: |p - a| = |b - c|,
// |p - b| = |a - c|, |p - c| = |a + b - 2c|, ties going to a, then b.
template<size_t Bpp>
void unfilterPaeth(const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i lowByte = _mm_set1_epi16(0xff);
    __m128i left = zero;
    __m128i upLeft = zero;
    forEachPixel<Bpp>(length, [&](size_t i, bool last) {
        const __m128i up = _mm_unpacklo_epi8(loadPixel<Bpp>(prior + i, last), zero);
        const __m128i upMinusCorner = _mm_sub_epi16(up, upLeft);
        const __m128i leftMinusCorner = _mm_sub_epi16(left, upLeft);
        const __m128i toLeft = absolute16(upMinusCorner);
        const __m128i toUp = absolute16(leftMinusCorner);
        const __m128i toCorner = absolute16(_mm_add_epi16(upMinusCorner, leftMinusCorner));
        const __m128i nearest = _mm_min_epi16(toLeft, _mm_min_epi16(toUp, toCorner));
        __m128i predicted = select(_mm_cmpeq_epi16(toUp, nearest), up, upLeft);
        predicted = select(_mm_cmpeq_epi16(toLeft, nearest), left, predicted);
        const __m128i value = _mm_unpacklo_epi8(loadPixel<Bpp>(filtered + i, last), zero);
        left = _mm_and_si128(_mm_add_epi16(value, predicted), lowByte);
        storePixel<Bpp>(out + i, _mm_packus_epi16(left, left), last);
        upLeft = up;
    });
}

template<size_t Bpp>
bool unfilterPixels(int filter, const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length)
{
    switch (filter) {
    case 1:
        unfilterSub<Bpp>(filtered, out, length);
        return true;
    case 3:
        unfilterAverage<Bpp>(filtered, prior, out, length);
        return true;
    case 4:
        unfilterPaeth<Bpp>(filtered, prior, out, length);
        return true;
    default:
        return false;
    }
}

#endif

} // namespace

bool unfilterPngRow(int filter, const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length,
                    size_t bpp)
{
    if (filter == 0) {
        std::memcpy(out, filtered, length);
        return true;
    }
    if (filter == 2) {
        for (size_t i = 0; i < length; ++i)
            out[i] = uint8_t(filtered[i] + prior[i]);
        return true;
    }
#if defined(__SSE2__)
    if (length % bpp == 0) {
        switch (bpp) {
        case 3:
            return unfilterPixels<3>(filter, filtered, prior, out, length);
        case 4:
            return unfilterPixels<4>(filter, filtered, prior, out, length);
        case 6:
            return unfilterPixels<6>(filter, filtered, prior, out, length);
        case 8:
            return unfilterPixels<8>(filter, filtered, prior, out, length);
        default:
            break;
        }
    }
#endif
    return unfilterAnyWidth(filter, filtered, prior, out, length, bpp);
}

} // namespace pixelmill

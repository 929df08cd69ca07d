// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/pngunfilter.h"

#include "engine/export/pngrows.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

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

// `filtered` plus the Paeth predictor of pngrows.h, modulo 256, in 16-bit
// lanes: |p - a| = |b - c|, |p - b| = |a - c|, |p - c| = |a + b - 2c|, ties
// going to a, then b.
// Always inlined: a call would sit on the chain each pixel waits for.
[[gnu::always_inline]] inline __m128i paethStep(__m128i filtered, __m128i left, __m128i up, __m128i upLeft)
{
    const __m128i upMinusCorner = _mm_sub_epi16(up, upLeft);
    const __m128i leftMinusCorner = _mm_sub_epi16(left, upLeft);
    const __m128i toLeft = absolute16(upMinusCorner);
    const __m128i toUp = absolute16(leftMinusCorner);
    const __m128i toCorner = absolute16(_mm_add_epi16(upMinusCorner, leftMinusCorner));
    const __m128i nearest = _mm_min_epi16(toLeft, _mm_min_epi16(toUp, toCorner));
    __m128i predicted = select(_mm_cmpeq_epi16(toUp, nearest), up, upLeft);
    predicted = select(_mm_cmpeq_epi16(toLeft, nearest), left, predicted);
    return _mm_and_si128(_mm_add_epi16(filtered, predicted), _mm_set1_epi16(0xff));
}

template<size_t Bpp>
void unfilterPaeth(const uint8_t *filtered, const uint8_t *prior, uint8_t *out, size_t length)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i left = zero;
    __m128i upLeft = zero;
    forEachPixel<Bpp>(length, [&](size_t i, bool last) {
        const __m128i up = _mm_unpacklo_epi8(loadPixel<Bpp>(prior + i, last), zero);
        left = paethStep(_mm_unpacklo_epi8(loadPixel<Bpp>(filtered + i, last), zero), left, up, upLeft);
        storePixel<Bpp>(out + i, _mm_packus_epi16(left, left), last);
        upLeft = up;
    });
}

// Two Paeth rows at once, as a wavefront: the lower row runs one pixel behind
// the upper, so each step has the inputs of both pixels. The upper pixel lives
// in the low four 16-bit lanes, the lower one in the high four, and one chain
// of instructions serves both: a row's pixels wait on their left neighbour,
// but the two rows' chains are independent, so a step costs about as much as
// one pixel of a single row.
template<size_t Bpp>
void unfilterPaethPair(const uint8_t *filteredA, const uint8_t *filteredB, const uint8_t *prior, uint8_t *outA,
                       uint8_t *outB, size_t pixels)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i left = zero;   // A[x-1] | B[x-2]
    __m128i upLeft = zero; // prior[x-1] | A[x-2]
    // Which row has a pixel at step x, and whether it is that row's last, are
    // compile-time flags: the copies of a row's last pixel are shorter.
    const auto step = [&](size_t x, auto upperLive, auto lowerLive, auto upperLast, auto lowerLast) {
        __m128i priorPixel = zero;
        __m128i filteredUpper = zero;
        __m128i filteredLower = zero;
        if constexpr (decltype(upperLive)::value) {
            priorPixel = loadPixel<Bpp>(prior + x * Bpp, upperLast);
            filteredUpper = loadPixel<Bpp>(filteredA + x * Bpp, upperLast);
        }
        if constexpr (decltype(lowerLive)::value)
            filteredLower = loadPixel<Bpp>(filteredB + (x - 1) * Bpp, lowerLast);
        const __m128i up = _mm_unpacklo_epi64(_mm_unpacklo_epi8(priorPixel, zero), left);
        const __m128i value = _mm_unpacklo_epi8(_mm_unpacklo_epi32(filteredUpper, filteredLower), zero);
        // At x = 0 every input of the lower row's lanes is zero, and so is its
        // "pixel -1": the left neighbour its pixel 0 needs.
        const __m128i result = paethStep(value, left, up, upLeft);
        const __m128i packed = _mm_packus_epi16(result, result);
        if constexpr (decltype(upperLive)::value)
            storePixel<Bpp>(outA + x * Bpp, packed, upperLast);
        if constexpr (decltype(lowerLive)::value)
            storePixel<Bpp>(outB + (x - 1) * Bpp, _mm_srli_si128(packed, 4), lowerLast);
        left = result;
        upLeft = up;
    };
    const std::true_type yes;
    const std::false_type no;
    if (pixels == 0)
        return;
    if (pixels == 1) {
        step(0, yes, no, yes, no);
        step(1, no, yes, no, yes);
        return;
    }
    step(0, yes, no, no, no);
    for (size_t x = 1; x + 1 < pixels; ++x)
        step(x, yes, yes, no, no);
    step(pixels - 1, yes, yes, yes, no);
    step(pixels, no, yes, no, yes);
}

// Four Paeth rows at once: two of the pairs above, the lower pair one more
// pixel behind (row r is at pixel x - r at step x). The two pairs' chains are
// independent within a step, so the processor runs them side by side. Rows not
// yet started, or finished, take zeros and store nothing: a row's "pixel -1"
// and the corner above it are zero, which is what the zeros compute.
template<size_t Bpp>
void unfilterPaethQuad(const uint8_t *const filtered[4], const uint8_t *prior, uint8_t *const out[4], size_t pixels)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i left[2] = {zero, zero};   // per pair: upper row's x-1 | lower row's x-2, in its own lag
    __m128i upLeft[2] = {zero, zero}; // per pair: the ups of the step before
    const auto step = [&](size_t x, auto steady) {
        __m128i loaded[4];
        for (size_t r = 0; r < 4; ++r) {
            if constexpr (decltype(steady)::value) {
                loaded[r] = loadPixel<Bpp>(filtered[r] + (x - r) * Bpp, false);
            } else {
                const bool live = x >= r && x - r < pixels;
                loaded[r] = live ? loadPixel<Bpp>(filtered[r] + (x - r) * Bpp, x - r + 1 == pixels) : zero;
            }
        }
        __m128i priorPixel = zero;
        if (decltype(steady)::value || x < pixels)
            priorPixel = loadPixel<Bpp>(prior + x * Bpp, !decltype(steady)::value && x + 1 == pixels);
        // The upper row of the second pair sits under the first pair's lower
        // row, whose pixel x - 2 is the high half of that pair's last result.
        const __m128i up0 = _mm_unpacklo_epi64(_mm_unpacklo_epi8(priorPixel, zero), left[0]);
        const __m128i up1 = _mm_unpacklo_epi64(_mm_unpackhi_epi64(left[0], left[0]), left[1]);
        const __m128i value0 = _mm_unpacklo_epi8(_mm_unpacklo_epi32(loaded[0], loaded[1]), zero);
        const __m128i value1 = _mm_unpacklo_epi8(_mm_unpacklo_epi32(loaded[2], loaded[3]), zero);
        left[0] = paethStep(value0, left[0], up0, upLeft[0]);
        left[1] = paethStep(value1, left[1], up1, upLeft[1]);
        upLeft[0] = up0;
        upLeft[1] = up1;
        const __m128i packed[2] = {_mm_packus_epi16(left[0], left[0]), _mm_packus_epi16(left[1], left[1])};
        for (size_t r = 0; r < 4; ++r) {
            const __m128i pixel = r % 2 == 0 ? packed[r / 2] : _mm_srli_si128(packed[r / 2], 4);
            if constexpr (decltype(steady)::value) {
                storePixel<Bpp>(out[r] + (x - r) * Bpp, pixel, false);
            } else if (x >= r && x - r < pixels) {
                storePixel<Bpp>(out[r] + (x - r) * Bpp, pixel, x - r + 1 == pixels);
            }
        }
    };
    // Steady: every row has started and none is at its last pixel.
    const size_t steadyEnd = pixels >= 1 ? pixels - 1 : 0;
    size_t x = 0;
    for (; x < std::min<size_t>(3, steadyEnd); ++x)
        step(x, std::false_type());
    for (; x < steadyEnd; ++x)
        step(x, std::true_type());
    for (; x < pixels + 3; ++x)
        step(x, std::false_type());
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
        size_t i = 0;
#if defined(__SSE2__)
        for (; i + 16 <= length; i += 16) {
            const __m128i sum = _mm_add_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(filtered + i)),
                                             _mm_loadu_si128(reinterpret_cast<const __m128i *>(prior + i)));
            _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), sum);
        }
#endif
        for (; i < length; ++i)
            out[i] = uint8_t(filtered[i] + prior[i]);
        return true;
    }
#if defined(__SSE2__)
    if (length % bpp == 0) {
        switch (bpp) {
        case 2:
            return unfilterPixels<2>(filter, filtered, prior, out, length);
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

bool unfilterPaethRowPair(const uint8_t *filteredUpper, const uint8_t *filteredLower, const uint8_t *prior,
                          uint8_t *outUpper, uint8_t *outLower, size_t length, size_t bpp)
{
#if defined(__SSE2__)
    if (length % bpp == 0) {
        switch (bpp) {
        case 2:
            unfilterPaethPair<2>(filteredUpper, filteredLower, prior, outUpper, outLower, length / 2);
            return true;
        case 3:
            unfilterPaethPair<3>(filteredUpper, filteredLower, prior, outUpper, outLower, length / 3);
            return true;
        case 4:
            unfilterPaethPair<4>(filteredUpper, filteredLower, prior, outUpper, outLower, length / 4);
            return true;
        default:
            break;
        }
    }
#else
    (void)filteredUpper, (void)filteredLower, (void)prior, (void)outUpper, (void)outLower, (void)length, (void)bpp;
#endif
    return false;
}

bool unfilterPaethRowQuad(const uint8_t *const filtered[4], const uint8_t *prior, uint8_t *const out[4],
                          size_t length, size_t bpp)
{
#if defined(__SSE2__)
    if (length % bpp == 0) {
        switch (bpp) {
        case 2:
            unfilterPaethQuad<2>(filtered, prior, out, length / 2);
            return true;
        case 3:
            unfilterPaethQuad<3>(filtered, prior, out, length / 3);
            return true;
        case 4:
            unfilterPaethQuad<4>(filtered, prior, out, length / 4);
            return true;
        default:
            break;
        }
    }
#else
    (void)filtered, (void)prior, (void)out, (void)length, (void)bpp;
#endif
    return false;
}

} // namespace pixelmill

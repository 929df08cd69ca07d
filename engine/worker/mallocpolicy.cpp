// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/mallocpolicy.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pixelmill {

void keepFreedImageMemoryForReuse()
{
#if defined(__GLIBC__)
    // Blocks up to 32 MiB (the most glibc accepts; larger ones are always
    // mapped on their own) come from the heap. Fixed thresholds also stop
    // glibc's own adjustment, which otherwise trims the heap back to the
    // kernel after large frees; the pad grows it in steps of 16 MiB.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}

void returnFreedImageMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace pixelmill

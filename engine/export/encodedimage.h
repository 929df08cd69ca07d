// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>

#include <vector>

namespace pixelmill {

/// A whole encoded file in memory, or why there is none.
struct EncodedImage
{
    std::vector<unsigned char> bytes;
    QString error;
};

} // namespace pixelmill

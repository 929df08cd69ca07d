// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"

#include <opencv2/core.hpp>

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>
#include <vector>

namespace pixelmill {

/// A copy of an input's EXIF, IPTC, XMP and ICC profile (read with exiv2),
/// carried from decoding to the written output. Cheap to copy; immutable.
class SourceMetadata
{
public:
    /// Reads what the bytes hold; an unreadable block only sets `warning`.
    static SourceMetadata read(const QByteArray &bytes, QString *warning);

    bool isEmpty() const;
    bool hasIccProfile() const;
    /// Why the input's ICC profile is damaged and was dropped; empty when it
    /// had none or it was sound.
    QString iccProfileProblem() const;
    /// The colour space the kept ICC profile describes ("RGB ", "GRAY",
    /// "CMYK", ...); empty without one.
    QByteArray iccColourSpace() const;
    QString cameraModel() const; ///< Exif.Image.Model, trimmed; empty when unknown
    QDateTime dateTaken() const; ///< Exif.Photo.DateTimeOriginal; invalid when unknown

    /// Writes the metadata into an encoded image according to the policy:
    /// orientation set to normal (pixels are already upright), the stale EXIF
    /// thumbnail dropped, pixel dimensions updated, GPS removed under
    /// StripLocation; the ICC profile is kept when `keepIcc`. On failure the
    /// bytes are unchanged and `warning` says why. Thread-safe.
    bool embedInto(std::vector<uchar> &encoded, ImageFormat format, MetadataPolicy policy,
                   bool keepIcc, cv::Size outputSize, QString *warning) const;

    struct Data;

private:
    std::shared_ptr<const Data> m_data;
};

} // namespace pixelmill

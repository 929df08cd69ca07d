// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/exportoptions.h"
#include "engine/export/nametemplate.h"

#include <QString>

namespace pixelmill {

class SourceMetadata;

/// The values a template can use for one input (EXIF ones when `metadata` is given).
NameContext nameContextFor(const ExportOptions &options, const QString &inputPath, int counter, int width,
                           int height, const SourceMetadata *metadata);

/// Where one input's output goes before any clash handling: the output folder,
/// the input's sub-folder when mirroring, and the rendered template. The
/// format's extension is appended when the template did not end with it.
/// A name longer than file systems allow (255 bytes, less room for a
/// "_123" the rename policy may add) loses the end of its base name, never
/// its extension; `shortened` says whether that happened.
QString plannedOutputPath(const ExportOptions &options, const NameTemplate &name,
                          const QString &inputPath, const QString &relativeDir, int counter,
                          int width, int height, const SourceMetadata *metadata = nullptr,
                          bool *shortened = nullptr);

/// Whether an output's name follows from its input's path alone (no size, date
/// taken or format read from the image): such names are chosen as a job starts,
/// in queue order, and the plan and the batch agree on them.
bool namesKnownBeforeDecoding(const ExportOptions &options, const NameTemplate &name);

/// "photo.jpg" -> "photo_1.jpg": the n-th alternative name under the rename policy.
QString numberedPath(const QString &path, int n);

} // namespace pixelmill

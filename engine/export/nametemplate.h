// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace pixelmill {

/// Values a template can refer to, for one output.
struct NameContext
{
    QString baseName; ///< input file name without its last extension
    QString extension; ///< output format extension, no dot
    int counter = 1; ///< 1-based position of the input in the batch
    int width = 0; ///< output pixels
    int height = 0;
    QString parent; ///< name of the input's folder
    QDateTime date; ///< input file's modification time
    QDateTime dateTaken; ///< EXIF DateTimeOriginal; {taken} falls back to `date`
    QString camera; ///< EXIF camera model; {camera} is "unknown-camera" without one
    /// The input's own extension, lower-case, no dot: a RAW and its JPEG
    /// ("IMG_0001.CR2", "IMG_0001.JPG") need it to keep apart.
    QString sourceExtension;
};

/// A parsed output-name template such as "{name}_{counter:04}.{ext}".
/// Tokens: {name} {ext} {srcext} {counter} {counter:N} {width} {height} {parent}
/// {date} {date:FORMAT} (file time; Qt date format, default yyyyMMdd),
/// {taken} {taken:FORMAT} (EXIF date taken) and {camera}. '/' is refused:
/// sub-folders come from mirroring, not from names.
class NameTemplate
{
public:
    /// Parses `text`; on failure returns nullopt and sets `error` with the
    /// 1-based character position of the problem.
    static std::optional<NameTemplate> parse(const QString &text, QString *error);
    /// The same tokens inside free text (watermarks): '/' allowed, may be empty.
    static std::optional<NameTemplate> parseText(const QString &text, QString *error);

    QString render(const NameContext &context) const;
    /// True when rendering needs the decoded image (output size, EXIF), so a
    /// skip decision cannot be made before decoding.
    bool usesImageData() const;
    QString text() const { return m_text; }

private:
    static std::optional<NameTemplate> parseWith(const QString &text, QString *error, bool freeText);

    struct Part
    {
        QString literal; ///< used when token is empty
        QString token;
        QString argument;
    };
    QString m_text;
    QList<Part> m_parts;
};

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace pixelmill {

/// Linux file names are bytes, not text: a name from an old camera card or a
/// Latin-1 archive may not be valid UTF-8, and Qt 6 turns such bytes into U+FFFD,
/// after which the file can no longer be opened. These two functions convert
/// losslessly instead: each byte that is not part of valid UTF-8 becomes the lone
/// surrogate U+DC80..U+DCFF (which valid UTF-8 can never produce) and back.
/// Every path handed to the operating system goes through nativePath().
QString pathFromNative(const QByteArray &bytes);
QByteArray nativePath(const QString &path);
/// The raw byte a character of pathFromNative() stands for (one that was not
/// part of valid UTF-8), or -1 for any other character.
int escapedNativeByte(QChar c);

/// The command line as paths: QCoreApplication::arguments() would lose bytes.
QStringList argumentsFromNative(int argc, char **argv);

/// A dropped file:// URL as a path, its percent-escaped bytes kept exactly.
QString localPathFromUrl(const QUrl &url);

} // namespace pixelmill

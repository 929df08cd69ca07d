// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/fontcatalog.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMap>

namespace pixelmill {

namespace {

QString matchKey(const QString &name)
{
    QString key;
    for (QChar c : name) {
        if (c.isLetterOrNumber())
            key += c.toLower();
    }
    return key;
}

// match key -> file, and the display names, built once.
struct Catalog
{
    QMap<QString, QString> files;
    QStringList names;
};

const Catalog &catalog()
{
    static const Catalog built = [] {
        Catalog c;
        const QStringList folders{QStringLiteral("/usr/share/fonts"), QStringLiteral("/usr/local/share/fonts"),
                                  QDir::homePath() + QStringLiteral("/.local/share/fonts"),
                                  QDir::homePath() + QStringLiteral("/.fonts")};
        for (const QString &folder : folders) {
            QDirIterator it(folder, {QStringLiteral("*.ttf"), QStringLiteral("*.otf"), QStringLiteral("*.TTF"),
                                     QStringLiteral("*.OTF")},
                            QDir::Files, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString name = QFileInfo(path).completeBaseName();
                const QString key = matchKey(name);
                if (!c.files.contains(key)) {
                    c.files.insert(key, path);
                    c.names << name;
                }
            }
        }
        c.names.sort(Qt::CaseInsensitive);
        return c;
    }();
    return built;
}

} // namespace

QString fontFileFor(const QString &nameOrPath)
{
    const QString wanted = nameOrPath.trimmed();
    if (wanted.contains(QLatin1Char('/')))
        return QFileInfo(wanted).isFile() ? wanted : QString();
    return catalog().files.value(matchKey(wanted));
}

QStringList installedFontNames()
{
    return catalog().names;
}

} // namespace pixelmill

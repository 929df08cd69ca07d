// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace pixelmill {

enum class ParamType {
    Int,
    Double,
    Bool,
    Choice,
    Color, ///< "#rrggbb" or "#aarrggbb" (QColor::name forms)
    Text, ///< free text; name-template tokens ({name}, {date}, ...) are filled per image
};

/// One parameter of a filter, as data: the UI builds its form from these and the
/// registry validates steps against them.
struct ParamSpec
{
    QString key; ///< stable snake_case, used in presets and on the command line
    QString label;
    ParamType type = ParamType::Int;
    QVariant defaultValue;
    QVariant minimum; ///< Int/Double only
    QVariant maximum; ///< Int/Double only
    double step = 1.0;
    QStringList choices; ///< Choice only
    QString unit;
    QString toolTip;
    /// The choice parameter, and its values, under which this one is used
    /// (a resize's width only in modes width, fit and exact). Empty: always.
    /// Forms grey out the others; the value is still kept and saved.
    QString appliesWithKey;
    QStringList appliesWithValues;

    ParamSpec onlyWith(const QString &choiceKey, const QStringList &values) const;
    bool appliesWith(const QVariantMap &params) const;

    static ParamSpec integer(const QString &key, const QString &label, int def, int min, int max,
                             const QString &unit, const QString &toolTip);
    static ParamSpec real(const QString &key, const QString &label, double def, double min,
                          double max, double step, const QString &unit, const QString &toolTip);
    static ParamSpec boolean(const QString &key, const QString &label, bool def,
                             const QString &toolTip);
    static ParamSpec choice(const QString &key, const QString &label, const QStringList &choices,
                            const QString &def, const QString &toolTip);
    static ParamSpec color(const QString &key, const QString &label, const QString &def,
                           const QString &toolTip);
    static ParamSpec text(const QString &key, const QString &label, const QString &def,
                          const QString &toolTip);
};

QString paramTypeName(ParamType type);

} // namespace pixelmill

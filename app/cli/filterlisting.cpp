// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/filterlisting.h"

#include "engine/pipeline/descriptorjson.h"
#include "engine/pipeline/filterregistry.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pixelmill {

QByteArray filterListingText(const FilterRegistry &registry)
{
    QString out;
    for (const FilterDescriptor &d : registry.descriptors()) {
        out += QStringLiteral("%1  (%2, %3, version %4)\n    %5\n")
                   .arg(d.id, d.displayName, d.category)
                   .arg(d.version)
                   .arg(d.description);
        for (const ParamSpec &p : d.params) {
            out += QStringLiteral("    %1 %2 default %3\n        %4\n")
                       .arg(p.key, -14)
                       .arg(describeAcceptedValues(p), -34)
                       .arg(p.defaultValue.toString(), p.toolTip);
        }
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray filterListingJson(const FilterRegistry &registry)
{
    QJsonArray all;
    for (const FilterDescriptor &d : registry.descriptors())
        all.append(descriptorToJson(d));
    return QJsonDocument(all).toJson(QJsonDocument::Indented);
}

} // namespace pixelmill

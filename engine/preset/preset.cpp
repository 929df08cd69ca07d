// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/preset/preset.h"

#include "engine/export/nametemplate.h"
#include "engine/image/imagedecoder.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/scan/nativefile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace pixelmill {

namespace {

constexpr qint64 kMaxPresetBytes = 4 * 1024 * 1024; // a preset is a few kilobytes; more is not one

const QString kFormatTag = QStringLiteral("pixelmill-preset");

QJsonObject exportToJson(const ExportOptions &o)
{
    QJsonObject j;
    if (!o.outputDir.isEmpty())
        j[QStringLiteral("output_dir")] = o.outputDir;
    j[QStringLiteral("format")] = formatName(o.format);
    j[QStringLiteral("jpeg_quality")] = o.jpegQuality;
    j[QStringLiteral("jpeg_progressive")] = o.jpegProgressive;
    j[QStringLiteral("jpeg_subsampling")] = chromaSubsamplingName(o.jpegSubsampling);
    j[QStringLiteral("png_compression")] = o.pngCompression;
    j[QStringLiteral("webp_quality")] = o.webpQuality;
    j[QStringLiteral("webp_lossless")] = o.webpLossless;
    j[QStringLiteral("webp_effort")] = o.webpEffort;
    j[QStringLiteral("webp_alpha_filter")] = webpAlphaFilterName(o.webpAlphaFilter);
    j[QStringLiteral("tiff_compression")] = tiffCompressionName(o.tiffCompression);
    j[QStringLiteral("name_template")] = o.nameTemplate;
    j[QStringLiteral("overwrite")] = overwritePolicyName(o.overwrite);
    j[QStringLiteral("mirror_folders")] = o.mirrorFolders;
    j[QStringLiteral("metadata")] = metadataPolicyName(o.metadata);
    j[QStringLiteral("keep_icc_profile")] = o.keepIccProfile;
    j[QStringLiteral("keep_input_format")] = o.keepInputFormat;
    j[QStringLiteral("png_bit_depth")] = o.pngBitDepth;
    return j;
}

// Reads the "export" object field by field; the first problem wins.
class ExportReader
{
public:
    explicit ExportReader(const QJsonObject &json) : m_json(json) {}

    QString error() const { return m_error; }

    void integer(const char *key, int min, int max, int &out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined() || !m_error.isEmpty())
            return;
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != int(d) || d < min || d > max) {
            m_error = QStringLiteral("export.%1: expected a whole number from %2 to %3")
                          .arg(QLatin1String(key))
                          .arg(min)
                          .arg(max);
            return;
        }
        out = int(d);
    }

    void boolean(const char *key, bool &out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined() || !m_error.isEmpty())
            return;
        if (!v.isBool()) {
            m_error = QStringLiteral("export.%1: expected true or false").arg(QLatin1String(key));
            return;
        }
        out = v.toBool();
    }

    template<typename T>
    void named(const char *key, std::optional<T> (*parse)(const QString &), const QStringList &names,
               T &out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined() || !m_error.isEmpty())
            return;
        const auto parsed = v.isString() ? parse(v.toString()) : std::nullopt;
        if (!parsed) {
            m_error = QStringLiteral("export.%1: expected one of %2")
                          .arg(QLatin1String(key), names.join(QStringLiteral(", ")));
            return;
        }
        out = *parsed;
    }

    void text(const char *key, QString &out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined() || !m_error.isEmpty())
            return;
        if (!v.isString()) {
            m_error = QStringLiteral("export.%1: expected a string").arg(QLatin1String(key));
            return;
        }
        out = v.toString();
    }

private:
    QJsonObject m_json;
    QString m_error;
};

QString exportFromJson(const QJsonObject &json, ExportOptions &o, bool &hasOutputDir)
{
    static const QStringList known = {
        QStringLiteral("output_dir"),     QStringLiteral("format"),
        QStringLiteral("jpeg_quality"),   QStringLiteral("jpeg_progressive"),
        QStringLiteral("png_compression"), QStringLiteral("webp_quality"),
        QStringLiteral("webp_lossless"),  QStringLiteral("tiff_compression"),
        QStringLiteral("name_template"),  QStringLiteral("overwrite"),
        QStringLiteral("mirror_folders"), QStringLiteral("metadata"),
        QStringLiteral("keep_icc_profile"), QStringLiteral("keep_input_format"),
        QStringLiteral("png_bit_depth"),  QStringLiteral("jpeg_subsampling"),
        QStringLiteral("webp_effort"), QStringLiteral("webp_alpha_filter")};
    for (const QString &key : json.keys()) {
        if (!known.contains(key))
            return QStringLiteral("export.%1: unknown key (expected one of: %2)")
                .arg(key, known.join(QStringLiteral(", ")));
    }
    ExportReader r(json);
    hasOutputDir = json.contains(QStringLiteral("output_dir"));
    r.text("output_dir", o.outputDir);
    r.named("format", &formatFromName, formatNames(), o.format);
    r.integer("jpeg_quality", 1, 100, o.jpegQuality);
    r.boolean("jpeg_progressive", o.jpegProgressive);
    r.named("jpeg_subsampling", &chromaSubsamplingFromName, chromaSubsamplingNames(), o.jpegSubsampling);
    r.integer("png_compression", 0, 9, o.pngCompression);
    r.integer("webp_quality", 1, 100, o.webpQuality);
    r.boolean("webp_lossless", o.webpLossless);
    r.integer("webp_effort", 0, 6, o.webpEffort);
    r.named("webp_alpha_filter", &webpAlphaFilterFromName, webpAlphaFilterNames(), o.webpAlphaFilter);
    r.named("tiff_compression", &tiffCompressionFromName, tiffCompressionNames(), o.tiffCompression);
    r.text("name_template", o.nameTemplate);
    r.named("overwrite", &overwritePolicyFromName, overwritePolicyNames(), o.overwrite);
    r.boolean("mirror_folders", o.mirrorFolders);
    r.named("metadata", &metadataPolicyFromName, metadataPolicyNames(), o.metadata);
    r.boolean("keep_icc_profile", o.keepIccProfile);
    r.boolean("keep_input_format", o.keepInputFormat);
    r.integer("png_bit_depth", 0, 16, o.pngBitDepth);
    if (o.pngBitDepth != 0 && o.pngBitDepth != 8 && o.pngBitDepth != 16)
        return QStringLiteral("export.png_bit_depth: expected 0 (keep), 8 or 16");
    if (!r.error().isEmpty())
        return r.error();
    QString templateError;
    if (!NameTemplate::parse(o.nameTemplate, &templateError))
        return QStringLiteral("export.name_template: %1").arg(templateError);
    return {};
}

QString chainFromJson(const QJsonValue &value, const FilterRegistry &registry, FilterChain &chain)
{
    if (!value.isArray())
        return QStringLiteral("filters: expected an array of steps");
    const QJsonArray steps = value.toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString where = QStringLiteral("filters[%1]").arg(i);
        if (!steps.at(i).isObject())
            return QStringLiteral("%1: expected an object with \"id\" and \"params\"").arg(where);
        const QJsonObject s = steps.at(i).toObject();
        for (const QString &key : s.keys()) {
            if (key != QLatin1String("id") && key != QLatin1String("version")
                && key != QLatin1String("enabled") && key != QLatin1String("params"))
                return QStringLiteral("%1.%2: unknown key (expected id, version, enabled, params)")
                    .arg(where, key);
        }
        FilterStep step;
        if (!s.value(QStringLiteral("id")).isString())
            return QStringLiteral("%1.id: expected a filter id string").arg(where);
        step.filterId = s.value(QStringLiteral("id")).toString();
        const QJsonValue version = s.value(QStringLiteral("version"));
        if (!version.isUndefined() && (!version.isDouble() || version.toDouble() < 1))
            return QStringLiteral("%1.version: expected a positive whole number").arg(where);
        step.version = version.isUndefined() ? 1 : version.toInt();
        const QJsonValue enabled = s.value(QStringLiteral("enabled"));
        if (!enabled.isUndefined() && !enabled.isBool())
            return QStringLiteral("%1.enabled: expected true or false").arg(where);
        step.enabled = enabled.toBool(true);
        const QJsonValue params = s.value(QStringLiteral("params"));
        if (!params.isUndefined() && !params.isObject())
            return QStringLiteral("%1.params: expected an object").arg(where);
        step.params = params.toObject().toVariantMap();
        const Normalized<FilterStep> normalized = registry.normalized(step);
        if (!normalized.ok())
            return QStringLiteral("%1.params: %2").arg(where, normalized.error);
        chain.append(normalized.value);
    }
    return {};
}

void lineAndColumn(const QByteArray &json, int offset, int &line, int &column)
{
    line = 1;
    column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

} // namespace

QByteArray presetToJson(const Preset &preset)
{
    QJsonArray steps;
    for (const FilterStep &step : preset.chain) {
        QJsonObject s;
        s[QStringLiteral("id")] = step.filterId;
        s[QStringLiteral("version")] = step.version;
        s[QStringLiteral("enabled")] = step.enabled;
        s[QStringLiteral("params")] = QJsonObject::fromVariantMap(step.params);
        steps.append(s);
    }
    QJsonObject root;
    root[QStringLiteral("format")] = kFormatTag;
    root[QStringLiteral("version")] = Preset::kVersion;
    root[QStringLiteral("filters")] = steps;
    root[QStringLiteral("export")] = exportToJson(preset.exportOptions);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<Preset> presetFromJson(const QByteArray &json, const QString &sourceName,
                                     const FilterRegistry &registry, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(sourceName, message);
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        int line = 0;
        int column = 0;
        lineAndColumn(json, parseError.offset, line, column);
        return fail(QStringLiteral("line %1, column %2: %3")
                        .arg(line)
                        .arg(column)
                        .arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return fail(QStringLiteral("expected a JSON object at the top level"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormatTag)
        return fail(QStringLiteral("format: expected \"%1\"").arg(kFormatTag));
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toInt() < 1)
        return fail(QStringLiteral("version: expected a whole number"));
    if (version.toInt() > Preset::kVersion)
        return fail(QStringLiteral("version: %1 is newer than this Pixelmill reads (%2)")
                        .arg(version.toInt())
                        .arg(Preset::kVersion));
    for (const QString &key : root.keys()) {
        if (key != QLatin1String("format") && key != QLatin1String("version")
            && key != QLatin1String("filters") && key != QLatin1String("export")
            && key != QLatin1String("name"))
            return fail(QStringLiteral("%1: unknown key (expected format, version, name, filters, "
                                       "export)")
                            .arg(key));
    }
    Preset preset;
    QString problem = chainFromJson(root.value(QStringLiteral("filters")), registry, preset.chain);
    if (problem.isEmpty() && root.contains(QStringLiteral("export"))) {
        if (!root.value(QStringLiteral("export")).isObject())
            problem = QStringLiteral("export: expected an object");
        else
            problem = exportFromJson(root.value(QStringLiteral("export")).toObject(),
                                     preset.exportOptions, preset.hasOutputDir);
    }
    if (!problem.isEmpty())
        return fail(problem);
    return preset;
}

std::optional<Preset> loadPresetFile(const QString &path, const FilterRegistry &registry,
                                     QString *error)
{
    QString why;
    qint64 size = 0;
    const int fd = openRegularFile(path, why, size);
    QFile file;
    if (fd < 0 || !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        if (fd >= 0)
            ::close(fd);
        if (error)
            *error = fd < 0 ? QStringLiteral("%1: %2").arg(path, why)
                            : QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return presetFromJson(file.read(kMaxPresetBytes), path, registry, error);
}

bool savePresetFile(const QString &path, const Preset &preset, QString *error)
{
    QString why;
    if (!writeFileAtomically(path, presetToJson(preset), why)) {
        if (error)
            *error = QStringLiteral("%1: cannot save: %2").arg(path, why);
        return false;
    }
    return true;
}

} // namespace pixelmill

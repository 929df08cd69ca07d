// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/clioptions.h"

#include "engine/export/nametemplate.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/preset/filterspec.h"
#include "engine/preset/preset.h"

namespace pixelmill {

namespace {

// Walks the argument list; every accessor reports the option it serves.
class ArgumentReader
{
public:
    explicit ArgumentReader(const QStringList &args) : m_args(args) {}

    bool atEnd() const { return m_index >= m_args.size(); }
    QString next() { return m_args.at(m_index++); }

    std::optional<QString> value(const QString &option, QString *error)
    {
        if (atEnd()) {
            *error = QStringLiteral("%1 needs a value").arg(option);
            return std::nullopt;
        }
        return next();
    }

    std::optional<int> integer(const QString &option, int min, int max, QString *error)
    {
        const auto text = value(option, error);
        if (!text)
            return std::nullopt;
        bool ok = false;
        const int v = text->toInt(&ok);
        if (!ok || v < min || v > max) {
            *error = QStringLiteral("%1: '%2' is not a whole number from %3 to %4")
                         .arg(option, *text)
                         .arg(min)
                         .arg(max);
            return std::nullopt;
        }
        return v;
    }

    // A value that must be one of `names`, as `parse` reads it.
    template<typename T>
    std::optional<T> named(const QString &option, std::optional<T> (*parse)(const QString &),
                           const QStringList &names, QString *error)
    {
        const auto text = value(option, error);
        if (!text)
            return std::nullopt;
        const std::optional<T> v = parse(*text);
        if (!v)
            *error = QStringLiteral("%1: '%2' is not one of %3").arg(option, *text, names.join(QStringLiteral(", ")));
        return v;
    }

private:
    QStringList m_args;
    qsizetype m_index = 0;
};

} // namespace

QString cliUsage()
{
    return QStringLiteral(
        "Usage: pixelmill-cli [options] <files or folders>... -o <dir>\n"
        "\n"
        "Processes images with a filter chain and writes them to a folder.\n"
        "\n"
        "  -o, --output DIR          output folder (created if missing)\n"
        "  --preset FILE             filter chain and export options from a preset (JSON)\n"
        "  --filter SPEC             add a step, e.g. 'resize:long_edge=1920,interpolation=area'\n"
        "                            (repeatable; after the preset's steps); a value with commas\n"
        "                            goes in double quotes: 'curves:points=\"0,0 128,150 255,255\"'\n"
        "  --workers N               worker threads (default: one per core)\n"
        "  --memory-limit MiB        memory the running jobs' images may take at once; a job\n"
        "                            that would pass it waits (default: half of RAM)\n"
        "  --format F                jpeg | png | webp | tiff | bmp\n"
        "  --quality N               JPEG / WebP quality 1..100\n"
        "  --progressive             progressive JPEG\n"
        "  --jpeg-subsampling S      JPEG chroma: 444 (full) | 422 | 420 (default)\n"
        "  --png-compression N       zlib level 0..9\n"
        "  --png-bits 8|16           PNG sample depth (default: the image's own)\n"
        "  --keep-format             write each image in its own format (JPEG, PNG, WebP,\n"
        "                            TIFF, BMP); --format applies to the others\n"
        "  --lossless                lossless WebP\n"
        "  --webp-effort N           WebP effort 0 (fastest) .. 6 (smallest), default 4\n"
        "  --webp-alpha-filter F     lossy WebP transparency: none (fastest) | fast (default)\n"
        "                            | best (smallest); the pixels are the same\n"
        "  --tiff-compression C      none | lzw | deflate\n"
        "  --name TEMPLATE           output name, e.g. '{name}_web.{ext}'; tokens {name} {ext}\n"
        "                            {srcext} (the input's extension) {counter} {counter:04}\n"
        "                            {width} {height} {parent} {date} {taken} {camera}\n"
        "  --overwrite POLICY        skip | rename (default) | overwrite, for existing outputs\n"
        "  --mirror                  recreate input sub-folders under the output folder\n"
        "  --metadata POLICY         keep (default) | strip | strip-location (drop GPS only)\n"
        "  --no-icc                  drop the ICC colour profile (kept by default)\n"
        "  --max-megapixels N        refuse larger images (default 200); a JPEG counts at the\n"
        "                            size it decodes to (shrunk on load for a resize)\n"
        "  --report FILE             write a JSON report, one record per input\n"
        "  --list-filters [--json]   describe every filter and its parameters\n"
        "  --resume                  continue an interrupted run of the same command: outputs it\n"
        "                            finished are checked and kept, the rest is processed\n"
        "  --journal FILE            batch journal (default ~/.local/share/pixelmill/journal.sqlite)\n"
        "  --dry-run                 print input -> output for every file, flag name clashes,\n"
        "                            and write nothing\n"
        "  -q, --quiet               only errors and the summary\n"
        "  -h, --help                this text\n"
        "  --version                 version\n"
        "  --                        end of options (for names starting with '-')\n"
        "\n"
        "Exit status: 0 all inputs succeeded (or were skipped by policy), 1 some failed,\n"
        "2 usage error, 130 interrupted.\n");
}

std::optional<CliOptions> parseCliArguments(const QStringList &arguments,
                                            const FilterRegistry &registry, QString *error)
{
    CliOptions o;
    ArgumentReader args(arguments);
    QString presetPath;
    QStringList filterSpecs;
    bool outputGiven = false;
    bool optionsDone = false;
    std::optional<int> quality;
    std::optional<ImageFormat> format;
    std::optional<OverwritePolicy> overwrite;
    std::optional<MetadataPolicy> metadata;
    bool dropIcc = false;
    bool keepFormat = false;
    std::optional<int> pngBits;
    QString nameTemplate;
    QString outputDir;
    std::optional<int> pngCompression;
    std::optional<TiffCompression> tiffCompression;
    std::optional<ChromaSubsampling> subsampling;
    std::optional<int> webpEffort;
    std::optional<WebpAlphaFilter> alphaFilter;
    bool progressive = false;
    bool lossless = false;
    bool mirror = false;

    while (!args.atEnd()) {
        const QString a = args.next();
        if (optionsDone || !a.startsWith(QLatin1Char('-')) || a == QLatin1String("-")) {
            o.inputs << a;
            continue;
        }
        if (a == QLatin1String("--")) {
            optionsDone = true;
        } else if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            o.mode = CliOptions::Mode::Help;
            return o;
        } else if (a == QLatin1String("--version")) {
            o.mode = CliOptions::Mode::Version;
            return o;
        } else if (a == QLatin1String("--list-filters")) {
            o.mode = CliOptions::Mode::ListFilters;
        } else if (a == QLatin1String("--json")) {
            o.json = true;
        } else if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
            const auto v = args.value(a, error);
            if (!v)
                return std::nullopt;
            outputDir = *v;
            outputGiven = true;
        } else if (a == QLatin1String("--preset")) {
            const auto v = args.value(a, error);
            if (!v)
                return std::nullopt;
            presetPath = *v;
        } else if (a == QLatin1String("--filter")) {
            const auto v = args.value(a, error);
            if (!v)
                return std::nullopt;
            filterSpecs << *v;
        } else if (a == QLatin1String("--workers")) {
            const auto v = args.integer(a, 1, 256, error);
            if (!v)
                return std::nullopt;
            o.workers = *v;
        } else if (a == QLatin1String("--memory-limit")) {
            const auto v = args.integer(a, 64, 1 << 30, error);
            if (!v)
                return std::nullopt;
            o.memoryLimitMiB = *v;
        } else if (a == QLatin1String("--format")) {
            format = args.named(a, &formatFromName, formatNames(), error);
            if (!format)
                return std::nullopt;
        } else if (a == QLatin1String("--quality")) {
            quality = args.integer(a, 1, 100, error);
            if (!quality)
                return std::nullopt;
        } else if (a == QLatin1String("--png-compression")) {
            pngCompression = args.integer(a, 0, 9, error);
            if (!pngCompression)
                return std::nullopt;
        } else if (a == QLatin1String("--tiff-compression")) {
            tiffCompression = args.named(a, &tiffCompressionFromName, tiffCompressionNames(), error);
            if (!tiffCompression)
                return std::nullopt;
        } else if (a == QLatin1String("--jpeg-subsampling")) {
            subsampling = args.named(a, &chromaSubsamplingFromName, chromaSubsamplingNames(), error);
            if (!subsampling)
                return std::nullopt;
        } else if (a == QLatin1String("--webp-effort")) {
            webpEffort = args.integer(a, 0, 6, error);
            if (!webpEffort)
                return std::nullopt;
        } else if (a == QLatin1String("--webp-alpha-filter")) {
            alphaFilter = args.named(a, &webpAlphaFilterFromName, webpAlphaFilterNames(), error);
            if (!alphaFilter)
                return std::nullopt;
        } else if (a == QLatin1String("--progressive")) {
            progressive = true;
        } else if (a == QLatin1String("--lossless")) {
            lossless = true;
        } else if (a == QLatin1String("--mirror")) {
            mirror = true;
        } else if (a == QLatin1String("--name")) {
            const auto v = args.value(a, error);
            if (!v)
                return std::nullopt;
            nameTemplate = *v;
        } else if (a == QLatin1String("--overwrite")) {
            overwrite = args.named(a, &overwritePolicyFromName, overwritePolicyNames(), error);
            if (!overwrite)
                return std::nullopt;
        } else if (a == QLatin1String("--metadata")) {
            metadata = args.named(a, &metadataPolicyFromName, metadataPolicyNames(), error);
            if (!metadata)
                return std::nullopt;
        } else if (a == QLatin1String("--keep-format")) {
            keepFormat = true;
        } else if (a == QLatin1String("--png-bits")) {
            pngBits = args.integer(a, 8, 16, error);
            if (!pngBits)
                return std::nullopt;
            if (*pngBits != 8 && *pngBits != 16) {
                *error = QStringLiteral("--png-bits: '%1' is not 8 or 16").arg(*pngBits);
                return std::nullopt;
            }
        } else if (a == QLatin1String("--no-icc")) {
            dropIcc = true;
        } else if (a == QLatin1String("--max-megapixels")) {
            const auto v = args.integer(a, 1, kMostMaxMegapixels, error);
            if (!v)
                return std::nullopt;
            o.decodeOptions.maxPixels = qint64(*v) * 1'000'000;
        } else if (a == QLatin1String("--report")) {
            const auto v = args.value(a, error);
            if (!v)
                return std::nullopt;
            o.reportPath = *v;
        } else if (a == QLatin1String("--resume")) {
            o.resume = true;
        } else if (a == QLatin1String("--journal")) {
            const auto v = args.value(a, error);
            if (!v)
                return std::nullopt;
            o.journalPath = *v;
        } else if (a == QLatin1String("--dry-run")) {
            o.dryRun = true;
        } else if (a == QLatin1String("-q") || a == QLatin1String("--quiet")) {
            o.quiet = true;
        } else {
            *error = QStringLiteral("unknown option '%1' (see --help)").arg(a);
            return std::nullopt;
        }
    }
    if (o.mode == CliOptions::Mode::ListFilters)
        return o;

    if (!presetPath.isEmpty()) {
        const auto preset = loadPresetFile(presetPath, registry, error);
        if (!preset)
            return std::nullopt;
        o.chain = preset->chain;
        o.exportOptions = preset->exportOptions;
    }
    for (const QString &spec : std::as_const(filterSpecs)) {
        const auto step = parseFilterSpec(spec, error);
        if (!step)
            return std::nullopt;
        const Normalized<FilterStep> normalized = registry.normalized(*step);
        if (!normalized.ok()) {
            *error = QStringLiteral("--filter '%1': %2").arg(spec, normalized.error);
            return std::nullopt;
        }
        o.chain.append(normalized.value);
    }
    ExportOptions &e = o.exportOptions;
    if (outputGiven)
        e.outputDir = outputDir;
    if (format)
        e.format = *format;
    if (quality) {
        e.jpegQuality = *quality;
        e.webpQuality = *quality;
    }
    if (pngCompression)
        e.pngCompression = *pngCompression;
    if (tiffCompression)
        e.tiffCompression = *tiffCompression;
    e.jpegProgressive = e.jpegProgressive || progressive;
    if (subsampling)
        e.jpegSubsampling = *subsampling;
    if (webpEffort)
        e.webpEffort = *webpEffort;
    if (alphaFilter)
        e.webpAlphaFilter = *alphaFilter;
    e.webpLossless = e.webpLossless || lossless;
    e.mirrorFolders = e.mirrorFolders || mirror;
    if (overwrite)
        e.overwrite = *overwrite;
    if (metadata)
        e.metadata = *metadata;
    if (dropIcc)
        e.keepIccProfile = false;
    e.keepInputFormat = e.keepInputFormat || keepFormat;
    if (pngBits)
        e.pngBitDepth = *pngBits;
    if (!nameTemplate.isEmpty())
        e.nameTemplate = nameTemplate;
    QString templateError;
    if (!NameTemplate::parse(e.nameTemplate, &templateError)) {
        *error = QStringLiteral("--name: %1").arg(templateError);
        return std::nullopt;
    }
    if (o.inputs.isEmpty()) {
        *error = QStringLiteral("no input files or folders given");
        return std::nullopt;
    }
    if (e.outputDir.isEmpty()) {
        *error = QStringLiteral("no output folder: give -o DIR");
        return std::nullopt;
    }
    return o;
}

} // namespace pixelmill

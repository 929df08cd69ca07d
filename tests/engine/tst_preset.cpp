// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/preset/preset.h"
#include "engine/scan/nativepath.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pixelmill;

class TestPreset final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;

    QString errorFor(const QByteArray &json)
    {
        QString error;
        const auto p = presetFromJson(json, "p.json", m_registry, &error);
        return p ? QString() : error;
    }

private slots:
    void initTestCase() { registerBuiltinFilters(m_registry); }

    void roundTripsThroughAFile()
    {
        Preset preset;
        preset.chain = m_registry.normalized(FilterChain{
            FilterStep{"resize", 1, true, {{"long_edge", 1600}, {"interpolation", "lanczos"}}},
            FilterStep{"rotate", 1, false, {{"angle", 12.5}, {"background", "#80ff0000"}}},
            FilterStep{"unsharp_mask", 1, true, {{"amount", 0.8}}}}).value;
        ExportOptions &e = preset.exportOptions;
        e.format = ImageFormat::Webp;
        e.webpQuality = 77;
        e.webpLossless = true;
        e.jpegProgressive = true;
        e.jpegSubsampling = ChromaSubsampling::S422;
        e.webpEffort = 1;
        e.webpAlphaFilter = WebpAlphaFilter::None;
        e.tiffCompression = TiffCompression::Deflate;
        e.nameTemplate = "{counter:03}_{name}.{ext}";
        e.overwrite = OverwritePolicy::Skip;
        e.mirrorFolders = true;
        e.metadata = MetadataPolicy::StripLocation;
        e.keepIccProfile = false;
        e.keepInputFormat = true;
        e.pngBitDepth = 16;
        e.outputDir = "/tmp/out";
        QTemporaryDir dir;
        const QString path = dir.filePath("p.json");
        QString error;
        QVERIFY2(savePresetFile(path, preset, &error), qPrintable(error));
        const auto loaded = loadPresetFile(path, m_registry, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->chain.size(), 3);
        QVERIFY(*loaded == preset);
        QVERIFY(!loaded->chain.at(1).enabled);
        QVERIFY(loaded->hasOutputDir);
    }

    void minimalPresetUsesDefaults()
    {
        QString error;
        const auto p = presetFromJson(R"({"format":"pixelmill-preset","version":1,"filters":[{"id":"flip"}]})",
                                      "p.json", m_registry, &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->chain.first().params.value("direction").toString(), QStringLiteral("horizontal"));
        QVERIFY(p->exportOptions == ExportOptions());
    }

    void errorsNameFileLineAndKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray("{\n  \"format\": \"pixelmill-preset\",\n  \"version\": 1,,\n}")
                                << "p.json: line 3, column";
        QTest::newRow("not preset") << QByteArray(R"({"filters":[]})") << "p.json: format: expected \"pixelmill-preset\"";
        QTest::newRow("future") << QByteArray(R"({"format":"pixelmill-preset","version":9,"filters":[]})")
                                << "version: 9 is newer";
        QTest::newRow("bad step") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[{"id":"resize","params":{"long_edge":-5}}]})")
                                  << "p.json: filters[0].params: resize: long_edge=-5 is out of range";
        QTest::newRow("unknown filter") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[{"id":"blurr"}]})")
                                        << "filters[0].params: unknown filter 'blurr'";
        QTest::newRow("quality") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[],"export":{"jpeg_quality":"high"}})")
                                 << "export.jpeg_quality: expected a whole number from 1 to 100";
        QTest::newRow("policy") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[],"export":{"overwrite":"always"}})")
                                << "export.overwrite: expected one of skip, rename, overwrite";
        QTest::newRow("template") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[],"export":{"name_template":"{nope}"}})")
                                  << "export.name_template: naming template, position 1: unknown token";
        QTest::newRow("unknown export key") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[],"export":{"qualty":3}})")
                                            << "export.qualty: unknown key";
        QTest::newRow("step key") << QByteArray(R"({"format":"pixelmill-preset","version":1,"filters":[{"id":"flip","param":{}}]})")
                                  << "filters[0].param: unknown key";
    }
    void errorsNameFileLineAndKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString error = errorFor(json);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // A preset kept in a folder whose name is not UTF-8 (an old archive's).
    void savesAndLoadsUnderANameThatIsNotUtf8()
    {
        QTemporaryDir dir;
        const QString folder = pathFromNative(QFile::encodeName(dir.path()) + "/pr\xe9sets");
        QVERIFY(::mkdir(nativePath(folder).constData(), 0755) == 0);
        const QString path = folder + "/" + pathFromNative("caf\xe9.json");
        Preset preset;
        preset.chain = m_registry.normalized(FilterChain{FilterStep{"grayscale", 1, true, {}}}).value;
        QString error;
        QVERIFY2(savePresetFile(path, preset, &error), qPrintable(error));
        const auto loaded = loadPresetFile(path, m_registry, &error);
        QVERIFY2(loaded, qPrintable(error));
        QVERIFY(*loaded == preset);
    }

    void missingFileIsReported()
    {
        QString error;
        QVERIFY(!loadPresetFile("/nonexistent/p.json", m_registry, &error));
        QVERIFY(error.startsWith("/nonexistent/p.json: cannot open"));
    }
};

QTEST_GUILESS_MAIN(TestPreset)
#include "tst_preset.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "app/cli/clioptions.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"

#include <QTest>

using namespace pixelmill;

class TestCliOptions final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;

private slots:
    void initTestCase() { registerBuiltinFilters(m_registry); }

    void parsesAFullCommandLine()
    {
        QString error;
        const auto o = parseCliArguments(
            {"in", "--filter", "resize:long_edge=1920,interpolation=area", "--filter", "unsharp_mask",
             "-o", "out", "--workers", "3", "--memory-limit", "2048", "--format", "webp", "--quality", "70", "--name",
             "{name}_web.{ext}", "--overwrite", "skip", "--mirror", "--metadata", "strip-location", "--keep-format", "--png-bits", "16", "--report", "r.json",
             "--jpeg-subsampling", "4:4:4", "--webp-effort", "6", "--webp-alpha-filter", "none", "--",
             "-leading-dash.jpg"},
            m_registry, &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->inputs, QStringList({"in", "-leading-dash.jpg"}));
        QCOMPARE(o->chain.size(), 2);
        QCOMPARE(o->chain.at(0).params.value("long_edge").toInt(), 1920);
        QCOMPARE(o->workers, 3);
        QCOMPARE(o->memoryLimitMiB, 2048);
        QCOMPARE(o->exportOptions.format, ImageFormat::Webp);
        QCOMPARE(o->exportOptions.webpQuality, 70);
        QCOMPARE(o->exportOptions.overwrite, OverwritePolicy::Skip);
        QVERIFY(o->exportOptions.mirrorFolders);
        QCOMPARE(o->exportOptions.metadata, MetadataPolicy::StripLocation);
        QVERIFY(o->exportOptions.keepInputFormat);
        QCOMPARE(o->exportOptions.pngBitDepth, 16);
        QCOMPARE(o->exportOptions.jpegSubsampling, ChromaSubsampling::S444);
        QCOMPARE(o->exportOptions.webpEffort, 6);
        QCOMPARE(o->exportOptions.webpAlphaFilter, WebpAlphaFilter::None);
        QCOMPARE(o->exportOptions.outputDir, QStringLiteral("out"));
        QCOMPARE(o->reportPath, QStringLiteral("r.json"));
    }

    void usageErrorsNameTheArgument_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no output") << QStringList{"in"} << "no output folder";
        QTest::newRow("no input") << QStringList{"-o", "x"} << "no input files";
        QTest::newRow("unknown") << QStringList{"--fast", "in", "-o", "x"} << "unknown option '--fast'";
        QTest::newRow("workers") << QStringList{"--workers", "0", "in", "-o", "x"} << "--workers: '0'";
        QTest::newRow("memory") << QStringList{"--memory-limit", "10", "in", "-o", "x"} << "--memory-limit: '10'";
        QTest::newRow("format") << QStringList{"--format", "gif", "in", "-o", "x"} << "--format: 'gif'";
        QTest::newRow("quality") << QStringList{"--quality", "101", "in", "-o", "x"} << "--quality: '101'";
        QTest::newRow("overwrite") << QStringList{"--overwrite", "yes", "in", "-o", "x"} << "--overwrite: 'yes'";
        QTest::newRow("filter") << QStringList{"--filter", "resize:long_edge=0", "in", "-o", "x"}
                                << "--filter 'resize:long_edge=0': resize: long_edge=0 is out of range";
        QTest::newRow("filter syntax") << QStringList{"--filter", "resize:long_edge", "in", "-o", "x"}
                                       << "expected key=value";
        QTest::newRow("png bits") << QStringList{"--png-bits", "12", "in", "-o", "x"} << "--png-bits: '12' is not 8 or 16";
        QTest::newRow("subsampling") << QStringList{"--jpeg-subsampling", "411", "in", "-o", "x"}
                                     << "--jpeg-subsampling: '411' is not one of 444, 422, 420";
        QTest::newRow("effort") << QStringList{"--webp-effort", "7", "in", "-o", "x"} << "--webp-effort: '7'";
        QTest::newRow("alpha filter") << QStringList{"--webp-alpha-filter", "all", "in", "-o", "x"}
                                      << "--webp-alpha-filter: 'all' is not one of none, fast, best";
        QTest::newRow("metadata") << QStringList{"--metadata", "gps", "in", "-o", "x"} << "--metadata: 'gps'";
        QTest::newRow("name") << QStringList{"--name", "{bad}", "in", "-o", "x"} << "--name: naming template";
        QTest::newRow("missing value") << QStringList{"in", "-o"} << "-o needs a value";
        QTest::newRow("preset") << QStringList{"--preset", "/nonexistent.json", "in", "-o", "x"}
                                << "/nonexistent.json: cannot open";
    }
    void usageErrorsNameTheArgument()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parseCliArguments(args, m_registry, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputplan.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "tests/common/testutils.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pixelmill;

class TestOutputPlan final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;
    QTemporaryDir m_dir;
    QList<FoundFile> m_inputs;

    QList<PlannedOutput> plan(OverwritePolicy policy, const QString &nameTemplate = "{name}.{ext}")
    {
        ExportOptions o;
        o.outputDir = m_dir.filePath("out");
        o.overwrite = policy;
        o.nameTemplate = nameTemplate;
        const FilterChain chain = m_registry.normalized(FilterChain{FilterStep{"resize", 1, true, {{"long_edge", 100}}}}).value;
        return planOutputs(m_inputs, chain, o, DecodeOptions(), m_registry);
    }

private slots:
    void initTestCase()
    {
        registerBuiltinFilters(m_registry);
        QDir().mkpath(m_dir.filePath("a"));
        QDir().mkpath(m_dir.filePath("b"));
        QDir().mkpath(m_dir.filePath("out"));
        test::writeImage(m_dir.filePath("a/x.jpg"), test::syntheticImage(400, 200));
        test::writeImage(m_dir.filePath("b/x.jpg"), test::syntheticImage(300, 300));
        test::writeImage(m_dir.filePath("b/y.png"), test::syntheticImage(50, 40));
        test::writeFile(m_dir.filePath("out/y.jpg"), "an earlier output");
        m_inputs = {{m_dir.filePath("a/x.jpg"), "a"}, {m_dir.filePath("b/x.jpg"), "b"}, {m_dir.filePath("b/y.png"), "b"}};
    }

    void clashesAreFoundAndRenamed()
    {
        const auto p = plan(OverwritePolicy::Rename);
        QCOMPARE(p.size(), 3);
        QCOMPARE(p[0].output, m_dir.filePath("out/x.jpg"));
        QCOMPARE(p[0].outcome, PlannedOutput::Outcome::Write);
        QCOMPARE(p[1].clashWith, m_dir.filePath("a/x.jpg"));
        QCOMPARE(p[1].output, m_dir.filePath("out/x_1.jpg"));
        QCOMPARE(p[1].outcome, PlannedOutput::Outcome::WriteRenamed);
        QCOMPARE(p[2].output, m_dir.filePath("out/y_1.jpg")); // y.jpg exists on disk
    }

    void skipAndOverwriteNeverLoseAnInput()
    {
        const auto skip = plan(OverwritePolicy::Skip);
        QCOMPARE(skip[1].outcome, PlannedOutput::Outcome::Skip);
        QVERIFY(skip[1].note.contains("another input of this batch"));
        QCOMPARE(skip[2].outcome, PlannedOutput::Outcome::Skip);
        const auto overwrite = plan(OverwritePolicy::Overwrite);
        QCOMPARE(overwrite[1].output, m_dir.filePath("out/x_1.jpg")); // never over another input's output
        QCOMPARE(overwrite[2].outcome, PlannedOutput::Outcome::Overwrite);
        QVERIFY(!QFileInfo::exists(m_dir.filePath("out/x.jpg"))); // a plan writes nothing
    }

    void sizeTokensComeFromTheChainPrediction()
    {
        const auto p = plan(OverwritePolicy::Rename, "{name}_{width}x{height}");
        QCOMPARE(p[0].output, m_dir.filePath("out/x_100x50.jpg"));
        QCOMPARE(p[1].output, m_dir.filePath("out/x_100x100.jpg"));
        QCOMPARE(p[2].output, m_dir.filePath("out/y_50x40.jpg"));
        QVERIFY(p[1].clashWith.isEmpty());
    }

    // A resumed batch's inputs keep the {counter} of its first run; one added
    // to it follows the highest, so no two share a number.
    void countersOfAResumedBatchAreKept()
    {
        const QList<FoundFile> all = m_inputs;
        m_inputs[0].counter = 2;
        m_inputs[1].counter = 5;
        const auto p = plan(OverwritePolicy::Rename, "{counter:02}");
        m_inputs = all;
        QCOMPARE(p[0].output, m_dir.filePath("out/02.jpg"));
        QCOMPARE(p[1].output, m_dir.filePath("out/05.jpg"));
        QCOMPARE(p[2].output, m_dir.filePath("out/06.jpg"));
    }
};

QTEST_GUILESS_MAIN(TestOutputPlan)
#include "tst_outputplan.moc"

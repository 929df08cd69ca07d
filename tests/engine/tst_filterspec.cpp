// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/preset/filterspec.h"

#include <QTest>

using namespace pixelmill;

class TestFilterSpec final : public QObject
{
    Q_OBJECT

private slots:
    void parsesIdAndPairs()
    {
        QString error;
        const auto step = parseFilterSpec("resize:long_edge=1920,interpolation=area", &error);
        QVERIFY2(step, qPrintable(error));
        QCOMPARE(step->filterId, QStringLiteral("resize"));
        QCOMPARE(step->params.value("long_edge").toString(), QStringLiteral("1920"));
        QCOMPARE(step->params.value("interpolation").toString(), QStringLiteral("area"));
        QCOMPARE(parseFilterSpec("grayscale", &error)->params.size(), 0);
        QCOMPARE(parseFilterSpec("rotate:background=#ff0000", &error)->params.value("background").toString(),
                 QStringLiteral("#ff0000"));
    }

    void quotedValuesMayHoldCommas()
    {
        QString error;
        const auto curves = parseFilterSpec("curves:points=\"0,0 128,150 255,255\",channel=red", &error);
        QVERIFY2(curves, qPrintable(error));
        QCOMPARE(curves->params.value("points").toString(), QStringLiteral("0,0 128,150 255,255"));
        QCOMPARE(curves->params.value("channel").toString(), QStringLiteral("red"));
        const auto text = parseFilterSpec("text_watermark:text = \"© Jane, \\\"JD\\\" \\\\ 2024\" , opacity=50", &error);
        QVERIFY2(text, qPrintable(error));
        QCOMPARE(text->params.value("text").toString(), QStringLiteral("© Jane, \"JD\" \\ 2024"));
        QCOMPARE(text->params.value("opacity").toString(), QStringLiteral("50"));
        QCOMPARE(parseFilterSpec("text_watermark:text=\"\"", &error)->params.value("text").toString(), QString());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "expected a filter id";
        QTest::newRow("no pairs") << "resize:" << "expected key=value after ':'";
        QTest::newRow("no equals") << "resize:long_edge" << "expected key=value, got 'long_edge'";
        QTest::newRow("no value") << "resize:long_edge=" << "no value for 'long_edge'";
        QTest::newRow("twice") << "resize:width=1,width=2" << "'width' is given twice";
        QTest::newRow("bad key") << "resize:Long Edge=3" << "is not a parameter name";
        QTest::newRow("bad id") << "Resize" << "expected a filter id";
        QTest::newRow("unclosed quote") << "curves:points=\"0,0 255,255" << "'points' has no closing quote";
        QTest::newRow("text after quote") << "curves:points=\"0,0 255,255\"x" << "expected ',' after the quoted value";
        QTest::newRow("trailing comma") << "resize:width=3," << "expected key=value after the last ','";
        QTest::newRow("empty pair") << "resize:width=3,,height=2" << "expected key=value, got ''";
    }
    void rejects()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parseFilterSpec(spec, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFilterSpec)
#include "tst_filterspec.moc"

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

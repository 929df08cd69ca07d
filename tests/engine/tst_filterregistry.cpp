// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterregistry.h"
#include "tests/common/testutils.h"

#include <algorithm>

#include <QTest>

using namespace pixelmill;

class TestFilterRegistry final : public QObject
{
    Q_OBJECT

private:
    FilterRegistry m_registry;

private slots:
    void initTestCase() { registerBuiltinFilters(m_registry); }

    void listsEveryBuiltinOnce()
    {
        QStringList ids;
        for (const FilterDescriptor &d : m_registry.descriptors())
            ids << d.id;
        const QStringList expected = {"resize", "crop", "rotate", "flip", "auto_orient", "straighten", "trim", "canvas",
                                      "grayscale", "brightness_contrast", "gamma", "levels", "curves",
                                      "channel_mixer", "auto_contrast",
                                      "hue_saturation", "color_temperature", "sepia", "invert", "threshold",
                                      "posterize", "gaussian_blur", "unsharp_mask", "median_blur", "bilateral",
                                      "box_blur", "denoise", "emboss", "edges", "vignette", "text_watermark", "image_watermark"};
        QCOMPARE(ids, expected);
        QVERIFY(!m_registry.registerFilter(makeResizeFilter()));
    }

    void descriptorsAreComplete()
    {
        for (const FilterDescriptor &d : m_registry.descriptors()) {
            QVERIFY2(!d.displayName.isEmpty() && !d.category.isEmpty() && !d.description.isEmpty(),
                     qPrintable(d.id));
            for (const ParamSpec &p : d.params) {
                QVERIFY2(!p.label.isEmpty() && !p.toolTip.isEmpty(), qPrintable(d.id + "." + p.key));
                QVERIFY2(p.defaultValue.isValid(), qPrintable(p.key));
                if (p.type == ParamType::Int || p.type == ParamType::Double) {
                    QVERIFY(p.minimum.toDouble() <= p.defaultValue.toDouble());
                    QVERIFY(p.defaultValue.toDouble() <= p.maximum.toDouble());
                }
                if (p.type == ParamType::Choice)
                    QVERIFY(p.choices.contains(p.defaultValue.toString()));
                if (!p.appliesWithKey.isEmpty()) { // names a choice of the same filter, and its values
                    const auto owner = std::find_if(d.params.begin(), d.params.end(),
                                                    [&](const ParamSpec &o) { return o.key == p.appliesWithKey; });
                    QVERIFY2(owner != d.params.end() && owner->type == ParamType::Choice, qPrintable(p.key));
                    QVERIFY(!p.appliesWithValues.isEmpty());
                    for (const QString &v : p.appliesWithValues)
                        QVERIFY2(owner->choices.contains(v), qPrintable(d.id + "." + p.key + ": " + v));
                }
            }
        }
    }

    void normalizeFillsDefaultsAndConvertsStrings()
    {
        FilterStep step{QStringLiteral("resize"), 1, true,
                        {{QStringLiteral("long_edge"), QStringLiteral("800")},
                         {QStringLiteral("enlarge"), QStringLiteral("yes")}}};
        const auto n = m_registry.normalized(step);
        QVERIFY2(n.ok(), qPrintable(n.error));
        QCOMPARE(n.value.params.value("long_edge").toInt(), 800);
        QCOMPARE(n.value.params.value("long_edge").typeId(), QMetaType::Int);
        QCOMPARE(n.value.params.value("enlarge").toBool(), true);
        QCOMPARE(n.value.params.value("mode").toString(), QStringLiteral("long_edge"));
        QCOMPARE(n.value.params.value("interpolation").toString(), QStringLiteral("area"));
    }

    void resizeInfersModeFromGivenKeys_data()
    {
        QTest::addColumn<QVariantMap>("given");
        QTest::addColumn<QString>("mode");
        QTest::newRow("width") << QVariantMap{{"width", 100}} << "width";
        QTest::newRow("height") << QVariantMap{{"height", 100}} << "height";
        QTest::newRow("box") << QVariantMap{{"width", 100}, {"height", 50}} << "fit";
        QTest::newRow("percent") << QVariantMap{{"percent", 25}} << "percent";
        QTest::newRow("explicit") << QVariantMap{{"mode", "exact"}, {"width", 10}} << "exact";
    }
    void resizeInfersModeFromGivenKeys()
    {
        QFETCH(QVariantMap, given);
        QFETCH(QString, mode);
        const auto n = m_registry.normalized(FilterStep{"resize", 1, true, given});
        QVERIFY2(n.ok(), qPrintable(n.error));
        QCOMPARE(n.value.params.value("mode").toString(), mode);
    }

    void rejectsWithClearErrors_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QVariantMap>("params");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown id") << "sharpenn" << QVariantMap{} << "unknown filter 'sharpenn'";
        QTest::newRow("unknown key") << "resize" << QVariantMap{{"long", 3}}
                                     << "resize: unknown parameter 'long' (expected one of: mode";
        QTest::newRow("range") << "resize" << QVariantMap{{"long_edge", 0}}
                               << "resize: long_edge=0 is out of range [1, 65535]";
        QTest::newRow("not integer") << "resize" << QVariantMap{{"long_edge", "12.5"}}
                                     << "long_edge='12.5' is not a whole number";
        QTest::newRow("not number") << "gamma" << QVariantMap{{"gamma", "abc"}}
                                    << "gamma: gamma='abc' is not a number";
        QTest::newRow("choice") << "flip" << QVariantMap{{"direction", "diagonal"}}
                                << "direction='diagonal' is not one of: horizontal, vertical, both";
        QTest::newRow("bool") << "resize" << QVariantMap{{"enlarge", "maybe"}}
                              << "enlarge='maybe' is not true or false";
        QTest::newRow("colour") << "rotate" << QVariantMap{{"background", "#12"}}
                                << "background='#12' is not a colour";
        QTest::newRow("no params") << "grayscale" << QVariantMap{{"x", 1}} << "takes none";
    }
    void rejectsWithClearErrors()
    {
        QFETCH(QString, id);
        QFETCH(QVariantMap, params);
        QFETCH(QString, expected);
        const auto n = m_registry.normalized(FilterStep{id, 1, true, params});
        QVERIFY(!n.ok());
        QVERIFY2(n.error.contains(expected), qPrintable(n.error));
    }

    void chainErrorNamesTheStep()
    {
        const FilterChain chain = {FilterStep{"flip", 1, true, {}},
                                   FilterStep{"gamma", 1, true, {{"gamma", 0}}}};
        const auto n = m_registry.normalized(chain);
        QVERIFY(n.error.startsWith("step 2: gamma:"));
    }

    void newerVersionIsRefused()
    {
        const auto n = m_registry.normalized(FilterStep{"flip", 7, true, {}});
        QVERIFY(n.error.contains("version 7 is newer"));
    }

    // Every registered filter at defaults, minimums and maximums, on every
    // supported depth and channel layout: no throw, same depth and channels.
    void everyFilterAtEveryExtreme_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QVariantMap>("params");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("channels");
        for (const FilterDescriptor &d : m_registry.descriptors()) {
            QList<QPair<QString, QVariantMap>> variants = {{"defaults", {}}};
            QVariantMap mins;
            QVariantMap maxs;
            for (const ParamSpec &p : d.params) {
                if (p.type == ParamType::Int || p.type == ParamType::Double) {
                    mins.insert(p.key, p.minimum);
                    maxs.insert(p.key, p.maximum);
                }
                if (p.type == ParamType::Choice) {
                    for (const QString &c : p.choices)
                        variants.append({p.key + "=" + c, {{p.key, c}}});
                }
            }
            // Huge sizes would allocate gigabytes; keep the extremes of size keys small.
            for (const char *key : {"long_edge", "width", "height"}) {
                if (maxs.contains(key))
                    maxs[key] = 96;
            }
            if (maxs.contains("percent"))
                maxs["percent"] = 300.0;
            if (maxs.contains("sigma"))
                maxs["sigma"] = 20.0;
            if (maxs.contains("size"))
                maxs["size"] = 50; // canvas border
            for (const char *key : {"aspect_w", "aspect_h"}) {
                if (maxs.contains(key))
                    maxs[key] = 50;
            }
            variants.append({"minimums", mins});
            variants.append({"maximums", maxs});
            for (const auto &[label, params] : variants) {
                for (int depth : {CV_8U, CV_16U}) {
                    for (int channels : {1, 3, 4}) {
                        QTest::addRow("%s %s %s c%d", qPrintable(d.id), qPrintable(label),
                                      depth == CV_8U ? "8u" : "16u", channels)
                            << d.id << params << depth << channels;
                    }
                }
            }
        }
    }
    void everyFilterAtEveryExtreme()
    {
        QFETCH(QString, id);
        QFETCH(QVariantMap, params);
        QFETCH(int, depth);
        QFETCH(int, channels);
        const auto n = m_registry.normalized(FilterStep{id, 1, true, params});
        QVERIFY2(n.ok(), qPrintable(n.error));
        const cv::Mat in = test::syntheticImage(32, 24, depth, channels);
        const cv::Mat before = in.clone();
        cv::Mat out;
        try {
            out = m_registry.find(id)->apply(in, n.value.params, CancelToken());
        } catch (const std::exception &e) {
            // Only a clear, expected refusal is allowed (e.g. a crop outside the image).
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(id), e.what());
            return;
        }
        QVERIFY(!out.empty());
        QCOMPARE(out.depth(), depth);
        // Alpha always survives; grey conversion may drop to one channel and
        // toning (sepia) may turn grey into colour.
        if (id == "grayscale")
            QCOMPARE(out.channels(), channels == 4 ? 4 : 1);
        else if (id == "sepia")
            QCOMPARE(out.channels(), channels == 4 ? 4 : 3);
        else
            QCOMPARE(out.channels(), channels);
        QCOMPARE(cv::norm(in, before, cv::NORM_INF), 0.0); // input never modified in place
        const auto predicted = m_registry.find(id)->outputSize(in.size(), n.value.params);
        if (predicted)
            QCOMPARE(out.size(), *predicted);
    }
};

QTEST_GUILESS_MAIN(TestFilterRegistry)
#include "tst_filterregistry.moc"

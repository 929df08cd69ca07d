// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/settings/colorbutton.h"
#include "ui/settings/filterparamform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace pixelmill;

class TestFilterParamForm final : public QObject
{
    Q_OBJECT

private:
    static FilterDescriptor fakeDescriptor()
    {
        FilterDescriptor d;
        d.id = "fake";
        d.displayName = "Fake";
        d.description = "for tests";
        d.params = {ParamSpec::integer("size", "Size", 10, 2, 50, "px", "tip"),
                    ParamSpec::real("amount", "Amount", 0.5, 0.0, 2.0, 0.05, {}, "tip"),
                    ParamSpec::boolean("flag", "Flag", true, "tip"),
                    ParamSpec::choice("mode", "Mode", {"a", "b", "c"}, "b", "tip"),
                    ParamSpec::color("fill", "Fill", "#ff0000", "tip")};
        return d;
    }

private slots:
    void buildsTheRightEditorsWithRangesFromTheSpec()
    {
        FilterParamForm form(fakeDescriptor(), {{"size", 20}});
        auto *size = qobject_cast<QSpinBox *>(form.editorFor("size"));
        QVERIFY(size);
        QCOMPARE(size->minimum(), 2);
        QCOMPARE(size->maximum(), 50);
        QCOMPARE(size->value(), 20);
        QCOMPARE(size->suffix(), QStringLiteral(" px"));
        auto *amount = qobject_cast<QDoubleSpinBox *>(form.editorFor("amount"));
        QVERIFY(amount);
        QCOMPARE(amount->singleStep(), 0.05);
        QCOMPARE(amount->decimals(), 2);
        QCOMPARE(amount->value(), 0.5); // default, as none was given
        QVERIFY(qobject_cast<QCheckBox *>(form.editorFor("flag"))->isChecked());
        auto *mode = qobject_cast<QComboBox *>(form.editorFor("mode"));
        QCOMPARE(mode->count(), 3);
        QCOMPARE(mode->currentText(), QStringLiteral("b"));
        QCOMPARE(qobject_cast<ColorButton *>(form.editorFor("fill"))->colorName(), QStringLiteral("#ff0000"));
        QCOMPARE(form.editorFor("size")->toolTip(), QStringLiteral("tip"));
    }

    void outOfRangeInputIsImpossibleAndChangesAreReported()
    {
        FilterParamForm form(fakeDescriptor(), {});
        QSignalSpy changed(&form, &FilterParamForm::valuesChanged);
        auto *size = qobject_cast<QSpinBox *>(form.editorFor("size"));
        size->setValue(999);
        QCOMPARE(size->value(), 50);
        qobject_cast<QComboBox *>(form.editorFor("mode"))->setCurrentText("c");
        QCOMPARE(changed.count(), 2);
        const QVariantMap values = changed.last().at(0).toMap();
        QCOMPARE(values.value("size").toInt(), 50);
        QCOMPARE(values.value("mode").toString(), QStringLiteral("c"));
        QCOMPARE(values.size(), 5);
    }

    // What the chosen mode does not use is greyed out, label too, and still kept.
    void settingsTheModeDoesNotUseAreGreyedOut()
    {
        FilterDescriptor d = fakeDescriptor();
        d.params.append(ParamSpec::integer("c_only", "C only", 7, 0, 9, {}, "tip").onlyWith("mode", {"c"}));
        FilterParamForm form(d, {});
        QWidget *cOnly = form.editorFor("c_only");
        const auto *layout = qobject_cast<QFormLayout *>(form.layout());
        QVERIFY(!cOnly->isEnabled());
        QVERIFY(!layout->labelForField(cOnly)->isEnabled());
        QVERIFY(form.editorFor("size")->isEnabled());
        qobject_cast<QComboBox *>(form.editorFor("mode"))->setCurrentText("c");
        QVERIFY(cOnly->isEnabled());
        QVERIFY(layout->labelForField(cOnly)->isEnabled());
        qobject_cast<QComboBox *>(form.editorFor("mode"))->setCurrentText("a");
        QVERIFY(!cOnly->isEnabled());
        QCOMPARE(form.values().value("c_only").toInt(), 7);
    }
};

QTEST_MAIN(TestFilterParamForm)
#include "tst_filterparamform.moc"

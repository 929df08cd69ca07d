// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/crashmarker.h"
#include "tests/common/testutils.h"

#include <QFile>
#include <QTest>

#include <csignal>

using namespace pixelmill;

// The crashing children would otherwise run Qt Test's debugger-driven stack dump.
static const bool g_noStackDumps = qputenv("QTEST_DISABLE_STACK_DUMP", "1");

class TestCrashMarker final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

private slots:
    void init() { crashmarker::arm({}); }

    void aCrashLeavesTheInputsInFlight_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("segmentation fault") << SIGSEGV;
        QTest::newRow("abort") << SIGABRT;
        QTest::newRow("bus error") << SIGBUS;
    }
    void aCrashLeavesTheInputsInFlight()
    {
        QFETCH(int, signal);
        const QString marker = m_dir.filePath(QStringLiteral("crashed-%1").arg(signal));
        crashmarker::arm(marker);
        const QStringList inFlight{"/photos/IMG_0001.HEIC", "/photos/a name\nwith a newline.dng"};
        {
            const crashmarker::InputScope finished("/photos/done.jpg"); // ended before the crash
        }
        QVERIFY(test::crashWhileProcessing(inFlight, signal));
        QCOMPARE(crashmarker::crashedInputs(marker), inFlight);
    }

    void nothingIsLeftWithoutACrashOrWhenNotArmed()
    {
        const QString armed = m_dir.filePath("armed");
        crashmarker::arm(armed);
        {
            const crashmarker::InputScope processing("/photos/fine.jpg");
        }
        QVERIFY(!QFile::exists(armed));
        crashmarker::arm({});
        QVERIFY(test::crashWhileProcessing({"/photos/IMG_0002.HEIC"}, SIGSEGV));
        QVERIFY(!QFile::exists(armed));
        QCOMPARE(crashmarker::crashedInputs(m_dir.filePath("missing")), QStringList());
    }

    // A kill -9 or a power cut is not the file's fault: nothing may be blamed on it.
    void killNineBlamesNothing()
    {
        const QString marker = m_dir.filePath("killed");
        crashmarker::arm(marker);
        QVERIFY(test::crashWhileProcessing({"/photos/IMG_0003.CR2"}, SIGKILL));
        QVERIFY(!QFile::exists(marker));
    }
};

QTEST_GUILESS_MAIN(TestCrashMarker)
#include "tst_crashmarker.moc"

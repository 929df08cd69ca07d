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

    void aCrashIsBlamedOnTheInputOfTheThreadThatCrashed_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("segmentation fault") << SIGSEGV;
        QTest::newRow("abort") << SIGABRT;
        QTest::newRow("bus error") << SIGBUS;
    }
    void aCrashIsBlamedOnTheInputOfTheThreadThatCrashed()
    {
        QFETCH(int, signal);
        const QString marker = m_dir.filePath(QStringLiteral("crashed-%1").arg(signal));
        crashmarker::arm(marker);
        {
            const crashmarker::InputScope finished("/photos/done.jpg"); // ended before the crash
        }
        // The other workers' files were fine: failing them would lose photos for nothing.
        const QString culprit = "/photos/a name\nwith a newline.dng";
        QVERIFY(test::crashWhileProcessing(culprit, signal, {"/photos/IMG_0001.HEIC", "/photos/IMG_0002.jpg"}));
        QCOMPARE(crashmarker::crashedInputs(marker), QStringList{culprit});
    }

    // A decoder's own helper thread processes no input of ours: every input in
    // flight is blamed, so that resuming cannot crash on the culprit again.
    void aCrashElsewhereIsBlamedOnEveryInputInFlight()
    {
        const QString marker = m_dir.filePath("crashed-elsewhere");
        crashmarker::arm(marker);
        const QStringList inFlight{"/photos/IMG_0001.HEIC", "/photos/IMG_0002.CR2"};
        QVERIFY(test::crashWhileProcessing({}, SIGSEGV, inFlight));
        QStringList blamed = crashmarker::crashedInputs(marker);
        blamed.sort();
        QCOMPARE(blamed, inFlight);
    }

    // A crash pinned on a thumbnail's file is that file's alone, not the batch's.
    void aCrashPinnedOnOneChannelLeavesTheOtherAlone()
    {
        const QString batchMarker = m_dir.filePath("batch");
        const QString thumbnailMarker = m_dir.filePath("thumbnails");
        crashmarker::arm(batchMarker);
        crashmarker::arm(thumbnailMarker, crashmarker::Channel::Thumbnails);
        const crashmarker::InputScope batchInFlight("/photos/batch.jpg");
        QVERIFY(test::crashWhileProcessing("/photos/bad.heic", SIGSEGV, {}, crashmarker::Channel::Thumbnails));
        QCOMPARE(crashmarker::crashedInputs(thumbnailMarker), QStringList{"/photos/bad.heic"});
        QVERIFY(!QFile::exists(batchMarker));
        crashmarker::arm({}, crashmarker::Channel::Thumbnails);
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

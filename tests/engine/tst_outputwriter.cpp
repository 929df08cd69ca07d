// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputintentlog.h"
#include "engine/export/outputnaming.h"
#include "engine/export/outputwriter.h"
#include "tests/common/testutils.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

#include <unistd.h>

using namespace pixelmill;

class TestOutputWriter final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const std::vector<uchar> m_data{'n', 'e', 'w'};

    static QStringList leftovers(const QString &folder)
    {
        return QDir(folder).entryList({".pixelmill-*"}, QDir::Files | QDir::Hidden);
    }

private slots:
    void writesAndCreatesFolders()
    {
        OutputReservations r;
        const QString path = m_dir.filePath("a/b/out.jpg");
        const WriteOutcome o = writeOutputAtomically(path, m_data, OverwritePolicy::Rename, r, {});
        QCOMPARE(o.status, WriteOutcome::Status::Written);
        QCOMPARE(o.path, path);
        QCOMPARE(test::readFile(path), QByteArray("new"));
        QCOMPARE(o.bytes, 3);
        QVERIFY(leftovers(m_dir.filePath("a/b")).isEmpty());
        QVERIFY(QFileInfo(path).permission(QFile::ReadOther)); // not mkstemp's 0600
    }

    void skipKeepsTheExistingFile()
    {
        OutputReservations r;
        const QString path = m_dir.filePath("skip.jpg");
        test::writeFile(path, "old");
        const NameChoice early = chooseOutputName(path, OverwritePolicy::Skip, r); // as a job decides at its start
        QCOMPARE(early.status, NameChoice::Status::Skipped);
        QVERIFY(early.reason.contains("already exists"));
        const WriteOutcome o = writeOutputAtomically(path, m_data, OverwritePolicy::Skip, r, {});
        QCOMPARE(o.status, WriteOutcome::Status::Skipped);
        QCOMPARE(test::readFile(path), QByteArray("old"));
    }

    // Every rename is announced in the batch's intent log first, the last
    // attempt last: the name a file ends up under is the input's last record.
    void eachRenameIsLoggedAsTheInputsOutput()
    {
        const QString logPath = m_dir.filePath("intents.log");
        auto log = std::make_shared<OutputIntentLog>();
        QVERIFY(log->open(logPath));
        OutputReservations r;
        r.setIntentLog(log);
        const QString path = m_dir.filePath("logged.jpg");
        NameChoice chosen = chooseOutputName(path, OverwritePolicy::Rename, r);
        test::writeFile(path, "someone else's, after the name was chosen");
        const WriteOutcome o = writeOutputAtomically(path, m_data, OverwritePolicy::Rename, r, {}, &chosen,
                                                     "/in/logged.png");
        QCOMPARE(o.path, m_dir.filePath("logged_1.jpg"));
        QCOMPARE(OutputIntentLog::read(logPath)->value("/in/logged.png"), o.path);
        QCOMPARE(test::readFile(logPath).count("/in/logged.png"), 2); // both attempts
    }

    void renamePicksTheNextFreeName()
    {
        OutputReservations r;
        const QString path = m_dir.filePath("ren.jpg");
        test::writeFile(path, "old");
        test::writeFile(m_dir.filePath("ren_1.jpg"), "old1");
        const WriteOutcome o = writeOutputAtomically(path, m_data, OverwritePolicy::Rename, r, {});
        QCOMPARE(o.status, WriteOutcome::Status::Written);
        QCOMPARE(o.path, m_dir.filePath("ren_2.jpg"));
        QCOMPARE(test::readFile(path), QByteArray("old"));
        QCOMPARE(test::readFile(m_dir.filePath("ren_1.jpg")), QByteArray("old1"));
    }

    void overwriteReplacesAnEarlierRunsOutput()
    {
        OutputReservations r;
        const QString path = m_dir.filePath("ow.jpg");
        test::writeFile(path, "old");
        const WriteOutcome o = writeOutputAtomically(path, m_data, OverwritePolicy::Overwrite, r, {});
        QCOMPARE(o.status, WriteOutcome::Status::Written);
        QCOMPARE(test::readFile(path), QByteArray("new"));
    }

    void neverReplacesASourceFile_data()
    {
        QTest::addColumn<int>("policy");
        QTest::newRow("skip") << int(OverwritePolicy::Skip);
        QTest::newRow("rename") << int(OverwritePolicy::Rename);
        QTest::newRow("overwrite") << int(OverwritePolicy::Overwrite);
    }
    void neverReplacesASourceFile()
    {
        QFETCH(int, policy);
        OutputReservations r;
        const QString source = m_dir.filePath(QStringLiteral("src%1.jpg").arg(policy));
        test::writeFile(source, "original");
        r.protect({source});
        const WriteOutcome o = writeOutputAtomically(source, m_data, OverwritePolicy(policy), r, {});
        QCOMPARE(test::readFile(source), QByteArray("original"));
        if (OverwritePolicy(policy) == OverwritePolicy::Skip) {
            QCOMPARE(o.status, WriteOutcome::Status::Skipped);
            QVERIFY(o.reason.contains("source file"));
        } else {
            QCOMPARE(o.status, WriteOutcome::Status::Written);
            QVERIFY(o.path != source);
        }
    }

    // Sources are protected by folder identity, whatever spelling reaches them.
    void protectsSourcesOfManyFoldersThroughAnySpelling()
    {
        const QString a = m_dir.filePath("protect-a");
        const QString b = m_dir.filePath("protect-b");
        QDir().mkpath(a);
        QDir().mkpath(b);
        QVERIFY(QFile::link(a, m_dir.filePath("protect-link")));
        OutputReservations r;
        r.protect({a + "/1.jpg", b + "/1.jpg", m_dir.filePath("protect-link") + "/2.jpg", a + "/../protect-b/3.jpg"});
        QVERIFY(r.isProtected(m_dir.filePath("protect-link") + "/1.jpg"));
        QVERIFY(r.isProtected(a + "/2.jpg"));
        QVERIFY(r.isProtected(b + "/1.jpg"));
        QVERIFY(r.isProtected(b + "/3.jpg"));
        QVERIFY(!r.isProtected(b + "/2.jpg"));
        QVERIFY(!r.claim(a + "/1.jpg"));
        QVERIFY(r.claim(a + "/4.jpg"));
    }

    void twoJobsNeverShareAName()
    {
        OutputReservations r;
        const QString path = m_dir.filePath("clash.jpg");
        const WriteOutcome first = writeOutputAtomically(path, m_data, OverwritePolicy::Overwrite, r, {});
        const WriteOutcome second = writeOutputAtomically(path, {'2'}, OverwritePolicy::Overwrite, r, {});
        QCOMPARE(first.path, path);
        QCOMPARE(second.path, m_dir.filePath("clash_1.jpg"));
        QCOMPARE(second.warnings.size(), 1);
        QCOMPARE(test::readFile(path), QByteArray("new"));
    }

    // However many inputs share a name, each looks at a few names: the n-th
    // used to try all n before it (3,000 inputs called IMG_0001.jpg took 21 s,
    // and past 10,000 they failed). Names already on disk are stepped over once.
    void aSharedNameTakesAFewTriesEach()
    {
        OutputReservations r;
        QVERIFY(QDir(m_dir.path()).mkpath("shared"));
        const QString desired = m_dir.filePath("shared/IMG_0001.jpg");
        for (int n = 0; n <= 10; ++n)
            test::writeFile(n == 0 ? desired : numberedPath(desired, n), "earlier batch");
        QSet<QString> chosen;
        for (int i = 0; i < 300; ++i) {
            const NameChoice choice = chooseOutputName(desired, OverwritePolicy::Rename, r);
            QCOMPARE(choice.status, NameChoice::Status::Chosen);
            QCOMPARE(choice.attempt, 11 + i);
            QVERIFY(!chosen.contains(choice.path));
            chosen.insert(choice.path);
            if (i > 0)
                QVERIFY2(choice.namesTried <= 2, qPrintable(QString::number(choice.namesTried)));
        }
        // Overwrite: the first takes the name, the others number after it.
        OutputReservations o;
        QCOMPARE(chooseOutputName(desired, OverwritePolicy::Overwrite, o).attempt, 0);
        for (int i = 1; i <= 50; ++i) {
            const NameChoice choice = chooseOutputName(desired, OverwritePolicy::Overwrite, o);
            QCOMPARE(choice.attempt, i);
            QVERIFY(choice.namesTried <= 2);
        }
    }

    // Names are chosen in the order jobs left the queue: a ticket's turn comes
    // when every earlier ticket has passed, early or in turn; waiting gives up
    // when the job is canceled.
    void namingTurnsFollowTheQueue()
    {
        OutputReservations r;
        // A wait that would hang if the turn never came fails the test instead.
        const auto turnComes = [&r](int ticket) {
            const CancelToken giveUp;
            std::thread([giveUp] {
                QThread::msleep(3000);
                giveUp.cancel();
            }).detach();
            return r.waitForNamingTurn(ticket, giveUp);
        };
        const int first = r.takeNamingTicket();
        const int second = r.takeNamingTicket();
        const int third = r.takeNamingTicket();
        r.passNamingTurn(third); // a job that ended before its turn came
        QVERIFY(turnComes(first));
        std::atomic<bool> secondHadItsTurn{false};
        std::thread secondJob([&] {
            if (turnComes(second))
                secondHadItsTurn = true;
            r.passNamingTurn(second);
        });
        QThread::msleep(100);
        QVERIFY(!secondHadItsTurn); // the first has not passed yet
        r.passNamingTurn(first);
        secondJob.join();
        QVERIFY(secondHadItsTurn);
        // The third passed long ago: the fourth's turn has come.
        const int fourth = r.takeNamingTicket();
        QVERIFY(turnComes(fourth));
        const int fifth = r.takeNamingTicket();
        const CancelToken canceled;
        canceled.cancel();
        QVERIFY(!r.waitForNamingTurn(fifth, canceled));
    }

    void canceledWriteLeavesNothing()
    {
        OutputReservations r;
        CancelToken cancel;
        cancel.cancel();
        const QString path = m_dir.filePath("cancel/x.jpg");
        const WriteOutcome o = writeOutputAtomically(path, m_data, OverwritePolicy::Rename, r, cancel);
        QCOMPARE(o.status, WriteOutcome::Status::Canceled);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(leftovers(m_dir.filePath("cancel")).isEmpty());
    }

    void leftoversOfAKilledWriterAreRemoved()
    {
        const QString folder = m_dir.filePath("stale");
        QDir().mkpath(folder);
        test::writeFile(folder + "/.pixelmill-999999999-abcdef.part", "half"); // no such process
        test::writeFile(folder + "/.pixelmill-999999999-5eed-abcdef.part", "half");
        // This pid in an earlier image: the program went on after a crash as the same process.
        const QString crashed = QStringLiteral("/.pixelmill-%1-5eed-abcdef.part").arg(::getpid());
        test::writeFile(folder + crashed, "half");
        const QString live = QStringLiteral("/.pixelmill-%1-abcdef.part").arg(::getppid()); // alive
        test::writeFile(folder + live, "someone else's");
        OutputReservations r;
        QCOMPARE(writeOutputAtomically(folder + "/x.jpg", m_data, OverwritePolicy::Rename, r, {}).status,
                 WriteOutcome::Status::Written);
        QVERIFY(!QFileInfo::exists(folder + "/.pixelmill-999999999-abcdef.part"));
        QVERIFY(!QFileInfo::exists(folder + "/.pixelmill-999999999-5eed-abcdef.part"));
        QVERIFY(!QFileInfo::exists(folder + crashed));
        QVERIFY(QFileInfo::exists(folder + live));
    }

    void impossibleFolderFailsWithTheReason()
    {
        OutputReservations r;
        test::writeFile(m_dir.filePath("file"), "x");
        const WriteOutcome o = writeOutputAtomically(m_dir.filePath("file/sub/x.jpg"), m_data,
                                                     OverwritePolicy::Rename, r, {});
        QCOMPARE(o.status, WriteOutcome::Status::Failed);
        QVERIFY2(o.reason.startsWith("cannot create output folder"), qPrintable(o.reason));
    }

    void folderThatRefusesFilesFailsEvenForRoot()
    {
        // /proc refuses new entries even for root, so this runs in CI containers too.
        OutputReservations r;
        const WriteOutcome o = writeOutputAtomically("/proc/pixelmill-test/x.jpg", m_data,
                                                     OverwritePolicy::Rename, r, {});
        QCOMPARE(o.status, WriteOutcome::Status::Failed);
        QVERIFY(!o.reason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutputWriter)
#include "tst_outputwriter.moc"

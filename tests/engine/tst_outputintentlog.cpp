// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputintentlog.h"
#include "engine/scan/nativepath.h"
#include "tests/common/testutils.h"

#include <QFile>
#include <QTest>

#include <thread>
#include <vector>

#include <sys/stat.h>

using namespace pixelmill;

class TestOutputIntentLog final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

private slots:
    void theLastRecordOfAnInputCounts()
    {
        const QString path = m_dir.filePath("last.log");
        {
            OutputIntentLog log;
            QVERIFY(log.open(path));
            log.record("/in/a.jpg", "/out/a.jpg");
            log.record("/in/b.jpg", "/out/b.jpg");
            log.record("/in/a.jpg", "/out/a_1.jpg"); // someone took a.jpg meanwhile
        }
        const auto read = OutputIntentLog::read(path);
        QVERIFY(read);
        QCOMPARE(*read, (QHash<QString, QString>{{"/in/a.jpg", "/out/a_1.jpg"}, {"/in/b.jpg", "/out/b.jpg"}}));
    }

    // a.jpg was about to become x.jpg when a kill came; the next run gave the free
    // name to b.jpg and was killed too. x.jpg is b's, and a has no output yet.
    void aNameRecordedAgainBelongsToTheLaterInput()
    {
        const QString path = m_dir.filePath("stale.log");
        OutputIntentLog log;
        QVERIFY(log.open(path));
        log.record("/in/a.jpg", "/out/x.jpg");
        log.record("/in/b.jpg", "/out/x.jpg");
        QCOMPARE(*OutputIntentLog::read(path), (QHash<QString, QString>{{"/in/b.jpg", "/out/x.jpg"}}));
    }

    // A continued batch appends to its log: the first run's records stay.
    void reopeningAppends()
    {
        const QString path = m_dir.filePath("append.log");
        for (const char *input : {"/in/1.jpg", "/in/2.jpg"}) {
            OutputIntentLog log;
            QVERIFY(log.open(path));
            log.record(input, QString(input).replace("/in/", "/out/"));
        }
        QCOMPARE(OutputIntentLog::read(path)->size(), 2);
    }

    void noLogIsNotAnEmptyLog()
    {
        QVERIFY(!OutputIntentLog::read(m_dir.filePath("missing.log")));
        OutputIntentLog log;
        QVERIFY(log.open(m_dir.filePath("empty.log")));
        QVERIFY(OutputIntentLog::read(m_dir.filePath("empty.log"))->isEmpty());
        QVERIFY(!log.open(m_dir.filePath("no/such/folder.log")));
        log.record("/in/x.jpg", "/out/x.jpg"); // without a file: nothing, and no crash
        // A FIFO in its place neither blocks the batch's start nor its resume.
        const QString fifo = m_dir.filePath("fifo.log");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(!log.open(fifo));
        QVERIFY(!OutputIntentLog::read(fifo));
    }

    // A full disk can cut the last record short: it is dropped, the rest read.
    void aTornLastRecordIsIgnored()
    {
        const QString path = m_dir.filePath("torn.log");
        test::writeFile(path, QByteArray("/in/a.jpg\0/out/a.jpg\0/in/b.jpg\0/out/b", 36));
        QCOMPARE(*OutputIntentLog::read(path), (QHash<QString, QString>{{"/in/a.jpg", "/out/a.jpg"}}));
    }

    void namesThatAreNotUtf8KeepTheirBytes()
    {
        const QString path = m_dir.filePath("bytes.log");
        const QString input = pathFromNative("/in/caf\xe9.jpg");
        const QString output = pathFromNative("/out/caf\xe9.jpg");
        {
            OutputIntentLog log;
            QVERIFY(log.open(path));
            log.record(input, output);
        }
        const auto read = OutputIntentLog::read(path);
        QCOMPARE(nativePath(read->value(input)), QByteArray("/out/caf\xe9.jpg"));
    }

    // Workers record at the same time: every record comes back whole.
    void concurrentRecordsNeverInterleave()
    {
        const QString path = m_dir.filePath("threads.log");
        OutputIntentLog log;
        QVERIFY(log.open(path));
        std::vector<std::thread> workers;
        for (int t = 0; t < 4; ++t) {
            workers.emplace_back([&log, t] {
                for (int i = 0; i < 500; ++i) {
                    const QString name = QStringLiteral("%1-%2-%3").arg(t).arg(i).arg(QString(40, QChar('x')));
                    log.record("/in/" + name + ".jpg", "/out/" + name + ".png");
                }
            });
        }
        for (std::thread &w : workers)
            w.join();
        const auto read = OutputIntentLog::read(path);
        QCOMPARE(read->size(), 2000);
        for (auto it = read->cbegin(); it != read->cend(); ++it)
            QCOMPARE(QString(it.value()).replace("/out/", "/in/").replace(".png", ".jpg"), it.key());
    }
};

QTEST_GUILESS_MAIN(TestOutputIntentLog)
#include "tst_outputintentlog.moc"

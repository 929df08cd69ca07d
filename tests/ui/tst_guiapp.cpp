// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// End-to-end tests of the window program (`pixelmill`), run as a separate process.
#include "tests/common/testutils.h"

#include <QDir>
#include <QProcess>
#include <QTest>

using namespace pixelmill;

class TestGuiApp final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(QFileInfo(qEnvironmentVariable("PIXELMILL_GUI")).isExecutable()); }

    // A decoder crash must not end the window's batch: the window comes back
    // and goes on with the batch, without that file and only that file.
    void aCrashOnOneFileLeavesOnlyThatFileOut()
    {
        const QString in = m_dir.filePath("photos");
        const QString out = m_dir.filePath("out");
        test::writePhotos(in, 30);
        QProcess app;
        app.setProcessEnvironment(environment("first", "PIXELMILL_CRASH_ON_INPUT", "img07.jpg"));
        app.start(
            qEnvironmentVariable("PIXELMILL_GUI"), {"--output", out, "--start", "--quit-when-done", in});
        QVERIFY(app.waitForFinished(120000));
        const QString log = QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QVERIFY2(log.contains("pixelmill: crashed while processing " + in
                     + "/img07.jpg; the batch goes on without it"),
            qPrintable(log));
        QStringList expected;
        for (int i = 0; i < 30; ++i) {
            if (i != 7)
                expected << QStringLiteral("img%1.jpg").arg(i, 2, 10, QLatin1Char('0'));
        }
        // Nothing twice, no temporaries: the other worker's file in flight was done again.
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden, QDir::Name), expected);
        // The batch finished: its crash marker went with it.
        const QDir data(m_dir.filePath("first/data/pixelmill"));
        QVERIFY(data.exists("journal.sqlite"));
        QCOMPARE(data.entryList({"journal.sqlite.crashed-*"}, QDir::Files), QStringList());
    }

    // A crash reading a file for its thumbnail must not lose the queue: the
    // window starts again with the paths queued so far, and that file shows no
    // preview (it is not read again, so the window stays up).
    void aCrashReadingAThumbnailKeepsTheQueue()
    {
        const QString in = m_dir.filePath("thumbnails");
        test::writePhotos(in, 8, 800, 600);
        QProcess app;
        app.setProcessEnvironment(environment("second", "PIXELMILL_CRASH_ON_PREVIEW", "img03.jpg"));
        app.start(qEnvironmentVariable("PIXELMILL_GUI"), {"--output", m_dir.filePath("unused"), in});
        QVERIFY(app.waitForStarted());
        QString log;
        QTRY_VERIFY_WITH_TIMEOUT(
            (log += QString::fromUtf8(app.readAllStandardError()))
                .contains("pixelmill: crashed while reading " + in + "/img03.jpg for a preview"),
            30000);
        // The same process, started again with the queued paths.
        const QString cmdline = QStringLiteral("/proc/%1/cmdline").arg(app.processId());
        QTRY_COMPARE_WITH_TIMEOUT(test::readFile(cmdline).split('\0').mid(1),
            (QList<QByteArray> {"--", QFile::encodeName(in), ""}), 10000);
        QTest::qWait(2000);
        QCOMPARE(app.state(), QProcess::Running);
        log += QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(log.count("crashed while reading"), 1);
        QCOMPARE(crashedInputsOf(m_dir.filePath("second/data/pixelmill/thumbnails.crashed")),
            QStringList {in + "/img03.jpg"});
        app.terminate();
        QVERIFY(app.waitForFinished());
    }

private:
    // Settings and journal of their own under `home`, and a file to crash on.
    QProcessEnvironment environment(
        const QString &home, const QString &crashVariable, const QString &fileName)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", m_dir.filePath(home + "/config"));
        env.insert("XDG_DATA_HOME", m_dir.filePath(home + "/data"));
        env.insert(crashVariable, fileName);
        return env;
    }

    static QStringList crashedInputsOf(const QString &marker)
    {
        QStringList inputs;
        for (const QByteArray &record : test::readFile(marker).split('\0')) {
            if (!record.isEmpty())
                inputs << QString::fromLocal8Bit(record);
        }
        return inputs;
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "tst_guiapp.moc"

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
        QDir().mkpath(in);
        const QByteArray jpeg = test::encode(".jpg", test::syntheticImage(1200, 900), 95);
        for (int i = 0; i < 30; ++i)
            test::writeFile(in + QStringLiteral("/img%1.jpg").arg(i, 2, 10, QLatin1Char('0')), jpeg);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
        env.insert("XDG_DATA_HOME", m_dir.filePath("data"));
        env.insert("PIXELMILL_CRASH_ON_INPUT", "img07.jpg");
        QProcess app;
        app.setProcessEnvironment(env);
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
        const QDir data(m_dir.filePath("data/pixelmill"));
        QVERIFY(data.exists("journal.sqlite"));
        QCOMPARE(data.entryList({"journal.sqlite.crashed-*"}, QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "tst_guiapp.moc"

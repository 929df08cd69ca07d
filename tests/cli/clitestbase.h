// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "tests/common/testutils.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace pixelmill::test {

/// What the end-to-end suites of pixelmill-cli share: a scratch folder whose
/// data/ holds the journal, and ways to run the real binary and stop it.
class CliTestBase : public QObject
{
protected:
    TemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    // Call first in initTestCase().
    void useScratchJournal()
    {
        QVERIFY(QFileInfo(qEnvironmentVariable("PIXELMILL_CLI")).isExecutable());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath("data")));
    }

    QString journalPath() const { return m_dir.filePath("data/pixelmill/journal.sqlite"); }

    Run cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("PIXELMILL_CLI"), args);
        if (!p.waitForFinished(120000))
            qFatal("pixelmill-cli did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    // Sixty photos for a slow PNG run; the process is stopped once `before` outputs
    // exist, with `signal`, and left for the caller to read.
    void interruptLongRun(QProcess &p, const QString &in, const QString &out, const QStringList &options,
                          int before, int signal)
    {
        writePhotos(in, 60);
        stopOnceWritten(p, QStringList{in, "-o", out} + options, out, before, signal);
    }

    // Runs the CLI with `args` and stops it with `signal` once `before` outputs exist in `out`.
    void stopOnceWritten(QProcess &p, const QStringList &args, const QString &out, int before, int signal)
    {
        p.start(qEnvironmentVariable("PIXELMILL_CLI"), args);
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QDir(out).entryList(QDir::Files).size() >= before, 60000);
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished());
    }

    void unrecord(const QStringList &inputs) { QVERIFY(test::unrecord(journalPath(), inputs)); }

    static QJsonObject readJson(const QString &path) { return QJsonDocument::fromJson(readFile(path)).object(); }
};

} // namespace pixelmill::test

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/journal/unrecordedoutputs.h"
#include "tests/common/testutils.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace pixelmill;

class TestUnrecordedOutputs final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;
    int m_case = 0;
    QString m_in;
    QString m_out;
    InterruptedBatch m_batch;
    ExportOptions m_options;

    // An input of the batch, as the journal recorded it.
    void entry(const QString &relativePath, const QString &status = QStringLiteral("queued"),
               const QString &output = {})
    {
        m_batch.jobs.append({m_in + "/" + relativePath, status, output.isEmpty() ? output : m_out + "/" + output, {}});
    }

    // An output file; `beforeTheBatch`: the user's own, older than the batch.
    void output(const QString &name, bool beforeTheBatch = false)
    {
        QFile file(m_out + "/" + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (beforeTheBatch)
            QVERIFY(file.setFileTime(m_batch.started.addSecs(-3600), QFileDevice::FileModificationTime));
    }

    // What the batch's intent log says: `input`'s output was about to go to `output`.
    void intended(const QString &relativeInput, const QString &output)
    {
        if (!m_batch.intendedOutputs)
            m_batch.intendedOutputs.emplace();
        m_batch.intendedOutputs->insert(in(relativeInput), out(output));
    }

    QHash<QString, QString> found() const { return findUnrecordedOutputs(m_batch, m_options); }
    QString in(const QString &relativePath) const { return m_in + "/" + relativePath; }
    QString out(const QString &name) const { return m_out + "/" + name; }

private slots:
    void init()
    {
        ++m_case;
        m_in = m_dir.filePath(QStringLiteral("in%1").arg(m_case));
        m_out = m_dir.filePath(QStringLiteral("out%1").arg(m_case));
        QVERIFY(QDir().mkpath(m_in) && QDir().mkpath(m_out));
        m_batch = InterruptedBatch();
        m_batch.started = QDateTime::currentDateTimeUtc().addSecs(-60);
        m_options = ExportOptions();
        m_options.outputDir = m_out;
        m_options.format = ImageFormat::Png;
    }

    void anOutputAtItsWantedNameIsTheInputs()
    {
        entry("a.jpg", "written", "a.png");
        entry("b.jpg");
        entry("c.jpg");
        output("a.png");
        output("b.png");
        QCOMPARE(found(), (QHash<QString, QString>{{in("b.jpg"), out("b.png")}}));
    }

    // The wanted name was the user's already: the input got the next number.
    void aNumberedNameCountsWhenOnlyOneInputWantedIt()
    {
        entry("a.jpg");
        output("a.png", true);
        output("a_1.png", true);
        output("a_2.png");
        QCOMPARE(found(), (QHash<QString, QString>{{in("a.jpg"), out("a_2.png")}}));
    }

    void filesOlderThanTheBatchAreTheUsers()
    {
        entry("a.jpg");
        output("a.png", true);
        QVERIFY(found().isEmpty());
    }

    // The bug this guards against lost b: a's recorded IMG.png taken for b's.
    void anotherInputsRecordedOutputIsNeverTaken()
    {
        entry("x/IMG.jpg", "written", "IMG.png");
        entry("y/IMG.jpg");
        output("IMG.png");
        QVERIFY(found().isEmpty());
    }

    void twoInputsWantingOneNameGetNothing()
    {
        entry("x/IMG.jpg");
        entry("y/IMG.jpg");
        output("IMG.png");
        QVERIFY(found().isEmpty());
    }

    // "IMG_1.png" may be IMG_1.jpg's own output or IMG.jpg's first number.
    void aFileTwoWantedNamesLeadToIsNobodys()
    {
        entry("IMG.jpg");
        entry("IMG_1.jpg");
        output("IMG.png", true);
        output("IMG_1.png");
        QVERIFY(found().isEmpty());
    }

    void twoNewFilesForOneInputAreNotTold()
    {
        entry("a.jpg");
        output("a.png");
        output("a_1.png");
        QVERIFY(found().isEmpty());
    }

    void theCounterIsTheInputsPlaceInTheBatch()
    {
        m_options.nameTemplate = QStringLiteral("{counter:02}");
        entry("a.jpg", "written", "01.png");
        entry("b.jpg");
        entry("c.jpg");
        output("01.png");
        output("03.png");
        QCOMPARE(found(), (QHash<QString, QString>{{in("c.jpg"), out("03.png")}}));
    }

    void namesThatNeedTheImageAreNotTraced()
    {
        entry("a.jpg");
        output("a_64x48.png");
        m_options.nameTemplate = QStringLiteral("{name}_{width}x{height}");
        QVERIFY(found().isEmpty());
        m_options.nameTemplate = QStringLiteral("{name}");
        m_options.keepInputFormat = true;
        output("a.jpg");
        QVERIFY(found().isEmpty());
    }

    // With the intent log, a shared name is no longer a guess: each file is the
    // input that meant to write it.
    void theIntentLogTellsSharedNamesApart()
    {
        entry("x/IMG.jpg");
        entry("y/IMG.jpg");
        entry("z/IMG.jpg");
        output("IMG.png");
        output("IMG_1.png");
        intended("x/IMG.jpg", "IMG.png");
        intended("y/IMG.jpg", "IMG_1.png");
        QCOMPARE(found(), (QHash<QString, QString>{{in("x/IMG.jpg"), out("IMG.png")}, {in("y/IMG.jpg"), out("IMG_1.png")}}));
    }

    // Logged but killed before the rename: the name still holds the user's
    // older file, or nothing. And an input the log does not name wrote nothing.
    void theIntentLogIsTheOnlyWitness()
    {
        entry("a.jpg");
        entry("b.jpg");
        entry("c.jpg", "written", "c.png");
        output("a.png", true);
        output("b.png");
        output("c.png");
        intended("a.jpg", "a.png");
        intended("c.jpg", "c.png");
        QVERIFY(found().isEmpty());
    }

    void theIntentLogCoversNamesThatNeedTheImage()
    {
        m_options.nameTemplate = QStringLiteral("{name}_{width}x{height}");
        entry("a.jpg");
        output("a_64x48.png");
        intended("a.jpg", "a_64x48.png");
        QCOMPARE(found(), (QHash<QString, QString>{{in("a.jpg"), out("a_64x48.png")}}));
    }

    void mirroredFoldersAreLookedIn()
    {
        m_options.mirrorFolders = true;
        m_batch.jobs.append({in("trip/a.jpg"), QStringLiteral("queued"), {}, QStringLiteral("trip")});
        QVERIFY(QDir().mkpath(m_out + "/trip"));
        output("trip/a.png");
        QCOMPARE(found(), (QHash<QString, QString>{{in("trip/a.jpg"), out("trip/a.png")}}));
    }
};

QTEST_GUILESS_MAIN(TestUnrecordedOutputs)
#include "tst_unrecordedoutputs.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/queue/jobprogressdelegate.h"
#include "ui/queue/jobqueuemodel.h"
#include "ui/queue/jobtiledelegate.h"

#include <QPainter>
#include <QStyleOptionViewItem>
#include <QTemporaryDir>
#include <QTest>

using namespace pixelmill;

namespace {

// One tile painted alone on a white canvas of its size.
QImage paintedTile(const QModelIndex &index, const QPalette &palette, QStyle::State state)
{
    JobTileDelegate tile;
    QImage canvas(JobTileDelegate::kTileSize, JobTileDelegate::kTileSize + 24, QImage::Format_ARGB32);
    canvas.fill(Qt::white);
    QPainter painter(&canvas);
    QStyleOptionViewItem option;
    option.rect = canvas.rect();
    option.palette = palette;
    option.fontMetrics = QFontMetrics(QFont());
    option.state = state;
    tile.paint(&painter, option, index);
    return canvas;
}

QString queueOneFile(JobQueueModel &model, const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    QFile(path).open(QIODevice::WriteOnly);
    model.addFiles({{path, QString()}});
    return path;
}

} // namespace

class TestJobDelegates final : public QObject
{
    Q_OBJECT

private slots:
    // Both delegates paint every state from model roles alone.
    void paintEveryState()
    {
        QTemporaryDir dir;
        JobQueueModel model;
        QList<FoundFile> files;
        for (int i = 0; i < 6; ++i) {
            const QString p = dir.filePath(QStringLiteral("%1.jpg").arg(i));
            QFile f(p);
            f.open(QIODevice::WriteOnly);
            files.append({p, QString()});
        }
        model.addFiles(files);
        const JobStatus finals[] = {JobStatus::Written, JobStatus::Failed, JobStatus::Skipped, JobStatus::Canceled};
        for (int i = 0; i < 6; ++i)
            model.assignJobId(i, JobId(i + 1));
        model.markStarted(2);
        model.markProgress(2, JobStage::Encoding, 80);
        for (int i = 0; i < 4; ++i) {
            JobResult r;
            r.id = JobId(i + 3);
            r.status = finals[i];
            r.thumbnail = QImage(40, 30, QImage::Format_RGB32);
            r.thumbnail.fill(Qt::red);
            model.markFinished(r);
        }
        QCOMPARE(progressText(int(RowState::Running), int(JobStage::Encoding), 80), QStringLiteral("Encoding 80%"));
        QCOMPARE(progressText(int(RowState::Running), int(JobStage::Decoding), 10), QStringLiteral("Decoding 10%"));
        QCOMPARE(progressText(int(RowState::Running), int(JobStage::WaitingForMemory), 10),
                 QStringLiteral("Waiting for memory"));
        QCOMPARE(progressText(int(RowState::Failed), 0, 0), QStringLiteral("Failed"));
        JobProgressDelegate table;
        JobTileDelegate tile;
        QImage canvas(400, 300, QImage::Format_ARGB32);
        for (int row = 0; row < 6; ++row) {
            canvas.fill(Qt::white);
            QPainter painter(&canvas);
            QStyleOptionViewItem option;
            option.rect = QRect(0, 0, 160, 40);
            option.palette = QPalette();
            option.fontMetrics = QFontMetrics(QFont());
            table.paint(&painter, option, model.index(row, JobQueueModel::ProgressColumn));
            table.paint(&painter, option, model.index(row, JobQueueModel::NameColumn));
            option.rect = QRect(0, 50, JobTileDelegate::kTileSize, JobTileDelegate::kTileSize + 24);
            tile.paint(&painter, option, model.index(row, 0));
            painter.end();
            int inked = 0;
            for (int x = 0; x < 160; ++x)
                inked += canvas.pixelColor(x, 20) != QColor(Qt::white);
            QVERIFY2(inked > 20, qPrintable(QString::number(inked))); // a bar was drawn

        }
        QCOMPARE(tile.sizeHint({}, model.index(0, 0)).width(), JobTileDelegate::kTileSize);
    }

    // A blank tile means "not made yet"; one whose file cannot be read says so.
    void aTileWithoutPreviewSaysSo()
    {
        QTemporaryDir dir;
        JobQueueModel model;
        const QString path = queueOneFile(model, dir, QStringLiteral("broken.jpg"));
        model.setThumbnailRequester([](const QString &, bool) {});
        const auto inkInImageArea = [&] {
            const QImage canvas = paintedTile(model.index(0, 0), QPalette(), QStyle::State_Enabled);
            const QColor background = canvas.pixelColor(10, 10);
            int ink = 0;
            for (int y = 10; y < canvas.height() - 50; ++y)
                for (int x = 10; x < canvas.width() - 10; ++x)
                    ink += canvas.pixelColor(x, y) != background;
            return ink;
        };
        QCOMPARE(inkInImageArea(), 0);
        model.setThumbnail(path, QImage(), QSize());
        QVERIFY(inkInImageArea() > 20);
    }

    // The name of a selected tile is drawn in the highlight text colour, so the
    // tile must have the highlight behind it (it once had none: white on white).
    void aSelectedTileShowsItsName()
    {
        QTemporaryDir dir;
        JobQueueModel model;
        queueOneFile(model, dir, QStringLiteral("named.jpg"));
        QPalette palette;
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::Highlight, Qt::darkBlue);
        palette.setColor(QPalette::HighlightedText, Qt::white);
        const QImage canvas = paintedTile(model.index(0, 0), palette, QStyle::State_Enabled | QStyle::State_Selected);
        const int nameTop = canvas.height() - 6 - 40 + 2;
        int highlight = 0;
        int text = 0;
        for (int y = nameTop; y < nameTop + 16; ++y) {
            for (int x = 6; x < canvas.width() - 6; ++x) {
                const QColor c = canvas.pixelColor(x, y);
                highlight += c == QColor(Qt::darkBlue);
                text += c.lightness() > 200;
            }
        }
        QVERIFY2(highlight > 500, qPrintable(QString::number(highlight)));
        QVERIFY2(text > 20, qPrintable(QString::number(text)));
    }
};

QTEST_MAIN(TestJobDelegates)
#include "tst_jobdelegates.moc"

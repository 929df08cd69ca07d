// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/common/batchsummarydialog.h"

#include "engine/scan/displaypath.h"
#include "engine/scan/nativefile.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace pixelmill {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("BatchSummary", text, nullptr, n);
}

} // namespace

void showBatchSummary(QWidget *parent, const BatchSummary &s, const QString &outputDir,
                      const QList<QPair<QString, QString>> &unprocessable)
{
    auto *box = new QMessageBox(parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("batchSummary"));
    box->setWindowTitle(tr("Batch finished"));
    box->setIcon(s.failed > 0 || !unprocessable.isEmpty() ? QMessageBox::Warning : QMessageBox::Information);
    QString text = tr("%n image(s) written", s.written);
    if (s.writtenWithWarnings > 0)
        text += QStringLiteral(" (") + tr("%n with warnings", s.writtenWithWarnings) + QLatin1Char(')');
    if (s.skipped > 0)
        text += QStringLiteral(", ") + tr("%n skipped", s.skipped);
    if (s.failed > 0)
        text += QStringLiteral(", ") + tr("%n failed", s.failed);
    if (s.canceled > 0)
        text += QStringLiteral(", ") + tr("%n cancelled", s.canceled);
    text += QStringLiteral(" (%1 s).").arg(s.wallSeconds, 0, 'f', 1);
    if (!unprocessable.isEmpty())
        text += QLatin1Char('\n') + tr("%n path(s) given could not be processed.", int(unprocessable.size()));
    box->setText(text);
    QStringList details = pathProblemLines(unprocessable + s.problems);
    for (const auto &[path, warning] : s.warnings)
        details << tr("%1: warning: %2").arg(displayPath(path), displayPath(warning));
    if (!details.isEmpty())
        box->setDetailedText(details.join(QLatin1Char('\n')));
    QPushButton *open = box->addButton(tr("Open Output Folder"), QMessageBox::ActionRole);
    box->addButton(QMessageBox::Close);
    QObject::connect(open, &QPushButton::clicked, box,
                     [outputDir] { QDesktopServices::openUrl(urlFromLocalPath(outputDir)); });
    box->open();
}

QStringList pathProblemLines(const QList<QPair<QString, QString>> &problems)
{
    QStringList lines;
    lines.reserve(problems.size());
    for (const auto &[path, reason] : problems)
        lines << QStringLiteral("%1: %2").arg(displayPath(path), displayPath(reason));
    return lines;
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"

class QWidget;

namespace pixelmill {

/// Non-blocking end-of-batch summary with exact counts, the problems, and an
/// "Open Output Folder" button. `unprocessable` are the paths given that could
/// not be processed at all (missing, unreadable folders): said again here, so
/// that a batch whose rows all finished does not read as everything done.
void showBatchSummary(QWidget *parent, const BatchSummary &summary, const QString &outputDir,
                      const QList<QPair<QString, QString>> &unprocessable = {});

/// "path: reason", one line each: how the summary's details and the window's
/// scan tooltip list the paths that could not be processed.
QStringList pathProblemLines(const QList<QPair<QString, QString>> &problems);

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/job/batchsummary.h"

class QWidget;

namespace pixelmill {

/// Non-blocking end-of-batch summary with exact counts, the problems, and an
/// "Open Output Folder" button.
void showBatchSummary(QWidget *parent, const BatchSummary &summary, const QString &outputDir);

} // namespace pixelmill

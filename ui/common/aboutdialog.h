// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

class QWidget;

namespace pixelmill {

/// About box with the versions of Pixelmill, Qt and OpenCV.
void showAboutDialog(QWidget *parent);

} // namespace pixelmill

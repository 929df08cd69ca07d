// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/mainwindow.h"

namespace pixelmill {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Pixelmill"));
    resize(1100, 700);
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "ui/common/aboutdialog.h"

#include <opencv2/core/version.hpp>

#include <QCoreApplication>
#include <QMessageBox>
#include <QtGlobal>

namespace pixelmill {

void showAboutDialog(QWidget *parent)
{
    QMessageBox::about(
        parent, QCoreApplication::translate("AboutDialog", "About Pixelmill"),
        QCoreApplication::translate("AboutDialog",
                                    "<h3>Pixelmill %1</h3><p>Batch image processing on every core.</p>"
                                    "<p>Qt %2 (built with %3)<br>OpenCV %4</p>")
            .arg(QStringLiteral(PIXELMILL_VERSION), QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR), QStringLiteral(CV_VERSION)));
}

} // namespace pixelmill

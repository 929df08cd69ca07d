// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/codecconsole.h"

#include <QLoggingCategory>

#include <dlfcn.h>
#include <mutex>

namespace pixelmill {

namespace {

// libtiff is not linked: Qt's TIFF plugin brings it in, and its handlers are
// process-wide, so setting them on the same loaded library reaches the plugin.
void muteLibtiff()
{
    using SetHandler = void *(*)(void *);
    void *libtiff = ::dlopen("libtiff.so.6", RTLD_LAZY | RTLD_LOCAL);
    if (!libtiff)
        return;
    for (const char *name : {"TIFFSetErrorHandler", "TIFFSetWarningHandler"}) {
        if (auto set = reinterpret_cast<SetHandler>(::dlsym(libtiff, name)))
            set(nullptr);
    }
    // Deliberately never dlclose()d: the plugin keeps using the same library.
}

} // namespace

void keepCodecLibrariesOffTheConsole()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Every file's trouble reaches the user as that file's error or warning;
        // Qt's image plugins would repeat it on the console without a file name.
        QLoggingCategory::setFilterRules(QStringLiteral("qt.gui.imageio*=false"));
        muteLibtiff();
    });
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputintentlog.h"

#include "engine/scan/nativepath.h"

#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pixelmill {

// Records are "input\0output\0": NUL is the one byte no path can hold.
OutputIntentLog::~OutputIntentLog()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool OutputIntentLog::open(const QString &path)
{
    if (m_fd >= 0)
        ::close(m_fd);
    // O_NONBLOCK: a FIFO in its place must not hang the batch's start (open fails without a reader).
    m_fd = ::open(nativePath(path).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0600);
    struct stat st {};
    if (m_fd >= 0 && (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        ::close(m_fd);
        m_fd = -1;
    }
    return m_fd >= 0;
}

void OutputIntentLog::record(const QString &input, const QString &output) const
{
    if (m_fd < 0)
        return;
    const QByteArray line = nativePath(input) + '\0' + nativePath(output) + '\0';
    // A short write (full disk) leaves a torn record, which read() drops: that
    // output is then judged as if unlogged, never given to another input.
    [[maybe_unused]] const ssize_t written = ::write(m_fd, line.constData(), size_t(line.size()));
}

std::optional<QHash<QString, QString>> OutputIntentLog::read(const QString &path)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = file.readAll();
    QHash<QString, QString> last; // input -> its last output
    QHash<QString, QString> lastFor; // output -> the last input that meant to write it
    qsizetype at = 0;
    while (true) {
        const qsizetype inputEnd = bytes.indexOf('\0', at);
        const qsizetype outputEnd = inputEnd < 0 ? -1 : bytes.indexOf('\0', inputEnd + 1);
        if (outputEnd < 0)
            break;
        const QString input = pathFromNative(bytes.mid(at, inputEnd - at));
        const QString output = pathFromNative(bytes.mid(inputEnd + 1, outputEnd - inputEnd - 1));
        last.insert(input, output);
        lastFor.insert(output, input);
        at = outputEnd + 1;
    }
    // A kill between a record and its rename leaves a stale record; a later run
    // may give that free name to another input. The later record is the true one.
    for (auto it = last.begin(); it != last.end();) {
        if (lastFor.value(it.value()) != it.key())
            it = last.erase(it);
        else
            ++it;
    }
    return last;
}

} // namespace pixelmill

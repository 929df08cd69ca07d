// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/scan/nativefile.h"

#include "engine/scan/nativepath.h"
#include "tests/common/testutils.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pixelmill;

class TestNativeFile final : public QObject
{
    Q_OBJECT

private:
    test::TemporaryDir m_dir;

    // A file named by raw bytes, as an old camera card or a Latin-1 archive has them.
    QString writeByBytes(const QByteArray &name, qint64 size)
    {
        const QByteArray path = QFile::encodeName(m_dir.path()) + '/' + name;
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return {};
        const QByteArray bytes(size, 'x');
        const bool written = ::write(fd, bytes.constData(), size_t(size)) == size;
        ::close(fd);
        return written ? pathFromNative(path) : QString();
    }

private slots:
    void answersForNamesThatAreNotUtf8()
    {
        const QString path = writeByBytes("caf\xe9 \xff.jpg", 1234);
        QVERIFY(!path.isEmpty());
        QCOMPARE(QFileInfo(path).size(), 0); // what the queue showed before
        const std::optional<NativeFileStatus> status = nativeFileStatus(path);
        QVERIFY(status);
        QVERIFY(status->regular);
        QVERIFY(!status->directory);
        QCOMPARE(status->bytes, 1234);
        QVERIFY(qAbs(status->modified.secsTo(QDateTime::currentDateTime())) < 60);
        QCOMPARE(canonicalNativePath(path),
                 canonicalNativePath(m_dir.path()) + QLatin1Char('/') + pathFromNative("caf\xe9 \xff.jpg"));
    }

    void canonicalPathFollowsLinks()
    {
        const QString target = writeByBytes("t\xfe.png", 10);
        const QByteArray link = QFile::encodeName(m_dir.path()) + "/l\xfd.png";
        QVERIFY(::symlink(nativePath(target).constData(), link.constData()) == 0);
        QCOMPARE(canonicalNativePath(pathFromNative(link)), canonicalNativePath(target));
        QCOMPARE(nativeFileStatus(pathFromNative(link))->bytes, 10);
    }

    void missingFilesSaySo()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nothing \xdcff.jpg"));
        QVERIFY(!nativeFileStatus(missing));
        QVERIFY(canonicalNativePath(missing).isEmpty());
    }

    // QDir lists such a name as U+FFFD, a file no one can open.
    void listsNamesAsTheirBytes()
    {
        const QString folder = m_dir.filePath(QStringLiteral("list"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(::mkdir((QFile::encodeName(folder) + "/sub\xe9").constData(), 0755) == 0);
        const QByteArray name("b\xff.jpg");
        const int fd = ::open((QFile::encodeName(folder) + '/' + name).constData(), O_WRONLY | O_CREAT, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
        QFile(folder + QStringLiteral("/a.jpg")).open(QIODevice::WriteOnly);
        QStringList names;
        QVERIFY(listFolderNames(folder, names));
        QCOMPARE(names, (QStringList{QStringLiteral("a.jpg"), pathFromNative(name), pathFromNative("sub\xe9")}));
        QVERIFY(nativeFileStatus(folder + QLatin1Char('/') + names.at(1))->regular);
        QVERIFY(nativeFileStatus(folder + QLatin1Char('/') + names.at(2))->directory);
        QStringList none;
        QVERIFY(!listFolderNames(m_dir.filePath(QStringLiteral("no such folder")), none));
        QCOMPARE(errno, ENOENT);
    }

    void writesAtomicallyUnderTheNamesBytes()
    {
        const QString path = pathFromNative(QFile::encodeName(m_dir.path()) + "/r\xe9port.json");
        QString error;
        QVERIFY2(writeFileAtomically(path, "first", error), qPrintable(error));
        QCOMPARE(test::readFile(path), QByteArray("first"));
        QVERIFY(::chmod(nativePath(path).constData(), 0640) == 0);
        QVERIFY2(writeFileAtomically(path, "second, longer", error), qPrintable(error));
        QCOMPARE(test::readFile(path), QByteArray("second, longer"));
        struct stat st {};
        QVERIFY(::stat(nativePath(path).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640)); // the replaced file's permissions
        QStringList names;
        QVERIFY(listFolderNames(m_dir.path(), names));
        QVERIFY2(names.filter(".tmp-").isEmpty(), qPrintable(names.join(',')));
    }

    void writesThroughALinkAndLeavesNothingWhenItCannot()
    {
        const QString target = writeByBytes("shared.json", 3);
        const QString link = m_dir.filePath("mine.json");
        QVERIFY(::symlink(nativePath(target).constData(), nativePath(link).constData()) == 0);
        QString error;
        QVERIFY2(writeFileAtomically(link, "through", error), qPrintable(error));
        QCOMPARE(test::readFile(target), QByteArray("through"));
        QVERIFY(QFileInfo(link).isSymLink());

        QVERIFY(!writeFileAtomically(m_dir.filePath("no-such-folder/x.json"), "x", error));
        QVERIFY2(error.contains("No such file"), qPrintable(error));
        // A folder in the file's place: the rename fails, the folder and no temporary stay.
        const QString folder = m_dir.filePath("taken.json");
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(!writeFileAtomically(folder, "x", error));
        QVERIFY(QFileInfo(folder).isDir());
        QStringList names;
        QVERIFY(listFolderNames(m_dir.path(), names));
        QVERIFY2(names.filter(".tmp-").isEmpty(), qPrintable(names.join(',')));
    }

    void urlsCarryTheBytes_data()
    {
        QTest::addColumn<QByteArray>("native");
        QTest::newRow("latin-1") << QByteArray("/photos/caf\xe9.jpg");
        QTest::newRow("utf-8") << QStringLiteral("/photos/日本 🎉.jpg").toUtf8();
        QTest::newRow("url syntax") << QByteArray("/a#b/c?d/e%20f/g;h.jpg");
        QTest::newRow("every high byte") << [] {
            QByteArray all("/x/");
            for (int b = 0x80; b <= 0xff; ++b)
                all.append(char(b));
            return all;
        }();
    }

    void urlsCarryTheBytes()
    {
        QFETCH(QByteArray, native);
        const QUrl url = urlFromLocalPath(pathFromNative(native));
        QVERIFY(url.isValid());
        QVERIFY(url.isLocalFile());
        QCOMPARE(nativePath(localPathFromUrl(url)), native);
    }
};

QTEST_GUILESS_MAIN(TestNativeFile)
#include "tst_nativefile.moc"

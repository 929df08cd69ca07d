// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "tests/common/testutils.h"

#include "engine/scan/nativepath.h"
#include "engine/worker/crashmarker.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <QtEndian>

#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace pixelmill::test {

cv::Mat cornerMarkedPhoto()
{
    cv::Mat photo(48, 64, CV_8UC3, cv::Scalar(40, 40, 40));
    photo(cv::Rect(0, 40, 16, 8)).setTo(cv::Scalar(255, 255, 255));
    return photo;
}

bool isCornerMarkedPhotoTurnedClockwise(const cv::Mat &image)
{
    return image.size() == cv::Size(48, 64) && cv::mean(image(cv::Rect(2, 2, 4, 10)))[0] > 200
        && cv::mean(image(cv::Rect(40, 50, 4, 10)))[0] < 80;
}

cv::Mat syntheticImage(int width, int height, int depth, int channels)
{
    cv::Mat bgr(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const double fx = double(x) / std::max(1, width - 1);
            const double fy = double(y) / std::max(1, height - 1);
            const double ring = 0.5 + 0.5 * std::sin(12.0 * std::hypot(fx - 0.4, fy - 0.6));
            bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(255 * fx),
                                                cv::saturate_cast<uchar>(255 * fy),
                                                cv::saturate_cast<uchar>(255 * ring));
        }
    }
    cv::Mat out;
    if (channels == 1) {
        cv::cvtColor(bgr, out, cv::COLOR_BGR2GRAY);
    } else if (channels == 4) {
        cv::cvtColor(bgr, out, cv::COLOR_BGR2BGRA);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x)
                out.at<cv::Vec4b>(y, x)[3] = cv::saturate_cast<uchar>(64 + 191.0 * x / std::max(1, width - 1));
        }
    } else {
        out = bgr;
    }
    if (depth == CV_16U)
        out.convertTo(out, CV_16U, 257.0);
    return out;
}

int largestDifference(const cv::Mat &a, const cv::Mat &b)
{
    if (a.size() != b.size() || a.type() != b.type())
        return std::numeric_limits<int>::max();
    cv::Mat difference;
    cv::absdiff(a, b, difference);
    double most = 0;
    cv::minMaxLoc(difference.reshape(1), nullptr, &most);
    return int(most);
}

double psnr(const cv::Mat &a, const cv::Mat &b)
{
    if (a.size() != b.size() || a.type() != b.type())
        throw std::invalid_argument("psnr: images differ in size or type");
    cv::Mat a8 = a;
    cv::Mat b8 = b;
    if (a.depth() == CV_16U) {
        a.convertTo(a8, CV_8U, 1.0 / 257.0);
        b.convertTo(b8, CV_8U, 1.0 / 257.0);
    }
    const double norm = cv::norm(a8, b8, cv::NORM_L2SQR);
    if (norm == 0)
        return std::numeric_limits<double>::infinity();
    const double mse = norm / double(a8.total() * a8.channels());
    return 10.0 * std::log10(255.0 * 255.0 / mse);
}

QByteArray encode(const QString &extension, const cv::Mat &image, int jpegQuality)
{
    std::vector<uchar> bytes;
    cv::imencode(extension.toStdString(), image, bytes, {cv::IMWRITE_JPEG_QUALITY, jpegQuality});
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

void writeImage(const QString &path, const cv::Mat &image, int jpegQuality)
{
    const QString ext = path.mid(path.lastIndexOf(QLatin1Char('.')));
    writeFile(path, encode(ext, image, jpegQuality));
}

QByteArray withExifOrientation(const QByteArray &jpeg, int orientation)
{
    QByteArray app1;
    app1 += QByteArrayLiteral("\xFF\xE1\x00\x22"); // APP1, length 34
    app1 += QByteArray("Exif\0\0", 6);
    app1 += QByteArray("MM\0\x2A\0\0\0\x08", 8); // big-endian TIFF, IFD at 8
    app1 += QByteArray("\0\x01", 2); // one entry
    app1 += QByteArray("\x01\x12\0\x03\0\0\0\x01", 8); // Orientation, SHORT, count 1
    app1 += char(0);
    app1 += char(orientation);
    app1 += QByteArray("\0\0", 2);
    app1 += QByteArray("\0\0\0\0", 4); // no next IFD
    return jpeg.left(2) + app1 + jpeg.mid(2);
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    char be[4];
    qToBigEndian<quint32>(quint32(data.size()), be);
    const QByteArray body = type + data;
    quint32 crc = 0xFFFFFFFFu;
    for (char c : body) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    QByteArray out = QByteArray(be, 4) + body;
    qToBigEndian<quint32>(crc ^ 0xFFFFFFFFu, be);
    return out + QByteArray(be, 4);
}

QByteArray withPngChunkAfterHeader(const QByteArray &png, const QByteArray &type, const QByteArray &data)
{
    const qsizetype afterHeader = 8 + 4 + 4 + 13 + 4;
    return png.left(afterHeader) + pngChunk(type, data) + png.mid(afterHeader);
}

QByteArray pngBombHeader(int width, int height)
{
    char be[8];
    qToBigEndian<quint32>(quint32(width), be);
    qToBigEndian<quint32>(quint32(height), be + 4);
    const QByteArray ihdr = QByteArray(be, 8) + QByteArray("\x08\x02\x00\x00\x00", 5); // 8-bit RGB
    // A well-formed header and a tiny IDAT that could never fill the declared size.
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n") + pngChunk("IHDR", ihdr)
        + pngChunk("IDAT", QByteArray(32, '\x42')) + pngChunk("IEND", {});
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    // By bytes, so tests can make names that are not UTF-8 (see nativepath.h).
    const int fd = ::open(nativePath(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const bool ok = fd >= 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == ssize_t(bytes.size());
    if (fd >= 0)
        ::close(fd);
    if (!ok)
        throw std::runtime_error("cannot write test file");
}

QByteArray bytesOf(const std::vector<uchar> &bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

QByteArray bytesOf(const EncodedImage &encoded)
{
    return bytesOf(encoded.bytes);
}

cv::Mat openCvDecode(const QByteArray &bytes, int flags)
{
    const cv::Mat raw(1, int(bytes.size()), CV_8U, const_cast<char *>(bytes.constData()));
    return cv::imdecode(raw, flags);
}

QByteArray readFile(const QString &path)
{
    const int fd = ::open(nativePath(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QByteArray bytes;
    char buffer[65536];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
        bytes.append(buffer, qsizetype(got));
    ::close(fd);
    return bytes;
}

bool existsNative(const QString &path)
{
    struct stat st {};
    return ::lstat(nativePath(path).constData(), &st) == 0;
}

TemporaryDir::~TemporaryDir()
{
    if (!isValid())
        return;
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::path(nativePath(path()).toStdString()), ignored);
}

void addEveryLayoutRow(int width, int height)
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    for (int depth : {CV_8U, CV_16U}) {
        for (int channels : {1, 3, 4}) {
            const int bits = depth == CV_8U ? 8 : 16;
            QTest::addRow("%d-bit x%d", bits, channels) << depth << channels << width << height;
            QTest::addRow("%d-bit x%d 1x1", bits, channels) << depth << channels << 1 << 1;
        }
    }
}

QString writePhotos(const QString &folder, int count, int width, int height)
{
    QDir().mkpath(folder);
    const QByteArray jpeg = encode(".jpg", syntheticImage(width, height), 95);
    for (int i = 0; i < count; ++i)
        writeFile(folder + QStringLiteral("/img%1.jpg").arg(i, 2, 10, QLatin1Char('0')), jpeg);
    return folder;
}

bool unrecord(const QString &journalPath, const QStringList &inputs)
{
    const QString connection = QStringLiteral("test-unrecord");
    bool done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(journalPath);
        QSqlQuery q(db);
        done = db.open()
            && q.exec(QStringLiteral("UPDATE batches SET finished = 0 WHERE id = (SELECT max(id) FROM batches)"));
        for (const QString &input : inputs) {
            q.prepare(QStringLiteral("UPDATE jobs SET status = 'queued', output = NULL "
                                     "WHERE batch = (SELECT max(id) FROM batches) AND input = ?"));
            q.addBindValue(nativePath(input));
            done = done && q.exec() && q.numRowsAffected() == 1;
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return done;
}

int writtenInLatestBatch(const QString &journalPath)
{
    const QString connection = QStringLiteral("test-written");
    int written = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(journalPath);
        QSqlQuery q(db);
        if (db.open()
            && q.exec(QStringLiteral("SELECT count(*) FROM jobs WHERE status = 'written' "
                                     "AND batch = (SELECT max(id) FROM batches)"))
            && q.next())
            written = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(connection);
    return written;
}

bool crashWhileProcessing(const QString &input, int signal, const QStringList &bystanders,
                          crashmarker::Channel channel)
{
    // The other workers' inputs are marked by a thread of this process: the
    // child inherits the marks (plain memory) but not the thread, as a crashing
    // process's handler sees them. (Threads started in the child would do too,
    // but ThreadSanitizer refuses threads after a fork.)
    std::mutex mutex;
    std::condition_variable changed;
    bool marked = bystanders.isEmpty();
    bool done = false;
    std::thread holder;
    if (!bystanders.isEmpty()) {
        holder = std::thread([&] {
            std::vector<std::unique_ptr<crashmarker::InputScope>> processing;
            for (const QString &other : bystanders)
                processing.push_back(std::make_unique<crashmarker::InputScope>(other, channel));
            std::unique_lock lock(mutex);
            marked = true;
            changed.notify_all();
            changed.wait(lock, [&] { return done; });
        });
    }
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return marked; });
    }
    const pid_t child = ::fork();
    if (child == 0) {
        std::optional<crashmarker::InputScope> processing;
        if (!input.isEmpty())
            processing.emplace(input, channel);
        ::raise(signal); // to this thread, as a fault is
        ::_exit(0);
    }
    int status = 0;
    const bool waited = child > 0 && ::waitpid(child, &status, 0) == child;
    if (holder.joinable()) {
        {
            const std::lock_guard lock(mutex);
            done = true;
        }
        changed.notify_all();
        holder.join();
    }
    return waited && (!WIFEXITED(status) || WEXITSTATUS(status) != 0);
}

} // namespace pixelmill::test

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include "engine/export/encodedimage.h"
#include "engine/worker/crashmarker.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace pixelmill::test {

/// A smooth, photo-like test image: gradients plus soft circles, every pixel
/// different enough that geometry mistakes show. 8U or 16U, 1/3/4 channels
/// (alpha is a gradient too).
cv::Mat syntheticImage(int width, int height, int depth = CV_8U, int channels = 3);

/// A dark 64×48 BGR photo with a bright patch in its bottom-left corner: which
/// way a decoder turned it shows in where the patch ends up.
cv::Mat cornerMarkedPhoto();
/// Whether `image` is cornerMarkedPhoto() turned 90° clockwise: 48×64, the
/// patch top-left, the opposite corner dark.
bool isCornerMarkedPhotoTurnedClockwise(const cv::Mat &image);

/// Peak signal-to-noise ratio in dB (8-bit scale); inf for identical images.
double psnr(const cv::Mat &a, const cv::Mat &b);
/// The largest difference between two samples at the same place, over all
/// channels; INT_MAX when the images differ in size or type.
int largestDifference(const cv::Mat &a, const cv::Mat &b);

/// Encodes with OpenCV by extension (".jpg", ".png", ...), then writes.
void writeImage(const QString &path, const cv::Mat &image, int jpegQuality = 92);
QByteArray encode(const QString &extension, const cv::Mat &image, int jpegQuality = 92);

/// Encoded bytes (an encoder's output, cv::imencode's) as the QByteArray a decoder takes.
QByteArray bytesOf(const std::vector<uchar> &bytes);
QByteArray bytesOf(const EncodedImage &encoded);

/// cv::imdecode of `bytes`: the reference our own decoders are held to.
cv::Mat openCvDecode(const QByteArray &bytes, int flags = cv::IMREAD_UNCHANGED);

/// A JPEG with an EXIF APP1 segment that says `orientation` (1..8).
QByteArray withExifOrientation(const QByteArray &jpeg, int orientation);

/// A valid PNG header declaring `width`×`height`, followed by a broken body:
/// a decompression bomb as seen from the header.
QByteArray pngBombHeader(int width, int height);
/// One PNG chunk: length, type, data, CRC.
QByteArray pngChunk(const QByteArray &type, const QByteArray &data);
/// The PNG with one more chunk right after IHDR (where iCCP, gAMA etc. go).
QByteArray withPngChunkAfterHeader(const QByteArray &png, const QByteArray &type, const QByteArray &data);

void writeFile(const QString &path, const QByteArray &bytes);
/// Makes `folder` hold `count` copies of one synthetic JPEG of `width` × `height`,
/// named img00.jpg, img01.jpg, …; returns the folder.
QString writePhotos(const QString &folder, int count, int width = 1200, int height = 900);
QByteArray readFile(const QString &path);
/// Whether the path exists (lstat on its bytes: works for names that are not UTF-8).
bool existsNative(const QString &path);

/// A QTemporaryDir that removes everything it holds: Qt's own clean-up lists
/// folders through QDir, which skips names that are not UTF-8, and so left
/// those files (and the whole folder) behind in /tmp after every run.
class TemporaryDir : public QTemporaryDir
{
public:
    TemporaryDir() = default;
    ~TemporaryDir();
    Q_DISABLE_COPY_MOVE(TemporaryDir)
};

/// Forks a child in which other threads are processing `bystanders`, and the
/// thread that then dies of `signal` is processing `input` (none when empty),
/// as a decoder crash would end a worker (crashmarker.h). True when the child
/// did not end normally (under ASan it reports the signal and exits 1).
bool crashWhileProcessing(const QString &input, int signal, const QStringList &bystanders = {},
                          crashmarker::Channel channel = crashmarker::Channel::Batch);

/// What a kill between these inputs' renames and their journal commits leaves:
/// the journal's newest batch unfinished, and the inputs "queued" again.
bool unrecord(const QString &journalPath, const QStringList &inputs);
/// How many inputs the journal's latest batch records as written.
int writtenInLatestBatch(const QString &journalPath);

/// Qt Test data: columns depth, channels, width, height, and one row for every
/// layout the pipeline takes (8/16-bit × grey/BGR/BGRA) at width×height and at 1×1.
void addEveryLayoutRow(int width, int height);

} // namespace pixelmill::test

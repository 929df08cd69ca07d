// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/worker/jobprocessor.h"

#include "engine/export/imageencoder.h"
#include "engine/export/outputnaming.h"
#include "engine/export/outputwriter.h"
#include "engine/image/imagedecoder.h"
#include "engine/image/jpegframe.h"
#include "engine/image/sourcemetadata.h"
#include "engine/image/thumbnailer.h"
#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/filterregistry.h"
#include "engine/pipeline/orientation.h"
#include "engine/pipeline/proxychain.h"
#include "engine/scan/pathscanner.h"
#include "engine/worker/crashmarker.h"
#include "engine/worker/memorybudget.h"

#include <QElapsedTimer>

#include <new>
#include <optional>
#include <utility>

namespace pixelmill {

namespace {

constexpr int kFilterStart = 30;
constexpr int kFilterEnd = 80;

struct DecodePlan
{
    cv::Size minimumSize; ///< empty: decode at full size
    bool grayscale = false; ///< decode JPEG luma only
    FilterChain chain; ///< the chain to run after decoding
};

// The leading geometry/colour steps tell the decoder what it may skip. When the
// first step is a downscale, the decoder may deliver any size at least as large
// as its target; the step then resizes to that exact target, so the output has
// the same size as with a full decode. When grey conversion comes before any
// other work, a JPEG need not decode its colour planes at all. A leading
// auto-orient step only turns the frame: `decodedSize` is what the decoder
// delivers at full scale, and `minimumSize` is stated in those coordinates.
DecodePlan planDecode(const FilterChain &chain, const FilterRegistry &registry, cv::Size decodedSize)
{
    DecodePlan plan{{}, false, chain};
    cv::Size size = decodedSize;
    bool turned = false;
    qsizetype firstWork = -1;
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const FilterStep &step = chain.at(i);
        if (!step.enabled)
            continue;
        if (step.filterId == kAutoOrientId && firstWork < 0) {
            const Filter *orient = registry.find(step.filterId);
            const auto after = orient ? orient->outputSize(size, step.params) : std::nullopt;
            if (!after)
                return plan;
            turned = turned != (after->width != size.width || after->height != size.height);
            size = *after;
            continue;
        }
        if (firstWork < 0)
            firstWork = i;
        if (step.filterId == QLatin1String("grayscale")) {
            plan.grayscale = true;
            break;
        }
        if (step.filterId != QLatin1String("resize"))
            break;
    }
    if (firstWork < 0 || chain.at(firstWork).filterId != QLatin1String("resize"))
        return plan;
    const FilterStep &resizeStep = chain.at(firstWork);
    const Filter *resize = registry.find(resizeStep.filterId);
    const auto target = resize ? resize->outputSize(size, resizeStep.params) : std::nullopt;
    if (!target || target->width >= size.width || target->height >= size.height)
        return plan;
    FilterStep exact = resizeStep;
    exact.params.insert(QStringLiteral("mode"), QStringLiteral("exact"));
    exact.params.insert(QStringLiteral("width"), target->width);
    exact.params.insert(QStringLiteral("height"), target->height);
    plan.chain[firstWork] = exact;
    plan.minimumSize = turned ? cv::Size(target->height, target->width) : *target;
    return plan;
}

// A profile describes one kind of data: an RGB one on a grey output (after a
// greyscale step, say), or a grey one on colour, is meaningless there and is
// left out quietly. CMYK and Lab profiles never fit: the decoder already
// turned such pixels into RGB — through that very profile into sRGB, which
// loses nothing, or else without colour management, which the user is told
// once per file. A CMYK file labelled with an RGB or grey profile (a
// mislabelled export) had its inks converted by the formula; the profile never
// described them, so it is not passed on as if it described the output.
bool iccProfileFitsOutput(const SourceMetadata &metadata, InkLight inks, const cv::Mat &image,
                          ImageFormat format, QStringList *warnings)
{
    const QByteArray space = metadata.iccColourSpace();
    if (space.isEmpty())
        return true;
    if (inks == InkLight::ThroughProfile && space == "CMYK")
        return false;
    if (inks != InkLight::NotCmyk && space != "CMYK") {
        if (warnings)
            *warnings << QStringLiteral("the input's %1 ICC profile was left out: it does not describe the file's "
                                        "CMYK data, whose colours were converted without colour management")
                             .arg(QString::fromLatin1(space.trimmed()));
        return false;
    }
    const bool greyOutput = image.channels() == 1 && format != ImageFormat::Webp; // WebP is always colour
    if (space == "RGB ")
        return !greyOutput;
    if (space == "GRAY")
        return greyOutput;
    if (warnings)
        *warnings << QStringLiteral("the input's %1 ICC profile was left out: the output is %2, converted "
                                    "without colour management")
                         .arg(QString::fromLatin1(space.trimmed()), greyOutput ? QStringLiteral("grey")
                                                                                : QStringLiteral("RGB"));
    return false;
}

class Stopwatch
{
public:
    Stopwatch() { m_timer.start(); }
    double lapMs()
    {
        const qint64 ns = m_timer.nsecsElapsed();
        const double ms = double(ns - m_last) / 1e6;
        m_last = ns;
        return ms;
    }

private:
    QElapsedTimer m_timer;
    qint64 m_last = 0;
};

// A job's turn to choose its output name (OutputReservations' naming turns),
// passed once: when the name is chosen, or when the job ends without one.
class NamingTurn
{
public:
    NamingTurn(OutputReservations &reservations, int ticket)
        : m_reservations(reservations), m_ticket(ticket)
    {
    }
    ~NamingTurn() { pass(); }
    NamingTurn(const NamingTurn &) = delete;
    NamingTurn &operator=(const NamingTurn &) = delete;
    bool wait(const CancelToken &cancel) { return m_ticket < 0 || m_reservations.waitForNamingTurn(m_ticket, cancel); }
    void pass()
    {
        if (m_ticket >= 0)
            m_reservations.passNamingTurn(std::exchange(m_ticket, -1));
    }

private:
    OutputReservations &m_reservations;
    int m_ticket;
};

class JobRun
{
public:
    JobRun(const Job &job, const FilterRegistry &registry, OutputReservations &reservations,
        const CancelToken &cancel, const StageCallback &onStage, MemoryBudget *memory,
        const ThumbnailWanted &thumbnailWanted)
        : m_job(job), m_registry(registry), m_reservations(reservations), m_cancel(cancel),
          m_onStage(onStage), m_memory(memory), m_thumbnailWanted(thumbnailWanted)
    {
        m_result.id = job.id;
        m_result.inputPath = job.inputPath;
    }

    JobResult run()
    {
        try {
            execute();
        } catch (const std::bad_alloc &) {
            fail(QStringLiteral("out of memory"));
        } catch (const cv::Exception &e) {
            fail(QStringLiteral("image library error: %1").arg(QString::fromStdString(e.msg).trimmed()));
        } catch (const std::exception &e) {
            fail(QStringLiteral("unexpected error: %1").arg(QString::fromLocal8Bit(e.what())));
        }
        return m_result;
    }

private:
    void stage(JobStage s, int percent)
    {
        if (m_onStage)
            m_onStage(s, percent);
    }
    void fail(const QString &reason)
    {
        m_result.status = JobStatus::Failed;
        m_result.error = reason;
    }
    bool canceled()
    {
        if (!m_cancel.isCanceled())
            return false;
        m_result.status = JobStatus::Canceled;
        m_result.error = QStringLiteral("canceled");
        return true;
    }

    void execute()
    {
        ExportOptions options = m_job.exportOptions;
        if (foundInsideOutputFolder(m_job.inputPath, m_job.relativeDir, options.outputDir)) {
            // Queued before this folder became the output: an earlier result.
            m_result.status = JobStatus::Skipped;
            m_result.error = QStringLiteral("lies in the output folder %1, below the folder it was found in: "
                                            "taken for an earlier result, not processed")
                                 .arg(options.outputDir);
            return;
        }
        QString templateError;
        const auto name = NameTemplate::parse(options.nameTemplate, &templateError);
        if (!name)
            return fail(templateError);
        if (namesKnownBeforeDecoding(options, *name)) {
            // The name is known now: chosen in queue order, as the plan shows it.
            const QString planned = plannedOutputPath(options, *name, m_job.inputPath,
                                                      m_job.relativeDir, m_job.counter, 0, 0);
            if (!m_namingTurn.wait(m_cancel)) {
                canceled();
                return;
            }
            m_name = chooseOutputName(planned, options.overwrite, m_reservations);
            m_namingTurn.pass();
            if (m_name->status == NameChoice::Status::Skipped) {
                m_result.status = JobStatus::Skipped;
                m_result.error = m_name->reason;
                m_result.outputPath = m_name->path;
                return;
            }
            if (m_name->status == NameChoice::Status::Failed)
                return fail(m_name->reason);
        }
        // Names that need the image are chosen when written, in the order jobs finish.
        m_namingTurn.pass();
        if (canceled())
            return;

        stage(JobStage::Reading, 0);
        QByteArray bytes;
        QString error;
        if (!readRegularFile(m_job.inputPath, bytes, error, maxImageFileBytes(m_job.decodeOptions.maxPixels)))
            return fail(error);
        m_result.inputBytes = bytes.size();
        m_result.timings.readMs = m_watch.lapMs();
        if (canceled())
            return;

        stage(JobStage::Decoding, 10);
        ImageHeader header;
        error = probeHeader(bytes, header);
        if (!error.isEmpty())
            return fail(error);
        m_result.inputSize = QSize(header.orientedSize.width, header.orientedSize.height);
        options = optionsForInput(options, header.format);
        const FilterChain oriented = withSourceOrientation(m_job.chain, header.exifOrientation);
        DecodeOptions decodeOptions = m_job.decodeOptions;
        decodeOptions.keepStoredOrientation = chainOrientsExplicitly(oriented);
        const DecodePlan plan = planDecode(oriented, m_registry,
                                           decodeOptions.keepStoredOrientation ? header.storedSize
                                                                               : header.orientedSize);
        if (m_memory) {
            const cv::Size decodedSize = reducedSize(
                header.storedSize, decodeReduction(header, plan.minimumSize, !decodeOptions.keepStoredOrientation));
            const qint64 decoderBuffers = header.format == "jpeg" ? jpegCoefficientBufferBytes(bytes) : 0;
            m_memoryHeld = m_memory->reserve(estimatedWorkingBytes(header.format, decodedSize, bytes.size(), decoderBuffers),
                                             m_cancel,
                                             [this] { stage(JobStage::WaitingForMemory, 10); });
            if (canceled())
                return;
            stage(JobStage::Decoding, 10);
        }
        DecodedImage decoded = decodeImage(bytes, header, decodeOptions, plan.minimumSize, plan.grayscale);
        QString metadataWarning;
        const bool needsMetadata = options.metadata != MetadataPolicy::StripAll || options.keepIccProfile
            || name->usesImageData();
        const SourceMetadata metadata = decoded.error.isEmpty() && needsMetadata
            ? SourceMetadata::read(bytes, &metadataWarning)
            : SourceMetadata();
        if (!metadataWarning.isEmpty())
            m_result.warnings << metadataWarning;
        if (options.keepIccProfile && !metadata.iccProfileProblem().isEmpty()) {
            const QString inks = decoded.inks == InkLight::ByFormula
                ? QStringLiteral(", and the CMYK colours were converted without it")
                : QString();
            m_result.warnings << QStringLiteral("the embedded ICC colour profile is damaged (%1); it was not copied%2")
                                     .arg(metadata.iccProfileProblem(), inks);
        }
        bytes = QByteArray(); // the encoded input is no longer needed: keep memory per worker low
        if (!decoded.error.isEmpty())
            return fail(decoded.error);
        m_result.warnings << decoded.warnings;
        m_result.decodeReduction = decoded.reduction;
        m_result.timings.decodeMs = m_watch.lapMs();

        cv::Mat image = decoded.image;
        decoded.image.release();
        const FilterChain chain = withTextTokens(
            plan.chain, m_registry,
            nameContextFor(options, m_job.inputPath, m_job.counter, m_result.inputSize.width(),
                           m_result.inputSize.height(), &metadata));
        const auto steps = chain.size();
        for (qsizetype i = 0; i < steps; ++i) {
            if (canceled())
                return;
            const FilterStep &step = chain.at(i);
            if (!step.enabled)
                continue;
            stage(JobStage::Filtering, kFilterStart + int((kFilterEnd - kFilterStart) * i / steps));
            const Filter *filter = m_registry.find(step.filterId);
            if (!filter)
                return fail(QStringLiteral("unknown filter '%1'").arg(step.filterId));
            try {
                image = filter->apply(image, step.params, m_cancel);
            } catch (const FilterError &e) {
                return fail(e.message());
            }
            if (image.empty())
                return fail(QStringLiteral("%1 produced an empty image").arg(step.filterId));
        }
        m_result.timings.filterMs = m_watch.lapMs();
        if (canceled())
            return;

        stage(JobStage::Encoding, kFilterEnd);
        EncodedImage encoded = encodeImage(image, options);
        if (!encoded.error.isEmpty())
            return fail(encoded.error);
        // LibRaw develops into sRGB: a RAW's own profile (if any) described the sensor or its preview.
        const bool keepIcc = options.keepIccProfile && header.format != "raw"
            && iccProfileFitsOutput(metadata, decoded.inks, image, options.format,
                                    &m_result.warnings);
        if (!metadata.embedInto(encoded.bytes, options.format, options.metadata, keepIcc, image.size(),
                                &metadataWarning))
            m_result.warnings << metadataWarning;
        m_result.outputSize = QSize(image.cols, image.rows);
        m_result.timings.encodeMs = m_watch.lapMs();
        if (canceled())
            return;

        stage(JobStage::Writing, 92);
        bool shortened = false;
        const QString planned = plannedOutputPath(options, *name, m_job.inputPath, m_job.relativeDir,
                                                  m_job.counter, image.cols, image.rows, &metadata, &shortened);
        if (shortened)
            m_result.warnings << QStringLiteral("the output name was shortened to fit the file system's "
                                                "255-byte limit");
        if (const QString missing = m_reservations.ensureOutputRoot(options.outputDir); !missing.isEmpty())
            return fail(missing);
        const WriteOutcome written = writeOutputAtomically(planned, encoded.bytes, options.overwrite,
                                                           m_reservations, m_cancel, m_name ? &*m_name : nullptr,
                                                           m_job.inputPath);
        m_result.timings.writeMs = m_watch.lapMs();
        m_result.warnings << written.warnings;
        m_result.outputPath = written.path;
        switch (written.status) {
        case WriteOutcome::Status::Written:
            break;
        case WriteOutcome::Status::Skipped:
            m_result.status = JobStatus::Skipped;
            m_result.error = written.reason;
            return;
        case WriteOutcome::Status::Canceled:
            canceled();
            return;
        case WriteOutcome::Status::Failed:
            return fail(written.reason);
        }
        m_result.bytesWritten = written.bytes;

        if (m_job.makeThumbnail && (!m_thumbnailWanted || m_thumbnailWanted())) {
            stage(JobStage::Thumbnail, 97);
            m_result.thumbnail = makeThumbnail(image);
        }
        m_result.timings.thumbnailMs = m_watch.lapMs();
        m_result.status = JobStatus::Written;
    }

    const Job &m_job;
    const FilterRegistry &m_registry;
    OutputReservations &m_reservations;
    const CancelToken &m_cancel;
    const StageCallback &m_onStage;
    MemoryBudget *const m_memory;
    const ThumbnailWanted &m_thumbnailWanted;
    MemoryBudget::Reservation m_memoryHeld; // until the job ends
    NamingTurn m_namingTurn{m_reservations, m_job.namingTicket}; // passed at the latest when the job ends
    std::optional<NameChoice> m_name; // claimed at the start, when the template needs no image
    JobResult m_result;
    Stopwatch m_watch;
};

} // namespace

JobResult processJob(const Job &job, const FilterRegistry &registry, OutputReservations &reservations,
    const CancelToken &cancel, const StageCallback &onStage, MemoryBudget *memory,
    const ThumbnailWanted &thumbnailWanted)
{
    const crashmarker::InputScope processing(job.inputPath);
    return JobRun(job, registry, reservations, cancel, onStage, memory, thumbnailWanted).run();
}

qint64 estimatedWorkingBytes(const QByteArray &format, cv::Size decodedSize, qint64 fileBytes,
                             qint64 decoderBufferBytes)
{
    // LibRaw holds the sensor data (at full size: up to 4× the pixels of a half-size
    // decode), its 4-channel 16-bit working image and the 16-bit result at once.
    const qint64 bytesPerPixel = format == "jpeg" ? 3 : format == "raw" ? 16 : 8;
    return fileBytes + decoderBufferBytes + 2 * qint64(decodedSize.width) * decodedSize.height * bytesPerPixel;
}

} // namespace pixelmill

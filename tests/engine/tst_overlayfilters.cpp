// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/export/outputreservations.h"
#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/fontcatalog.h"
#include "engine/worker/jobprocessor.h"
#include "tests/common/testutils.h"
#include "tests/engine/filtertestbase.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QTest>

using namespace pixelmill;

namespace {

int changedPixels(const cv::Mat &a, const cv::Mat &b, cv::Rect area)
{
    cv::Mat diff;
    cv::absdiff(a(area), b(area), diff);
    cv::Mat grey = diff.reshape(1, int(diff.total()));
    cv::Mat maxima;
    cv::reduce(grey, maxima, 1, cv::REDUCE_MAX);
    return cv::countNonZero(maxima);
}

} // namespace

class TestOverlayFilters final : public QObject
{
    Q_OBJECT

private:
    test::FilterRunner m_filters;
    QTemporaryDir m_dir;

private slots:
    void textLandsAtTheChosenAnchor()
    {
        const cv::Mat black(200, 300, CV_8UC3, cv::Scalar::all(0));
        const cv::Mat out = m_filters.run("text_watermark", {{"text", "Pixelmill"}, {"size", 10}, {"opacity", 100}}, black);
        QVERIFY(changedPixels(black, out, cv::Rect(150, 100, 150, 100)) > 100); // bottom right quadrant
        QCOMPARE(changedPixels(black, out, cv::Rect(0, 0, 150, 100)), 0);
        const cv::Mat top = m_filters.run("text_watermark", {{"text", "Pixelmill"}, {"position", "top_left"}}, black);
        QVERIFY(changedPixels(black, top, cv::Rect(0, 0, 150, 100)) > 20);
        QCOMPARE(cv::norm(m_filters.run("text_watermark", {{"opacity", 0}}, black), black, cv::NORM_INF), 0.0);
    }

    void fontIsChosenByNameOrFile()
    {
        const cv::Mat black(120, 400, CV_8UC3, cv::Scalar::all(0));
        const QVariantMap base{{"text", "Pixelmill 2026"}, {"size", 20}, {"opacity", 100}, {"position", "center"}};
        const auto draw = [&](const QString &font) {
            QVariantMap p = base;
            p.insert("font", font);
            return m_filters.run("text_watermark", p, black);
        };
        const cv::Mat sansBold = draw("DejaVu Sans Bold");
        QCOMPARE(cv::norm(sansBold, m_filters.run("text_watermark", base, black), cv::NORM_INF), 0.0); // the default
        const cv::Mat serif = draw("DejaVu Serif");
        QVERIFY(changedPixels(black, serif, cv::Rect(0, 0, 400, 120)) > 100);
        QVERIFY(cv::norm(serif, sansBold, cv::NORM_L1) > 0); // another face, other pixels
        QCOMPARE(cv::norm(draw("dejavusans-BOLD"), sansBold, cv::NORM_INF), 0.0); // spelling is forgiving
        QCOMPARE(cv::norm(draw(fontFileFor("DejaVu Sans Bold")), sansBold, cv::NORM_INF), 0.0); // a path works

        FilterRegistry registry;
        registerBuiltinFilters(registry);
        const auto unknown = registry.normalized(FilterStep{"text_watermark", 1, true, {{"font", "Comic Nonsense"}}});
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error.startsWith("text_watermark: font: no font 'Comic Nonsense'"), qPrintable(unknown.error));
        const QString notAFont = m_dir.filePath("fake.ttf");
        test::writeFile(notAFont, "not a font at all");
        QVariantMap fake = base;
        fake.insert("font", notAFont);
        QVERIFY_THROWS_EXCEPTION(FilterError, m_filters.run("text_watermark", fake, black));
    }

    void worksOnEveryLayoutAndKeepsAlpha()
    {
        const cv::Mat clear(120, 160, CV_16UC4, cv::Scalar(0, 0, 0, 0));
        const cv::Mat out = m_filters.run("text_watermark", {{"text", "ABC"}, {"size", 20}, {"opacity", 100},
                                                             {"position", "center"}, {"color", "#ff0000"}}, clear);
        QCOMPARE(out.type(), clear.type());
        double maxAlpha = 0;
        cv::Mat alpha;
        cv::extractChannel(out, alpha, 3);
        cv::minMaxLoc(alpha, nullptr, &maxAlpha);
        QCOMPARE(maxAlpha, 65535.0); // the mark is visible even on transparent pixels
        cv::Mat red;
        cv::extractChannel(out, red, 2);
        double maxRed = 0;
        cv::minMaxLoc(red, nullptr, &maxRed);
        QCOMPARE(maxRed, 65535.0);
    }

    void logoIsPlacedScaledAndTiled()
    {
        cv::Mat logo(20, 40, CV_8UC4, cv::Scalar(0, 0, 255, 255)); // opaque red
        logo(cv::Rect(0, 0, 20, 20)).setTo(cv::Scalar(0, 0, 255, 0)); // left half transparent
        const QString path = m_dir.filePath("logo.png");
        test::writeImage(path, logo);
        const cv::Mat white(100, 200, CV_8UC3, cv::Scalar::all(255));
        const cv::Mat out = m_filters.run("image_watermark", {{"file", path}, {"scale", 20}, {"opacity", 100},
                                                              {"position", "top_left"}, {"margin", 0}}, white);
        QCOMPARE(out.at<cv::Vec3b>(5, 30), cv::Vec3b(0, 0, 255)); // opaque half, scaled to 40 px wide
        QCOMPARE(out.at<cv::Vec3b>(5, 5), cv::Vec3b(255, 255, 255)); // transparent half
        QCOMPARE(out.at<cv::Vec3b>(50, 100), cv::Vec3b(255, 255, 255));
        const cv::Mat tiled = m_filters.run("image_watermark", {{"file", path}, {"scale", 20}, {"opacity", 100},
                                                                {"tile", true}}, white);
        QVERIFY(changedPixels(white, tiled, cv::Rect(100, 40, 100, 60)) > 0);
        QVERIFY_THROWS_EXCEPTION(FilterError, m_filters.run("image_watermark", {{"file", "/no/such/logo.png"}}, white));
    }

    // The logo is decoded once per batch, but a logo replaced on disk is used from
    // the next image on, and a broken one is an error.
    void aReplacedLogoIsUsedAtOnce()
    {
        const QString path = m_dir.filePath("changing-logo.png");
        const cv::Mat white(60, 100, CV_8UC3, cv::Scalar::all(255));
        const QVariantMap params {{"file", path}, {"scale", 50}, {"opacity", 100}, {"position", "top_left"}, {"margin", 0}};
        test::writeImage(path, cv::Mat(10, 10, CV_8UC4, cv::Scalar(0, 0, 255, 255)));
        QCOMPARE(m_filters.run("image_watermark", params, white).at<cv::Vec3b>(5, 5), cv::Vec3b(0, 0, 255));
        QCOMPARE(m_filters.run("image_watermark", params, white).at<cv::Vec3b>(5, 5), cv::Vec3b(0, 0, 255));
        // Another size for certain: a new file may get the freed inode back within the
        // same clock tick.
        test::writeImage(path, cv::Mat(10, 12, CV_8UC4, cv::Scalar(255, 0, 0, 255)));
        QCOMPARE(m_filters.run("image_watermark", params, white).at<cv::Vec3b>(5, 5), cv::Vec3b(255, 0, 0));
        test::writeFile(path, "not a picture any more");
        QVERIFY_THROWS_EXCEPTION(FilterError, m_filters.run("image_watermark", params, white));
    }

    void tokensAreFilledPerImage()
    {
        FilterRegistry registry;
        registerBuiltinFilters(registry);
        const cv::Mat grey(120, 400, CV_8UC3, cv::Scalar::all(60));
        QList<cv::Mat> outputs;
        for (const QString name : {"a", "a-much-longer-file-name"}) {
            const QString input = m_dir.filePath(name + ".png");
            test::writeImage(input, grey);
            Job job;
            job.id = 1;
            job.counter = 1;
            job.inputPath = input;
            job.chain = registry.normalized(FilterChain{FilterStep{"text_watermark", 1, true,
                {{"text", "{name}"}, {"size", 15}, {"opacity", 100}, {"position", "left"}}}}).value;
            job.exportOptions.outputDir = m_dir.filePath("out");
            job.exportOptions.format = ImageFormat::Png;
            OutputReservations reservations;
            const JobResult r = processJob(job, registry, reservations, CancelToken());
            QCOMPARE(r.status, JobStatus::Written);
            outputs << cv::imread(r.outputPath.toStdString());
        }
        const cv::Rect right(200, 0, 200, 120);
        QCOMPARE(changedPixels(grey, outputs[0], right), 0); // "a" is short
        QVERIFY(changedPixels(grey, outputs[1], right) > 0); // the long name reaches the right half
    }
};

QTEST_GUILESS_MAIN(TestOverlayFilters)
#include "tst_overlayfilters.moc"

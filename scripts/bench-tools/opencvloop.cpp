// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
// The floor for scripts/bench: the same work as Pixelmill's workloads done by a bare
// OpenCV loop (N threads share an atomic file index; decode -> filters -> encode -> write),
// with nothing else (no scanning, no reports, no atomic renames, no thumbnails).
//
//   opencvloop -t THREADS -w w1|w2|w3|w4 OUTDIR FILE...
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

cv::Size fitted(cv::Size in, int edge)
{
    const int longEdge = std::max(in.width, in.height);
    if (longEdge <= edge)
        return in;
    const double s = double(edge) / longEdge;
    return {std::max(1, int(in.width * s + 0.5)), std::max(1, int(in.height * s + 0.5))};
}

// Size from the JPEG frame header (SOFn), without decoding; empty when not found.
cv::Size jpegSize(const std::string &path)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    std::vector<unsigned char> head(256 * 1024);
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
    for (size_t p = 2; p + 9 < head.size();) {
        if (head[p] != 0xFF) {
            ++p;
            continue;
        }
        const int marker = head[p + 1];
        const size_t length = size_t(head[p + 2]) << 8 | head[p + 3];
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof)
            return {int(head[p + 7]) << 8 | head[p + 8], int(head[p + 5]) << 8 | head[p + 6]};
        p += 2 + length;
    }
    return {};
}

// Largest JPEG DCT reduction that keeps the image at least `edge` on its long side.
int reducedFlags(const std::string &path, int edge)
{
    const cv::Size size = jpegSize(path);
    const int longEdge = std::max(size.width, size.height);
    for (int f : {8, 4, 2}) {
        if ((longEdge + f - 1) / f >= edge)
            return f == 8 ? cv::IMREAD_REDUCED_COLOR_8 : f == 4 ? cv::IMREAD_REDUCED_COLOR_4 : cv::IMREAD_REDUCED_COLOR_2;
    }
    return cv::IMREAD_COLOR;
}

bool process(const std::string &workload, const std::string &in, const std::string &outDir)
{
    std::string base = in.substr(in.find_last_of('/') + 1);
    base = base.substr(0, base.find_last_of('.'));
    cv::Mat img;
    std::vector<int> params;
    std::string ext;
    if (workload == "w1" || workload == "w2") {
        img = cv::imread(in, reducedFlags(in, 1920));
        cv::Mat small;
        cv::resize(img, small, fitted(img.size(), 1920), 0, 0, cv::INTER_AREA);
        img = small;
        if (workload == "w1") {
            cv::Mat blur;
            cv::GaussianBlur(img, blur, cv::Size(0, 0), 1.0);
            cv::addWeighted(img, 1.5, blur, -0.5, 0, img);
            ext = ".jpg";
            params = {cv::IMWRITE_JPEG_QUALITY, 85};
        } else {
            ext = ".png";
            params = {cv::IMWRITE_PNG_COMPRESSION, 6};
        }
    } else if (workload == "w3") {
        img = cv::imread(in, cv::IMREAD_GRAYSCALE);
        cv::GaussianBlur(img, img, cv::Size(0, 0), 2.0);
        ext = ".jpg";
        params = {cv::IMWRITE_JPEG_QUALITY, 90};
    } else {
        img = cv::imread(in, cv::IMREAD_UNCHANGED);
        cv::Mat small;
        cv::resize(img, small, fitted(img.size(), 2560), 0, 0, cv::INTER_AREA);
        img = small;
        ext = ".webp";
        params = {cv::IMWRITE_WEBP_QUALITY, 80};
    }
    return !img.empty() && cv::imwrite(outDir + "/" + base + ext, img, params);
}

} // namespace

int main(int argc, char **argv)
{
    int threads = 1;
    std::string workload = "w1";
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        const std::string a = argv[i];
        if (a == "-t")
            threads = std::atoi(argv[i + 1]);
        else if (a == "-w")
            workload = argv[i + 1];
    }
    if (i >= argc) {
        std::fprintf(stderr, "usage: opencvloop -t N -w w1|w2|w3|w4 OUTDIR FILE...\n");
        return 2;
    }
    const std::string outDir = argv[i++];
    const std::vector<std::string> files(argv + i, argv + argc);
    cv::setNumThreads(1);
    std::atomic<size_t> next{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (size_t k; (k = next++) < files.size();) {
                if (!process(workload, files[k], outDir))
                    ++failed;
            }
        });
    }
    for (auto &t : pool)
        t.join();
    return failed ? 1 : 0;
}

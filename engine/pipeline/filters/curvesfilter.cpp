// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"
#include "engine/pipeline/filtererror.h"

#include <opencv2/core.hpp>

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pixelmill {

namespace {

struct CurvePoint
{
    double in;
    double out;
};

constexpr int kMaxPoints = 32;

// "0,0 64,48 255,255": input,output pairs on a 0..255 scale, any depth.
std::vector<CurvePoint> parsePoints(const QString &text, QString *error)
{
    static const QRegularExpression separators(QStringLiteral("[\\s;]+"));
    std::vector<CurvePoint> points;
    const QStringList pairs = text.split(separators, Qt::SkipEmptyParts);
    if (pairs.size() < 2 || pairs.size() > kMaxPoints) {
        *error = QStringLiteral("points: give 2 to %1 'input,output' pairs, e.g. \"0,0 128,150 255,255\"")
                     .arg(kMaxPoints);
        return {};
    }
    for (const QString &pair : pairs) {
        const QStringList xy = pair.split(QLatin1Char(','));
        bool okIn = false;
        bool okOut = false;
        const double in = xy.size() == 2 ? xy[0].toDouble(&okIn) : 0;
        const double out = xy.size() == 2 ? xy[1].toDouble(&okOut) : 0;
        if (!okIn || !okOut || in < 0 || in > 255 || out < 0 || out > 255) {
            *error = QStringLiteral("points: '%1' is not an 'input,output' pair within 0..255").arg(pair);
            return {};
        }
        points.push_back({in, out});
    }
    std::sort(points.begin(), points.end(), [](const CurvePoint &a, const CurvePoint &b) { return a.in < b.in; });
    for (size_t i = 1; i < points.size(); ++i) {
        if (points[i].in == points[i - 1].in) {
            *error = QStringLiteral("points: input %1 is given twice").arg(points[i].in);
            return {};
        }
    }
    return points;
}

// Monotone cubic (Fritsch–Carlson) through the points: smooth, and never
// overshoots between them the way a plain spline would (no clipped bands).
class MonotoneCurve
{
public:
    explicit MonotoneCurve(std::vector<CurvePoint> points) : m_points(std::move(points))
    {
        const size_t n = m_points.size();
        std::vector<double> slopes(n - 1);
        for (size_t i = 0; i + 1 < n; ++i)
            slopes[i] = (m_points[i + 1].out - m_points[i].out) / (m_points[i + 1].in - m_points[i].in);
        m_tangents.assign(n, 0.0);
        m_tangents[0] = slopes[0];
        m_tangents[n - 1] = slopes[n - 2];
        for (size_t i = 1; i + 1 < n; ++i)
            m_tangents[i] = slopes[i - 1] * slopes[i] <= 0 ? 0.0 : (slopes[i - 1] + slopes[i]) / 2;
        for (size_t i = 0; i + 1 < n; ++i) {
            if (slopes[i] == 0) {
                m_tangents[i] = m_tangents[i + 1] = 0;
                continue;
            }
            const double a = m_tangents[i] / slopes[i];
            const double b = m_tangents[i + 1] / slopes[i];
            const double h = std::hypot(a, b);
            if (h > 3) {
                m_tangents[i] = 3 * a / h * slopes[i];
                m_tangents[i + 1] = 3 * b / h * slopes[i];
            }
        }
    }

    double operator()(double x) const
    {
        if (x <= m_points.front().in)
            return m_points.front().out;
        if (x >= m_points.back().in)
            return m_points.back().out;
        size_t i = 0;
        while (x > m_points[i + 1].in)
            ++i;
        const double h = m_points[i + 1].in - m_points[i].in;
        const double t = (x - m_points[i].in) / h;
        const double t2 = t * t;
        const double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * m_points[i].out + (t3 - 2 * t2 + t) * h * m_tangents[i]
            + (-2 * t3 + 3 * t2) * m_points[i + 1].out + (t3 - t2) * h * m_tangents[i + 1];
    }

private:
    std::vector<CurvePoint> m_points;
    std::vector<double> m_tangents;
};

// A plain loop: the worker pool already runs one image per core (and
// Mat::forEach would add threads the OpenCV threading rule does not count).
template<typename T>
void mapThrough(cv::Mat &plane, const std::vector<T> &table)
{
    for (int y = 0; y < plane.rows; ++y) {
        T *row = plane.ptr<T>(y);
        for (int x = 0; x < plane.cols; ++x)
            row[x] = table[row[x]];
    }
}

class CurvesFilter final : public SizePreservingFilter
{
public:
    CurvesFilter()
        : SizePreservingFilter(QStringLiteral("curves"), QStringLiteral("Curves"), QStringLiteral("Colour"),
            QStringLiteral("Maps input tones to output tones along a smooth curve through your points "
                           "(input,output on a 0–255 scale, for 8- and 16-bit images alike). The curve "
                           "never overshoots between points. Grey images follow the RGB curve."),
            {ParamSpec::text(QStringLiteral("points"), QStringLiteral("Points"), QStringLiteral("0,0 255,255"),
                 QStringLiteral("Pairs 'input,output' separated by spaces, e.g. \"0,0 64,48 192,210 255,255\" "
                                "for more contrast.")),
                ParamSpec::choice(QStringLiteral("channel"), QStringLiteral("Channel"),
                    {QStringLiteral("rgb"), QStringLiteral("red"), QStringLiteral("green"), QStringLiteral("blue")},
                    QStringLiteral("rgb"), QStringLiteral("Apply to every colour channel or to one."))})
    {
    }

    QString checkParams(const QVariantMap &p) const override
    {
        QString error;
        parsePoints(p.value(QStringLiteral("points")).toString(), &error);
        return error;
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        QString error;
        std::vector<CurvePoint> points = parsePoints(p.value(QStringLiteral("points")).toString(), &error);
        if (points.empty())
            throw FilterError(QStringLiteral("curves: %1").arg(error));
        const MonotoneCurve curve(std::move(points));
        const QString channel = p.value(QStringLiteral("channel")).toString();
        // BGR order: the one channel a single-channel curve touches.
        const int only = channel == QLatin1String("red") ? 2 : channel == QLatin1String("green") ? 1
            : channel == QLatin1String("blue")           ? 0
                                                         : -1;
        if (only >= 0 && in.channels() < 3)
            return in.clone();
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            std::vector<cv::Mat> planes;
            cv::split(colour, planes);
            for (int c = 0; c < int(planes.size()); ++c) {
                if (only < 0 || c == only) {
                    if (colour.depth() == CV_8U)
                        mapThrough(planes[size_t(c)], table<uchar>(curve));
                    else
                        mapThrough(planes[size_t(c)], table<ushort>(curve));
                }
            }
            cv::Mat out;
            cv::merge(planes, out);
            return out;
        });
    }

private:
    template<typename T>
    static std::vector<T> table(const MonotoneCurve &curve)
    {
        const double max = std::numeric_limits<T>::max();
        std::vector<T> lut(size_t(max) + 1);
        for (size_t v = 0; v < lut.size(); ++v)
            lut[v] = T(std::lround(std::clamp(curve(double(v) * 255.0 / max), 0.0, 255.0) * max / 255.0));
        return lut;
    }
};

} // namespace

std::unique_ptr<Filter> makeCurvesFilter()
{
    return std::make_unique<CurvesFilter>();
}

} // namespace pixelmill

// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/channels.h"
#include "engine/pipeline/filterbase.h"

#include <opencv2/core.hpp>

namespace pixelmill {

namespace {

const char *const kOutputs[] = {"red", "green", "blue"};

QList<ParamSpec> mixerParams()
{
    QList<ParamSpec> specs;
    for (const char *out : kOutputs) {
        for (const char *from : kOutputs) {
            const QString o = QLatin1String(out);
            const QString f = QLatin1String(from);
            specs << ParamSpec::real(QStringLiteral("%1_from_%2").arg(o, f),
                QStringLiteral("%1 ← %2").arg(o.at(0).toUpper() + o.mid(1), f), o == f ? 100.0 : 0.0, -200.0,
                200.0, 1.0, QStringLiteral("%"),
                QStringLiteral("How much of the input %1 goes into the output %2.").arg(f, o));
        }
    }
    return specs;
}

class ChannelMixerFilter final : public SizePreservingFilter
{
public:
    ChannelMixerFilter()
        : SizePreservingFilter(QStringLiteral("channel_mixer"), QStringLiteral("Channel mixer"),
            QStringLiteral("Colour"),
            QStringLiteral("Builds each output channel from a mix of the input red, green and blue "
                           "(in %; 100 keeps a channel as it is). Equal rows give a custom black and "
                           "white. Grey images have no channels to mix and pass unchanged."),
            mixerParams())
    {
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        if (in.channels() < 3)
            return in.clone();
        // Rows and columns in OpenCV's BGR order.
        cv::Matx33f mix;
        for (int out = 0; out < 3; ++out) {
            for (int from = 0; from < 3; ++from) {
                const QString key = QStringLiteral("%1_from_%2")
                                        .arg(QLatin1String(kOutputs[out]), QLatin1String(kOutputs[from]));
                mix(2 - out, 2 - from) = float(p.value(key).toDouble() / 100.0);
            }
        }
        return applyToColorChannels(in, [&](const cv::Mat &colour) {
            cv::Mat out;
            cv::transform(colour, out, mix); // saturates to the depth's range
            return out;
        });
    }
};

} // namespace

std::unique_ptr<Filter> makeChannelMixerFilter()
{
    return std::make_unique<ChannelMixerFilter>();
}

} // namespace pixelmill

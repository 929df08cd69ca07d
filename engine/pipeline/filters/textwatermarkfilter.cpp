// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/pipeline/anchor.h"
#include "engine/pipeline/builtinfilters.h"
#include "engine/pipeline/filterbase.h"
#include "engine/pipeline/filtererror.h"
#include "engine/pipeline/fontcatalog.h"
#include "engine/scan/nativepath.h"

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>

#include <algorithm>
#include <map>

namespace pixelmill {

namespace {

const QString kDefaultFont = QStringLiteral("DejaVu Sans Bold");

// FreeType faces are not thread-safe: each worker thread loads the faces it
// uses once and keeps them.
cv::freetype::FreeType2 *threadFont(const QString &file)
{
    thread_local std::map<QString, cv::Ptr<cv::freetype::FreeType2>> faces;
    auto it = faces.find(file);
    if (it == faces.end()) {
        cv::Ptr<cv::freetype::FreeType2> face = cv::freetype::createFreeType2();
        try {
            face->loadFontData(nativePath(file).toStdString(), 0);
        } catch (const cv::Exception &) {
            face.reset(); // not a font FreeType can read
        }
        it = faces.emplace(file, face).first;
    }
    return it->second.get();
}

QString fontError(const QString &font)
{
    const QStringList installed = installedFontNames();
    return QStringLiteral("font: no font '%1' (a name such as %2, or the path of a .ttf/.otf file)")
        .arg(font, installed.isEmpty() ? QStringLiteral("DejaVuSans-Bold")
                                       : installed.mid(0, 6).join(QStringLiteral(", ")));
}

class TextWatermarkFilter final : public SizePreservingFilter
{
public:
    TextWatermarkFilter()
        : SizePreservingFilter(QStringLiteral("text_watermark"), QStringLiteral("Text watermark"),
            QStringLiteral("Overlay"),
            QStringLiteral("Draws text in any installed font (DejaVu Sans Bold by default) at one of nine "
                           "positions. Tokens such as {name}, {date:yyyy}, {taken} and {camera} are filled in "
                           "for each image."),
            {ParamSpec::text(QStringLiteral("text"), QStringLiteral("Text"), QStringLiteral("© {date:yyyy}"),
                 QStringLiteral("The words to draw; tokens as in file names.")),
                ParamSpec::text(QStringLiteral("font"), QStringLiteral("Font"), kDefaultFont,
                    QStringLiteral("An installed font by name (\"DejaVu Serif\", \"DejaVuSansMono-Bold\") or the "
                                   "path of a .ttf/.otf file.")),
                ParamSpec::real(QStringLiteral("size"), QStringLiteral("Size"), 4.0, 0.5, 50.0, 0.5,
                    QStringLiteral("%"), QStringLiteral("Text height as a share of the image's shorter side.")),
                ParamSpec::color(QStringLiteral("color"), QStringLiteral("Colour"), QStringLiteral("#ffffff"),
                    QStringLiteral("Text colour.")),
                ParamSpec::real(QStringLiteral("opacity"), QStringLiteral("Opacity"), 70.0, 0.0, 100.0, 1.0,
                    QStringLiteral("%"), QStringLiteral("0 is invisible, 100 fully opaque.")),
                ParamSpec::choice(QStringLiteral("position"), QStringLiteral("Position"), anchorNames(),
                    QStringLiteral("bottom_right"), QStringLiteral("Where the text sits.")),
                ParamSpec::real(QStringLiteral("margin"), QStringLiteral("Margin"), 2.0, 0.0, 25.0, 0.5,
                    QStringLiteral("%"), QStringLiteral("Distance from the edges, as a share of the shorter side."))})
    {
    }

    QString checkParams(const QVariantMap &p) const override
    {
        const QString font = p.value(QStringLiteral("font")).toString();
        return fontFileFor(font).isEmpty() ? fontError(font) : QString();
    }

    cv::Mat apply(const cv::Mat &in, const QVariantMap &p, const CancelToken &) const override
    {
        const QString text = p.value(QStringLiteral("text")).toString();
        if (text.trimmed().isEmpty())
            return in;
        const QString fontName = p.value(QStringLiteral("font")).toString();
        const QString file = fontFileFor(fontName);
        cv::freetype::FreeType2 *font = file.isEmpty() ? nullptr : threadFont(file);
        if (!font)
            throw FilterError(QStringLiteral("text_watermark: %1").arg(fontError(fontName)));
        const int shortSide = std::min(in.cols, in.rows);
        const int height = std::max(6, int(shortSide * p.value(QStringLiteral("size")).toDouble() / 100.0));
        const std::string utf8 = text.toStdString();
        int baseline = 0;
        const cv::Size box = font->getTextSize(utf8, height, -1, &baseline);
        if (box.width <= 0 || box.height <= 0)
            return in;
        // Coverage mask, drawn white on black, then blended in the image's own depth.
        cv::Mat mask(box.height + baseline + 2, box.width + 2, CV_8UC3, cv::Scalar::all(0));
        font->putText(mask, utf8, cv::Point(1, box.height + 1), height, cv::Scalar::all(255), -1, cv::LINE_AA, true);
        cv::Mat coverage;
        cv::cvtColor(mask, coverage, cv::COLOR_BGR2GRAY);
        const int margin = int(shortSide * p.value(QStringLiteral("margin")).toDouble() / 100.0);
        cv::Mat out = in.clone();
        blendColourThroughMask(out, coverage,
                               anchoredOrigin(p.value(QStringLiteral("position")).toString(), in.size(),
                                              coverage.size(), margin),
                               p.value(QStringLiteral("color")).toString(),
                               p.value(QStringLiteral("opacity")).toDouble() / 100.0);
        return out;
    }
};

} // namespace

std::unique_ptr<Filter> makeTextWatermarkFilter()
{
    return std::make_unique<TextWatermarkFilter>();
}

} // namespace pixelmill

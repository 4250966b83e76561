#include "apienums.h"

#include <QCoreApplication>

namespace PreviewDeck::ApiEnums {

// Creatify publishes no descriptions of its visual styles (no API field, no docs page): these are
// read from the names and the few labels third-party clients show (creatify-api.md §6), so they
// say what the name promises and no more (docs/decisions.md, "Style gallery").
QString visualStyleDescription(const QString &visualStyle)
{
    static const struct
    {
        const char *style;
        const char *text;
    } descriptions[] = {
            {"AvatarBubbleTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "The presenter talks from a round bubble over your "
                               "product footage.")},
            {"DramaticTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Dark, high-contrast scenes for a bold, cinematic "
                               "mood.")},
            {"DynamicGreenScreenEffect",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "The presenter stands in front of moving product "
                               "shots.")},
            {"DynamicProductTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Your product takes centre stage, with lively motion "
                               "and text.")},
            {"DynamicResponseBubbleTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Opens on a comment bubble that the video then "
                               "answers.")},
            {"EnhancedVanillaTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "The plain layout with more motion and effects.")},
            {"FeatureHighlightTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Points out your product's features one at a "
                               "time.")},
            {"FullScreenTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Footage fills the whole frame, with captions on "
                               "top.")},
            {"FullScreenV2Template",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "A newer take on full screen: footage edge to edge, "
                               "captions on top.")},
            {"GreenScreenEffectTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "The presenter is cut out and placed over your "
                               "product pictures.")},
            {"LegoTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Put together from short scenes, like building "
                               "blocks.")},
            {"MotionCardsTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "Key points slide in on animated cards.")},
            {"OverCardsTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "Text cards laid over the footage.")},
            {"QuickTransitionTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "Fast cuts between shots keep the pace up.")},
            {"ScribbleTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "Hand-drawn doodles and arrows over the footage.")},
            {"SideBySideTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "Presenter and product shown next to each other.")},
            {"SimpleAvatarOverlayTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "A presenter in the corner of your product "
                               "footage, kept simple.")},
            {"TopBottomTemplate",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "The screen split in two: presenter above, product "
                               "below.")},
            {"TwitterFrameTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "Framed like a post on social media.")},
            {"VanillaTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "A plain, clean layout without extra effects.")},
            {"VlogTemplate",
             QT_TRANSLATE_NOOP("VisualStyle", "A handheld vlog look, as if filmed by a creator.")},
            {"LegoVisualEmotional",
             QT_TRANSLATE_NOOP("VisualStyle", "Building-block scenes with an emotional tone.")},
            {"LegoVisualCutePets",
             QT_TRANSLATE_NOOP("VisualStyle", "Building-block scenes with cute pets.")},
            {"LegoVisualAvatarFocusIntro",
             QT_TRANSLATE_NOOP("VisualStyle",
                               "Opens close on the presenter, then shows the "
                               "product.")},
    };
    for (const auto &entry : descriptions) {
        if (visualStyle == QLatin1String(entry.style))
            return QCoreApplication::translate("VisualStyle", entry.text);
    }
    return QString();
}

} // namespace PreviewDeck::ApiEnums

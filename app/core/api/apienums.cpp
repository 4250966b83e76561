#include "apienums.h"

#include <QHash>
#include <QLocale>

namespace PreviewDeck::ApiEnums {

QStringList aspectRatios()
{
    return {QStringLiteral("9x16"), QStringLiteral("16x9"), QStringLiteral("1x1")};
}

QList<int> videoLengths()
{
    return {15, 30, 45, 60};
}

QStringList modelVersions()
{
    return {QStringLiteral("standard"), QStringLiteral("aurora_v1"),
            QStringLiteral("aurora_v1_fast")};
}

QStringList languages()
{
    return QStringLiteral("en,ar,bg,cs,da,de,el,es,fi,fr,hi,hr,id,it,ja,ko,ms,nl,pl,pt,ro,ru,sk,"
                          "sv,ta,tl,tr,uk,zh")
            .split(QLatin1Char(','));
}

QString languageName(const QString &code)
{
    const QLocale locale(code);
    const QString name = QLocale::languageToString(locale.language());
    return locale.language() == QLocale::C ? code : name;
}

QString visualStyleLabel(const QString &visualStyle)
{
    QString name = visualStyle;
    if (name.endsWith(QLatin1String("Template")) && name.size() > 8)
        name.chop(8);
    // Words start at capitals and at runs of digits ("FullScreenV2" → "Full screen v2").
    QString label;
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool startsWord = i > 0
                && ((c.isUpper() && !name.at(i - 1).isUpper())
                    || (c.isDigit() && !name.at(i - 1).isDigit() && !name.at(i - 1).isUpper()));
        if (startsWord)
            label += QLatin1Char(' ');
        label += label.isEmpty() ? c : c.toLower();
    }
    return label;
}

QStringList scriptStyles()
{
    return QStringLiteral(
                   "DiscoveryWriter,DontWorryWriter,EmotionalWriter,GenzWriter,LetMeShowYouWriter,"
                   "MotivationalWriter,NarrationWriter,ProblemSolutionWriter,ResponseBubbleWriter,"
                   "StoryTimeWriter,BenefitsV2,DIY,BrandStoryV2,CallToActionV2,HowToV2,"
                   "ProblemSolutionV2,ProductHighlightsV2,ProductLifestyleV2,SpecialOffersV2,"
                   "ThreeReasonsWriter,TrendingTopicsV2")
            .split(QLatin1Char(','));
}

QStringList visualStyles()
{
    return QStringLiteral(
                   "AvatarBubbleTemplate,DramaticTemplate,DynamicGreenScreenEffect,"
                   "DynamicProductTemplate,DynamicResponseBubbleTemplate,EnhancedVanillaTemplate,"
                   "FeatureHighlightTemplate,FullScreenTemplate,FullScreenV2Template,"
                   "GreenScreenEffectTemplate,LegoTemplate,MotionCardsTemplate,OverCardsTemplate,"
                   "QuickTransitionTemplate,ScribbleTemplate,SideBySideTemplate,"
                   "SimpleAvatarOverlayTemplate,TopBottomTemplate,TwitterFrameTemplate,"
                   "VanillaTemplate,VlogTemplate,LegoVisualEmotional,LegoVisualCutePets,"
                   "LegoVisualAvatarFocusIntro")
            .split(QLatin1Char(','));
}

QStringList allVisualStyles()
{
    QStringList styles = visualStyles();
    styles << QStringLiteral("LegoScriptResponseBubbleTextOverlay")
           << QStringLiteral("QuickFrameTemplate");
    const QStringList hooks = QStringLiteral(
                                      "NegativeHook,NumberOneHook,EverWonderHook,SecretHook,"
                                      "WhatHappensHook,AnyoneElseHook,AmazedHook,2025Hook,"
                                      "HateMeHook,HeyAlgorithmHook,CannotBelieveHook,"
                                      "FinallyConfidentHook,PremiumFeelingHook,FirstTimeFullHook,"
                                      "LongLineReasonHook,MissingOutAlertHook,"
                                      "BetterTodayVersionHook,BigHappeningHook,"
                                      "PriceDropRegretHook,GroupBuyFrustrationHook,"
                                      "StopAffordExcuseHook,LifeTooShortDiscountHook,"
                                      "HugePriceDropRushHook,PriceCouldGoLowerHook,"
                                      "StillFullPriceHook,SecretDiscountShareHook,"
                                      "VoucherSavingsAlertHook,CouponDiscoveryRegretHook,"
                                      "BestDealEverHook")
                                      .split(QLatin1Char(','));
    for (const QString &hook : hooks)
        styles << QLatin1String("LegoScript") + hook;
    return styles;
}

QStringList aspectRatiosFor(const QString &visualStyle)
{
    static const QHash<QString, QStringList> restricted = {
            {QStringLiteral("DramaticTemplate"), {QStringLiteral("9x16")}},
            {QStringLiteral("DynamicResponseBubbleTemplate"), {QStringLiteral("9x16")}},
            {QStringLiteral("VlogTemplate"), {QStringLiteral("9x16")}},
            {QStringLiteral("FeatureHighlightTemplate"),
             {QStringLiteral("9x16"), QStringLiteral("1x1")}},
            {QStringLiteral("TopBottomTemplate"), {QStringLiteral("9x16"), QStringLiteral("1x1")}},
            {QStringLiteral("LegoScriptResponseBubbleTextOverlay"),
             {QStringLiteral("9x16"), QStringLiteral("1x1")}},
    };
    return restricted.value(visualStyle, aspectRatios());
}

QStringList targetPlatforms()
{
    return {QStringLiteral("TikTok"), QStringLiteral("Instagram"), QStringLiteral("YouTube"),
            QStringLiteral("Facebook")};
}

} // namespace PreviewDeck::ApiEnums

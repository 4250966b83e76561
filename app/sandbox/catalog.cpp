#include "catalog.h"

#include <QUuid>

namespace Sandbox::Catalog {

const QStringList &visualStyles()
{
    static const QStringList styles = [] {
        QStringList s = {QStringLiteral("AvatarBubbleTemplate"),
                         QStringLiteral("DramaticTemplate"),
                         QStringLiteral("DynamicGreenScreenEffect"),
                         QStringLiteral("DynamicProductTemplate"),
                         QStringLiteral("DynamicResponseBubbleTemplate"),
                         QStringLiteral("EnhancedVanillaTemplate"),
                         QStringLiteral("FeatureHighlightTemplate"),
                         QStringLiteral("FullScreenTemplate"),
                         QStringLiteral("FullScreenV2Template"),
                         QStringLiteral("GreenScreenEffectTemplate"),
                         QStringLiteral("LegoTemplate"),
                         QStringLiteral("MotionCardsTemplate"),
                         QStringLiteral("OverCardsTemplate"),
                         QStringLiteral("QuickTransitionTemplate"),
                         QStringLiteral("ScribbleTemplate"),
                         QStringLiteral("SideBySideTemplate"),
                         QStringLiteral("SimpleAvatarOverlayTemplate"),
                         QStringLiteral("TopBottomTemplate"),
                         QStringLiteral("TwitterFrameTemplate"),
                         QStringLiteral("VanillaTemplate"),
                         QStringLiteral("VlogTemplate"),
                         QStringLiteral("LegoVisualEmotional"),
                         QStringLiteral("LegoVisualCutePets"),
                         QStringLiteral("LegoVisualAvatarFocusIntro"),
                         QStringLiteral("LegoScriptResponseBubbleTextOverlay"),
                         QStringLiteral("QuickFrameTemplate"),
                         QStringLiteral("SmartAdsTemplate"),
                         QStringLiteral("StandardAdsTemplate")};
        const QStringList hooks = {QStringLiteral("NegativeHook"),
                                   QStringLiteral("NumberOneHook"),
                                   QStringLiteral("EverWonderHook"),
                                   QStringLiteral("SecretHook"),
                                   QStringLiteral("WhatHappensHook"),
                                   QStringLiteral("AnyoneElseHook"),
                                   QStringLiteral("AmazedHook"),
                                   QStringLiteral("2025Hook"),
                                   QStringLiteral("HateMeHook"),
                                   QStringLiteral("HeyAlgorithmHook"),
                                   QStringLiteral("CannotBelieveHook"),
                                   QStringLiteral("FinallyConfidentHook"),
                                   QStringLiteral("PremiumFeelingHook"),
                                   QStringLiteral("FirstTimeFullHook"),
                                   QStringLiteral("LongLineReasonHook"),
                                   QStringLiteral("MissingOutAlertHook"),
                                   QStringLiteral("BetterTodayVersionHook"),
                                   QStringLiteral("BigHappeningHook"),
                                   QStringLiteral("PriceDropRegretHook"),
                                   QStringLiteral("GroupBuyFrustrationHook"),
                                   QStringLiteral("StopAffordExcuseHook"),
                                   QStringLiteral("LifeTooShortDiscountHook"),
                                   QStringLiteral("HugePriceDropRushHook"),
                                   QStringLiteral("PriceCouldGoLowerHook"),
                                   QStringLiteral("StillFullPriceHook"),
                                   QStringLiteral("SecretDiscountShareHook"),
                                   QStringLiteral("VoucherSavingsAlertHook"),
                                   QStringLiteral("CouponDiscoveryRegretHook"),
                                   QStringLiteral("BestDealEverHook")};
        for (const QString &h : hooks)
            s.append(QStringLiteral("LegoScript") + h);
        return s;
    }();
    return styles;
}

const QStringList &languages()
{
    static const QStringList l = QStringLiteral(
                                         "ar bg cs da de el en es fi fr hi hr id it ja ko ms nl "
                                         "pl pt ro ru sk sv ta tl tr uk zh")
                                         .split(QLatin1Char(' '));
    return l;
}

const QStringList &aspectRatios()
{
    static const QStringList r = {QStringLiteral("16x9"), QStringLiteral("1x1"),
                                  QStringLiteral("9x16")};
    return r;
}

const QList<int> &videoLengths()
{
    static const QList<int> l = {15, 30, 45, 60};
    return l;
}

const QStringList &modelVersions()
{
    static const QStringList m = {QStringLiteral("standard"), QStringLiteral("aurora_v1"),
                                  QStringLiteral("aurora_v1_fast")};
    return m;
}

QString stableId(const QString &name)
{
    static const QUuid ns(QStringLiteral("{5f0c6a8e-2b7d-4c41-9a5e-8d1f3b2c7e90}"));
    return QUuid::createUuidV5(ns, name).toString(QUuid::WithoutBraces);
}

const QList<Template> &templates()
{
    using V = TemplateVariable;
    static const QList<Template> list = {
            {stableId(QStringLiteral("template-spotlight")),
             QStringLiteral("Product Spotlight"),
             QStringLiteral("16x9"),
             30,
             {V{QStringLiteral("headline"), QStringLiteral("text"), true,
                QStringLiteral("Meet the product everyone talks about")},
              V{QStringLiteral("product_image"), QStringLiteral("image"), true,
                QStringLiteral("/media/products/template-1.jpg")},
              V{QStringLiteral("logo"), QStringLiteral("image"), false,
                QStringLiteral("/media/products/template-2.jpg")},
              V{QStringLiteral("music"), QStringLiteral("audio"), false,
                QStringLiteral("/media/voices/voice_1.mp3")}}},
            {stableId(QStringLiteral("template-presenter")),
             QStringLiteral("Talking Head Promo"),
             QStringLiteral("9x16"),
             15,
             {V{QStringLiteral("presenter"), QStringLiteral("avatar"), true,
                stableId(QStringLiteral("persona-1"))},
              V{QStringLiteral("voiceover"), QStringLiteral("voiceover"), true,
                stableId(QStringLiteral("accent-1-1"))},
              V{QStringLiteral("tagline"), QStringLiteral("text"), false,
                QStringLiteral("Made for everyday life")},
              V{QStringLiteral("cta_text"), QStringLiteral("text"), false,
                QStringLiteral("Shop now")}}},
            {stableId(QStringLiteral("template-showcase")),
             QStringLiteral("Square Showcase"),
             QStringLiteral("1x1"),
             45,
             {V{QStringLiteral("clip"), QStringLiteral("video"), true,
                QStringLiteral("/media/renders/1x1/template-clip.mp4")},
              V{QStringLiteral("caption"), QStringLiteral("text"), false,
                QStringLiteral("See it in action")},
              V{QStringLiteral("background"), QStringLiteral("image"), false,
                QStringLiteral("/media/products/template-3.jpg")}}},
    };
    return list;
}

const Template *findTemplate(const QString &id)
{
    for (const Template &t : templates()) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

QString propertyKey(const QString &variableType)
{
    if (variableType == QLatin1String("text"))
        return QStringLiteral("content");
    if (variableType == QLatin1String("avatar"))
        return QStringLiteral("avatar_id");
    if (variableType == QLatin1String("voiceover"))
        return QStringLiteral("voice_id");
    return QStringLiteral("url");
}

namespace {
struct PersonaSeed
{
    const char *name;
    const char *gender;
    const char *age;
    const char *location;
    const char *style;
    const char *industries;
    const char *scene;
};
const PersonaSeed personaSeeds[] = {
        {"Ava", "f", "adult", "indoor", "presenter", "beauty, fashion", "studio"},
        {"Ben", "m", "adult", "outdoor", "selfie", "sports, outdoor", "park"},
        {"Chloe", "f", "teen", "indoor", "selfie", "gaming, apps", "bedroom"},
        {"Dev", "m", "adult", "indoor", "presenter", "tech, software", "office"},
        {"Elena", "f", "senior", "indoor", "presenter", "health, home", "living room"},
        {"Femi", "m", "adult", "other", "other", "food, drinks", "kitchen"},
        {"Gray", "nb", "adult", "indoor", "selfie", "fashion, art", "loft"},
        {"Hana", "f", "adult", "outdoor", "presenter", "travel", "beach"},
        {"Ivan", "m", "senior", "indoor", "presenter", "finance, insurance", "study"},
        {"Jade", "f", "adult", "fantasy", "other", "gaming, entertainment", "neon city"},
        {"Kai", "m", "teen", "outdoor", "selfie", "sports, snacks", "street"},
        {"Lena", "f", "adult", "indoor", "selfie", "beauty, wellness", "bathroom"},
};
} // namespace

int personaCount()
{
    return int(std::size(personaSeeds));
}

QJsonObject persona(int index, const QString &base)
{
    const PersonaSeed &s = personaSeeds[index];
    const QString n = QString::number(index + 1);
    const QString image = base + QStringLiteral("/media/personas/persona_") + n
            + QStringLiteral(".jpg");
    auto video = [&](const QString &ratio) -> QString {
        return base + QStringLiteral("/media/renders/") + ratio + QStringLiteral("/persona-") + n
                + QStringLiteral(".mp4");
    };
    const QString stamp
            = QStringLiteral("2025-01-%1T09:00:00Z").arg(index + 1, 2, 10, QLatin1Char('0'));
    return QJsonObject{
            {QStringLiteral("id"), stableId(QStringLiteral("persona-") + n)},
            {QStringLiteral("created_at"), stamp},
            {QStringLiteral("updated_at"), stamp},
            {QStringLiteral("gender"), QLatin1String(s.gender)},
            {QStringLiteral("age_range"), QLatin1String(s.age)},
            {QStringLiteral("location"), QLatin1String(s.location)},
            {QStringLiteral("style"), QLatin1String(s.style)},
            {QStringLiteral("creator_name"), QLatin1String(s.name)},
            {QStringLiteral("suitable_industries"), QLatin1String(s.industries)},
            {QStringLiteral("video_scene"), QLatin1String(s.scene)},
            {QStringLiteral("keywords"), QLatin1String(s.industries)},
            {QStringLiteral("preview_image_16_9"), image},
            {QStringLiteral("preview_image_1_1"), image},
            {QStringLiteral("preview_image_9_16"), image},
            {QStringLiteral("preview_video_16_9"), video(QStringLiteral("16x9"))},
            {QStringLiteral("preview_video_1_1"), video(QStringLiteral("1x1"))},
            {QStringLiteral("preview_video_9_16"), video(QStringLiteral("9x16"))},
            {QStringLiteral("landscape_preview_video"), video(QStringLiteral("16x9"))},
            {QStringLiteral("squared_preview_video"), video(QStringLiteral("1x1"))},
            {QStringLiteral("portrait_preview_video"), video(QStringLiteral("9x16"))},
            {QStringLiteral("is_active"), true},
            {QStringLiteral("process_status"), QStringLiteral("done")},
            {QStringLiteral("failed_reason"), QJsonValue::Null},
            {QStringLiteral("type"), QStringLiteral("regular")},
    };
}

bool isPersona(const QString &id)
{
    for (int i = 0; i < personaCount(); ++i) {
        if (stableId(QStringLiteral("persona-") + QString::number(i + 1)) == id)
            return true;
    }
    return false;
}

namespace {
struct VoiceSeed
{
    const char *name;
    const char *gender;
    QList<const char *> accents;
};
const QList<VoiceSeed> &voiceSeeds()
{
    static const QList<VoiceSeed> v = {
            {"Aria", "female", {"American", "British"}},
            {"Bruno", "male", {"American"}},
            {"Camila", "female", {"Spanish", "Mexican", "Argentinian"}},
            {"Dmitri", "male", {"Russian", "Neutral"}},
            {"Emma", "female", {"Australian"}},
    };
    return v;
}
} // namespace

QJsonArray voices(const QString &base)
{
    QJsonArray out;
    int sample = 0;
    for (int v = 0; v < voiceSeeds().size(); ++v) {
        const VoiceSeed &seed = voiceSeeds().at(v);
        QJsonArray accents;
        for (int a = 0; a < seed.accents.size(); ++a) {
            const QString mp3 = base + QStringLiteral("/media/voices/voice_")
                    + QString::number(sample++ % 3 + 1) + QStringLiteral(".mp3");
            accents.append(
                    QJsonObject{{QStringLiteral("id"),
                                 stableId(QStringLiteral("accent-%1-%2").arg(v + 1).arg(a + 1))},
                                {QStringLiteral("accent_name"), QLatin1String(seed.accents.at(a))},
                                {QStringLiteral("preview_url"), mp3}});
        }
        out.append(QJsonObject{{QStringLiteral("name"), QLatin1String(seed.name)},
                               {QStringLiteral("gender"), QLatin1String(seed.gender)},
                               {QStringLiteral("accents"), accents}});
    }
    return out;
}

bool isAccent(const QString &id)
{
    for (int v = 0; v < voiceSeeds().size(); ++v) {
        for (int a = 0; a < voiceSeeds().at(v).accents.size(); ++a) {
            if (stableId(QStringLiteral("accent-%1-%2").arg(v + 1).arg(a + 1)) == id)
                return true;
        }
    }
    return false;
}

} // namespace Sandbox::Catalog

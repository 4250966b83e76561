#include "apitypes.h"

#include "apijsonfields_p.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace PreviewDeck {

using namespace ApiJsonFields;

double jsonNumber(const QJsonValue &value, double fallback)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        QString text = value.toString().trimmed();
        if (text.endsWith(QLatin1Char('%')))
            text.chop(1);
        const double number = text.toDouble(&ok);
        if (ok)
            return number;
    }
    return fallback;
}

double progressFraction(const QJsonValue &value)
{
    const double number = jsonNumber(value, 0);
    const double fraction = number > 1.0 ? number / 100.0 : number;
    return qBound(0.0, fraction, 1.0);
}

bool looksLikeUuid(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return pattern.match(text).hasMatch();
}

bool Link::fromWrapperJson(const QJsonObject &object, Link *out)
{
    Link link;
    link.id = str(object, "id");
    if (link.id.isEmpty())
        return false;
    link.url = urlOf(object, "url");
    const QJsonValue inner = object.value(QLatin1String("link"));
    if (inner.isObject()) {
        link.updateFromInnerJson(inner.toObject());
        link.innerId = str(inner.toObject(), "id");
    }
    *out = link;
    return true;
}

void Link::updateFromInnerJson(const QJsonObject &inner)
{
    if (inner.contains(QLatin1String("url")) && url.isEmpty())
        url = QUrl(str(inner, "url"));
    title = str(inner, "title");
    description = str(inner, "description");
    imageUrls = stringList(inner.value(QLatin1String("image_urls")));
    videoUrls = stringList(inner.value(QLatin1String("video_urls")));
    logoUrl = str(inner, "logo_url");
    aiSummary = str(inner, "ai_summary");
}

QJsonObject Link::toJson() const
{
    QJsonObject inner{{QStringLiteral("id"), innerId},
                      {QStringLiteral("url"), url.toString()},
                      {QStringLiteral("title"), title},
                      {QStringLiteral("description"), description},
                      {QStringLiteral("image_urls"), toArray(imageUrls)},
                      {QStringLiteral("video_urls"), toArray(videoUrls)},
                      {QStringLiteral("logo_url"), logoUrl},
                      {QStringLiteral("ai_summary"), aiSummary}};
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("url"), url.toString()},
                       {QStringLiteral("link"), inner}};
}

QJsonObject LinkParams::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("title"), title);
    object.insert(QStringLiteral("description"), description);
    object.insert(QStringLiteral("image_urls"), toArray(imageUrls));
    object.insert(QStringLiteral("video_urls"), toArray(videoUrls));
    putIfNotEmpty(object, "logo_url", logoUrl);
    return object;
}

namespace {
Preview previewFromJson(const QJsonObject &object)
{
    Preview preview;
    preview.mediaJob = str(object, "media_job");
    preview.visualStyle = str(object, "visual_style");
    preview.aspectRatio = str(object, "aspect_ratio");
    preview.url = urlOf(object, "url");
    preview.editorUrl = urlOf(object, "editor_url");
    preview.duration = integer(object, "duration");
    return preview;
}

RenderOutput outputFromJson(const QJsonObject &object)
{
    RenderOutput output;
    output.mediaJob = str(object, "media_job");
    output.visualStyle = str(object, "visual_style");
    output.aspectRatio = str(object, "aspect_ratio");
    output.status = JobStatus::fromApiName(str(object, "status"));
    output.progress = progressFraction(object.value(QLatin1String("progress")));
    output.videoOutput = urlOf(object, "video_output");
    if (output.videoOutput.isEmpty())
        output.videoOutput = urlOf(object, "output");
    output.videoThumbnail = urlOf(object, "video_thumbnail");
    output.failedReason = str(object, "failed_reason");
    output.duration = integer(object, "duration");
    return output;
}
} // namespace

bool VideoJob::fromJson(const QJsonObject &object, VideoJob *out)
{
    VideoJob job;
    job.id = str(object, "id");
    if (job.id.isEmpty())
        return false;
    job.linkId = str(object, "link");
    if (job.linkId.isEmpty()) // some answers nest the link object
        job.linkId = str(object.value(QLatin1String("link")).toObject(), "id");
    job.name = str(object, "name");
    job.status = JobStatus::fromApiName(str(object, "status"));
    job.progress = progressFraction(object.value(QLatin1String("progress")));
    job.failedReason = str(object, "failed_reason");
    job.mediaJob = str(object, "media_job");
    job.aspectRatio = str(object, "aspect_ratio");
    job.videoLength = integer(object, "video_length");
    job.modelVersion = str(object, "model_version");
    job.visualStyles = stringList(object.value(QLatin1String("visual_styles")));
    const QJsonArray previews = object.value(QLatin1String("previews")).toArray();
    for (const QJsonValue &value : previews)
        if (value.isObject())
            job.previews << previewFromJson(value.toObject());
    const QJsonArray outputs = object.value(QLatin1String("outputs")).toArray();
    for (const QJsonValue &value : outputs)
        if (value.isObject())
            job.outputs << outputFromJson(value.toObject());
    job.videoOutput = urlOf(object, "video_output");
    if (job.videoOutput.isEmpty())
        job.videoOutput = urlOf(object, "output");
    job.videoThumbnail = urlOf(object, "video_thumbnail");
    job.creditsUsed = jsonNumber(object.value(QLatin1String("credits_used")), 0);
    job.duration = integer(object, "duration");
    job.topLevel = outputFromJson(object);
    *out = job;
    return true;
}

QJsonObject PreviewListRequest::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("link"), linkId);
    putIfNotEmpty(object, "name", name);
    putIfNotEmpty(object, "target_platform", targetPlatform);
    putIfNotEmpty(object, "target_audience", targetAudience);
    putIfNotEmpty(object, "language", language);
    object.insert(QStringLiteral("video_length"), videoLength);
    putIfNotEmpty(object, "aspect_ratio", aspectRatio);
    putIfNotEmpty(object, "script_style", scriptStyle);
    object.insert(QStringLiteral("visual_styles"), toArray(visualStyles));
    putIfNotEmpty(object, "model_version", modelVersion);
    putIfNotEmpty(object, "override_avatar", overrideAvatar);
    putIfNotEmpty(object, "override_voice", overrideVoice);
    putIfNotEmpty(object, "override_script", overrideScript);
    object.insert(QStringLiteral("no_background_music"), noBackgroundMusic);
    object.insert(QStringLiteral("no_caption"), noCaption);
    object.insert(QStringLiteral("no_emotion"), noEmotion);
    object.insert(QStringLiteral("no_cta"), noCta);
    object.insert(QStringLiteral("no_stock_broll"), noStockBroll);
    return object;
}

PreviewListRequest PreviewListRequest::fromJson(const QJsonObject &object)
{
    PreviewListRequest request;
    request.linkId = str(object, "link");
    request.name = str(object, "name");
    request.targetPlatform = str(object, "target_platform");
    request.targetAudience = str(object, "target_audience");
    request.language = str(object, "language");
    request.videoLength = integer(object, "video_length");
    request.aspectRatio = str(object, "aspect_ratio");
    request.scriptStyle = str(object, "script_style");
    request.visualStyles = stringList(object.value(QLatin1String("visual_styles")));
    request.modelVersion = str(object, "model_version");
    request.overrideAvatar = str(object, "override_avatar");
    request.overrideVoice = str(object, "override_voice");
    request.overrideScript = str(object, "override_script");
    request.noBackgroundMusic = object.value(QLatin1String("no_background_music")).toBool();
    request.noCaption = object.value(QLatin1String("no_caption")).toBool();
    request.noEmotion = object.value(QLatin1String("no_emotion")).toBool();
    request.noCta = object.value(QLatin1String("no_cta")).toBool();
    request.noStockBroll = object.value(QLatin1String("no_stock_broll")).toBool();
    return request;
}

bool Persona::fromJson(const QJsonObject &object, Persona *out)
{
    Persona p;
    p.id = str(object, "id");
    if (p.id.isEmpty())
        return false;
    p.creatorName = str(object, "creator_name");
    p.gender = str(object, "gender");
    p.ageRange = str(object, "age_range");
    p.style = str(object, "style");
    p.location = str(object, "location");
    p.previewImage16x9 = urlOf(object, "preview_image_16_9");
    p.previewImage9x16 = urlOf(object, "preview_image_9_16");
    p.previewImage1x1 = urlOf(object, "preview_image_1_1");
    p.isActive = object.value(QLatin1String("is_active")).toBool(true);
    *out = p;
    return true;
}

bool Voice::fromJson(const QJsonObject &object, Voice *out)
{
    Voice v;
    v.name = str(object, "name");
    v.gender = str(object, "gender");
    const QJsonArray accents = object.value(QLatin1String("accents")).toArray();
    for (const QJsonValue &value : accents) {
        const QJsonObject accent = value.toObject();
        VoiceAccent a;
        a.id = str(accent, "id");
        a.name = str(accent, "accent_name");
        a.previewUrl = urlOf(accent, "preview_url");
        if (!a.id.isEmpty())
            v.accents << a;
    }
    if (v.name.isEmpty() && v.accents.isEmpty())
        return false;
    *out = v;
    return true;
}

} // namespace PreviewDeck

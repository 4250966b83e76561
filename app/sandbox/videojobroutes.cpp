#include "videojobroutes.h"

#include "catalog.h"
#include "jsonviews.h"
#include "requestchecks.h"
#include "sandboxstate.h"

#include <QJsonArray>

#include <cmath>

namespace Sandbox::VideoJobRoutes {

HttpResponse createPreviewList(ApiContext &ctx, const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    FieldErrors errors;

    const QJsonValue linkValue = body.value(QStringLiteral("link"));
    const QString linkId = linkValue.toString();
    if (linkValue.isUndefined() || linkValue.isNull())
        errors.add(QStringLiteral("link"), RequiredMessage);
    else if (!linkValue.isString() || !isUuid(linkId))
        errors.add(QStringLiteral("link"), QStringLiteral("Must be a valid UUID."));
    else if (!ctx.state.links.contains(linkId))
        errors.add(QStringLiteral("link"),
                   QStringLiteral("Invalid pk \"%1\" - object does not exist.").arg(linkId));

    auto choiceList = [&](const QString &key, const QStringList &choices, bool required,
                          QStringList *out) {
        const QJsonValue v = body.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                errors.add(key, RequiredMessage);
            return;
        }
        if (!v.isArray()) {
            errors.add(key,
                       QStringLiteral("Expected a list of items but got type \"%1\".")
                               .arg(v.isString() ? QStringLiteral("str") : QStringLiteral("dict")));
            return;
        }
        if (v.toArray().isEmpty()) {
            if (required)
                errors.add(key, QStringLiteral("This list may not be empty."));
            return;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString() || !choices.contains(item.toString()))
                errors.add(key, choiceError(item));
            else if (!out->contains(item.toString()))
                out->append(item.toString());
        }
    };
    auto choice = [&](const QString &key, const QStringList &choices, const QString &def) {
        const QJsonValue v = body.value(key);
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isString() || !choices.contains(v.toString())) {
            errors.add(key, choiceError(v));
            return def;
        }
        return v.toString();
    };
    QStringList styles, ratios;
    choiceList(QStringLiteral("visual_styles"), Catalog::visualStyles(), true, &styles);
    choiceList(QStringLiteral("aspect_ratios"), Catalog::aspectRatios(), false, &ratios);
    const QString aspectRatio = choice(QStringLiteral("aspect_ratio"), Catalog::aspectRatios(),
                                       QStringLiteral("16x9"));
    const QString language = choice(QStringLiteral("language"), Catalog::languages(),
                                    QStringLiteral("en"));
    const QString model = choice(QStringLiteral("model_version"), Catalog::modelVersions(),
                                 QStringLiteral("standard"));
    int videoLength = 30;
    const QJsonValue lengthValue = body.value(QStringLiteral("video_length"));
    if (!lengthValue.isUndefined() && !lengthValue.isNull()) {
        const double d = lengthValue.isString() ? lengthValue.toString().toDouble()
                                                : lengthValue.toDouble(-1);
        if (!Catalog::videoLengths().contains(int(d)) || d != int(d))
            errors.add(QStringLiteral("video_length"), choiceError(lengthValue));
        else
            videoLength = int(d);
    }
    const QList<QPair<QString, int>> maxLengths = {{QStringLiteral("name"), 255},
                                                   {QStringLiteral("webhook_url"), 200},
                                                   {QStringLiteral("background_music_url"), 255}};
    for (const auto &ml : maxLengths) {
        if (body.value(ml.first).toString().size() > ml.second)
            errors.add(ml.first,
                       QStringLiteral("Ensure this field has no more than %1 characters.")
                               .arg(ml.second));
    }
    if (!errors.isEmpty())
        return errors.response();
    if (ratios.isEmpty())
        ratios.append(aspectRatio);

    const int previewCount = int(styles.size() * ratios.size());
    const double cost = double(previewCount) * blocks30(videoLength);
    if (!affordable(ctx.state, cost, &error))
        return error;

    VideoJob job;
    job.id = newId();
    job.linkId = linkId;
    job.videoLength = videoLength;
    job.modelVersion = model;
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.scriptStyle
            = body.value(QStringLiteral("script_style")).toString(QStringLiteral("DiscoveryWriter"));
    auto echo = [&](const QString &key, const QJsonValue &def) {
        const QJsonValue v = body.value(key);
        job.echo.insert(key, v.isUndefined() ? def : v);
    };
    const QJsonValue null(QJsonValue::Null);
    job.echo.insert(QStringLiteral("link"), linkId);
    echo(QStringLiteral("name"), null);
    echo(QStringLiteral("target_platform"), null);
    echo(QStringLiteral("target_audience"), null);
    job.echo.insert(QStringLiteral("language"), language);
    job.echo.insert(QStringLiteral("video_length"), videoLength);
    job.echo.insert(QStringLiteral("aspect_ratio"), aspectRatio);
    job.echo.insert(QStringLiteral("script_style"), job.scriptStyle);
    echo(QStringLiteral("visual_style"), null);
    job.echo.insert(QStringLiteral("model_version"), model);
    for (const char *key :
         {"override_avatar", "override_voice", "override_script", "background_music_url",
          "background_music_volume", "voiceover_volume", "webhook_url", "caption_style",
          "caption_offset_x", "caption_offset_y", "caption_setting"})
        echo(QLatin1String(key), null);
    for (const char *key : {"no_background_music", "no_caption", "no_emotion", "no_cta",
                            "no_stock_broll", "is_hidden"})
        echo(QLatin1String(key), false);
    job.echo.insert(QStringLiteral("visual_styles"), QJsonArray::fromStringList(styles));
    job.echo.insert(QStringLiteral("aspect_ratios"), QJsonArray::fromStringList(ratios));

    for (const QString &style : std::as_const(styles)) {
        for (const QString &ratio : std::as_const(ratios)) {
            Preview p{newId(), style, ratio, videoLength};
            ctx.state.previewOwner.insert(p.mediaJob, job.id);
            job.previews.append(p);
        }
    }
    job.previewPhase.startMs = SandboxState::nowMs();
    job.previewPhase.steps = previewCount + 2;
    applyJobFault(ctx.faults, r, &job.previewPhase);
    job.creditsUsed = int(std::ceil(cost));
    ctx.state.charge(cost);
    ctx.state.videoJobs.insert(job.id, job);
    ctx.state.videoJobOrder.append(job.id);
    return HttpResponse::json(200,
                              JsonViews::videoJob(ctx.state, job, ctx.base, SandboxState::nowMs()));
}

HttpResponse get(const ApiContext &ctx, const QString &id)
{
    const qint64 now = SandboxState::nowMs();
    return showOne(ctx.state.videoJobs, id, [&](const VideoJob &item) {
        return JsonViews::videoJob(ctx.state, item, ctx.base, now);
    });
}

HttpResponse list(const ApiContext &ctx, const HttpRequest &r)
{
    const qint64 now = SandboxState::nowMs();
    return listFiltered(r, ctx.state.videoJobs, ctx.state.videoJobOrder, [&](const VideoJob &item) {
        return JsonViews::videoJob(ctx.state, item, ctx.base, now);
    });
}

HttpResponse renderSinglePreview(ApiContext &ctx, const HttpRequest &r, const QString &id)
{
    auto it = ctx.state.videoJobs.find(id);
    if (it == ctx.state.videoJobs.end())
        return notFound();
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    VideoJob &job = it.value();
    const QJsonValue mj = body.value(QStringLiteral("media_job"));
    FieldErrors errors;
    const Preview *preview = nullptr;
    const qint64 now = SandboxState::nowMs();
    const int visible = ctx.state.visiblePreviews(job, now);
    for (int i = 0; i < visible; ++i) {
        if (job.previews.at(i).mediaJob == mj.toString())
            preview = &job.previews.at(i);
    }
    if (mj.isUndefined() || mj.isNull() || mj.toString().isEmpty())
        errors.add(QStringLiteral("media_job"), RequiredMessage);
    else if (!preview)
        errors.add(QStringLiteral("media_job"),
                   QStringLiteral("\"%1\" is not a preview of this job.").arg(mj.toString()));
    if (!errors.isEmpty())
        return errors.response();

    const double cost = renderCost(job.modelVersion, job.videoLength);
    if (!affordable(ctx.state, cost, &error))
        return error;
    Render render{newId(), preview->visualStyle, preview->aspectRatio, job.videoLength, Phase{}};
    render.phase.startMs = now;
    render.phase.steps = 3;
    applyJobFault(ctx.faults, r, &render.phase);
    job.renders.append(render);
    job.creditsUsed += int(std::ceil(cost));
    ctx.state.charge(cost);
    return HttpResponse::json(200, JsonViews::videoJob(ctx.state, job, ctx.base, now));
}

} // namespace Sandbox::VideoJobRoutes

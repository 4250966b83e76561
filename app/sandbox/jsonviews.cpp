#include "jsonviews.h"

#include <QJsonArray>

namespace Sandbox::JsonViews {

namespace {
QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject innerLink(const Link &l)
{
    return QJsonObject{
            {QStringLiteral("id"), l.innerId},
            {QStringLiteral("url"), l.url},
            {QStringLiteral("title"), l.title},
            {QStringLiteral("description"), l.description},
            {QStringLiteral("image_urls"), QJsonArray::fromStringList(l.imageUrls)},
            {QStringLiteral("video_urls"), QJsonArray::fromStringList(l.videoUrls)},
            {QStringLiteral("reviews"), l.reviews},
            {QStringLiteral("logo_url"), l.logoUrl},
            {QStringLiteral("ai_summary"), l.aiSummary},
            {QStringLiteral("ai_target_audiences"), l.aiTargetAudiences},
    };
}

QJsonObject link(const Link &l)
{
    return QJsonObject{{QStringLiteral("id"), l.id},
                       {QStringLiteral("url"), l.url},
                       {QStringLiteral("link"), innerLink(l)}};
}

QString previewPageUrl(const QString &base, const QDateTime &created, const QString &mediaJob)
{
    return base + QStringLiteral("/preview?layout=videos/")
            + created.toUTC().toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('/') + mediaJob
            + QStringLiteral(".json");
}

QString renderUrl(const QString &base, const QString &ratio, const QString &mediaJob)
{
    return base + QStringLiteral("/media/renders/") + ratio + QLatin1Char('/') + mediaJob
            + QStringLiteral(".mp4");
}

QString thumbnailUrl(const QString &base, const QString &ratio, const QString &mediaJob)
{
    return base + QStringLiteral("/media/thumbs/") + ratio + QLatin1Char('/') + mediaJob
            + QStringLiteral(".jpg");
}

QJsonObject videoJob(const SandboxState &state, const VideoJob &job, const QString &base, qint64 now)
{
    QJsonObject o = job.echo;
    o.insert(QStringLiteral("id"), job.id);
    o.insert(QStringLiteral("credits_used"), job.creditsUsed);
    o.insert(QStringLiteral("duration"), job.videoLength);
    o.insert(QStringLiteral("editor_url"), QJsonValue::Null);

    QJsonArray previews;
    const int visible = state.visiblePreviews(job, now);
    for (int i = 0; i < visible; ++i) {
        const Preview &p = job.previews.at(i);
        previews.append(QJsonObject{
                {QStringLiteral("media_job"), p.mediaJob},
                {QStringLiteral("visual_style"), p.visualStyle},
                {QStringLiteral("aspect_ratio"), p.aspectRatio},
                {QStringLiteral("url"), previewPageUrl(base, job.createdAt, p.mediaJob)},
                {QStringLiteral("editor_url"), QJsonValue::Null},
                {QStringLiteral("duration"), p.duration}});
    }
    o.insert(QStringLiteral("previews"), previews);
    o.insert(QStringLiteral("preview"),
             visible > 0 ? QJsonValue(previews.at(0).toObject().value(QStringLiteral("url")))
                         : QJsonValue(QJsonValue::Null));

    QJsonArray outputs;
    QJsonObject latest;
    for (const Render &r : job.renders) {
        const QString status = state.status(r.phase, now);
        const bool done = status == QLatin1String("done");
        const QJsonObject out{
                {QStringLiteral("media_job"), r.mediaJob},
                {QStringLiteral("visual_style"), r.visualStyle},
                {QStringLiteral("aspect_ratio"), r.aspectRatio},
                {QStringLiteral("duration"), r.duration},
                {QStringLiteral("video_output"),
                 done ? QJsonValue(renderUrl(base, r.aspectRatio, r.mediaJob))
                      : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("video_thumbnail"),
                 done ? QJsonValue(thumbnailUrl(base, r.aspectRatio, r.mediaJob))
                      : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("status"), status},
                {QStringLiteral("progress"), state.progress(r.phase, now)},
                {QStringLiteral("failed_reason"),
                 state.stepOf(r.phase, now) >= r.phase.steps && r.phase.outcome != Outcome::Done
                         ? orNull(r.phase.failedReason)
                         : QJsonValue(QJsonValue::Null)},
        };
        outputs.append(out);
        latest = out;
    }
    o.insert(QStringLiteral("outputs"), outputs);

    if (!job.renders.isEmpty()) {
        // The top level mirrors the latest render (docs/decisions.md).
        o.insert(QStringLiteral("media_job"), latest.value(QStringLiteral("media_job")));
        o.insert(QStringLiteral("status"), latest.value(QStringLiteral("status")));
        o.insert(QStringLiteral("failed_reason"), latest.value(QStringLiteral("failed_reason")));
        o.insert(QStringLiteral("video_output"), latest.value(QStringLiteral("video_output")));
        o.insert(QStringLiteral("video_thumbnail"), latest.value(QStringLiteral("video_thumbnail")));
        o.insert(QStringLiteral("progress"),
                 QString::number(latest.value(QStringLiteral("progress")).toDouble(), 'f', 2));
        o.insert(QStringLiteral("visual_style"), latest.value(QStringLiteral("visual_style")));
        o.insert(QStringLiteral("aspect_ratio"), latest.value(QStringLiteral("aspect_ratio")));
    } else {
        const QString status = state.status(job.previewPhase, now);
        const bool terminal = state.stepOf(job.previewPhase, now) >= job.previewPhase.steps;
        o.insert(QStringLiteral("media_job"), QJsonValue::Null);
        o.insert(QStringLiteral("status"), status);
        o.insert(QStringLiteral("failed_reason"),
                 terminal && job.previewPhase.outcome != Outcome::Done
                         ? orNull(job.previewPhase.failedReason)
                         : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("video_output"), QJsonValue::Null);
        o.insert(QStringLiteral("video_thumbnail"), QJsonValue::Null);
        o.insert(QStringLiteral("progress"),
                 QString::number(state.progress(job.previewPhase, now), 'f', 2));
    }
    return o;
}

QJsonObject templateJob(const SandboxState &state, const TemplateJob &job, const QString &base,
                        qint64 now)
{
    const Catalog::Template *t = Catalog::findTemplate(job.templateId);
    const QString ratio = t ? t->aspectRatio : QStringLiteral("16x9");
    const Phase &phase = job.rendered ? job.renderPhase : job.previewPhase;
    const QString status = state.status(phase, now);
    const bool terminal = state.stepOf(phase, now) >= phase.steps;
    const bool previewDone = state.status(job.previewPhase, now) == QLatin1String("done");
    const bool renderDone = job.rendered && status == QLatin1String("done");
    const qint64 changed = state.lastChangeMs(phase, now);
    // The documented field is `video_output`; the render webhook calls it `output`
    // (creatify-api.md §9), so both carry the MP4 URL once a render is done.
    const QJsonValue output = renderDone ? QJsonValue(renderUrl(base, ratio, job.renderMediaJob))
                                         : QJsonValue(QJsonValue::Null);
    return QJsonObject{
            {QStringLiteral("id"), job.id},
            {QStringLiteral("created_at"), isoTime(job.createdAt)},
            {QStringLiteral("updated_at"),
             isoTime(QDateTime::fromMSecsSinceEpoch(
                     qMax(changed, job.createdAt.toMSecsSinceEpoch()), Qt::UTC))},
            {QStringLiteral("name"), job.name},
            {QStringLiteral("variables"), job.variables},
            {QStringLiteral("media_job"),
             job.rendered ? QJsonValue(job.renderMediaJob) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("video_output"), output},
            {QStringLiteral("output"), output},
            {QStringLiteral("preview"),
             previewDone ? QJsonValue(previewPageUrl(base, job.createdAt, job.previewMediaJob))
                         : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("editor_url"), QJsonValue::Null},
            // A string, "" until the job fails (never null, unlike on link_to_videos jobs).
            {QStringLiteral("failed_reason"),
             terminal && phase.outcome != Outcome::Done ? phase.failedReason : QString()},
            {QStringLiteral("credits_used"), job.creditsUsed},
            {QStringLiteral("duration"), job.duration},
            {QStringLiteral("status"), status},
            {QStringLiteral("progress"), state.progress(phase, now)},
            {QStringLiteral("webhook_url"), job.webhookUrl},
            {QStringLiteral("model_version"), job.modelVersion},
            {QStringLiteral("is_hidden"), job.isHidden},
    };
}

QJsonObject templateSummary(const Catalog::Template &t, const QString &base)
{
    return QJsonObject{
            {QStringLiteral("template_id"), t.id},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("preview"),
             renderUrl(base, t.aspectRatio, QStringLiteral("template-") + t.id)},
            {QStringLiteral("aspect_ratio"), t.aspectRatio},
            {QStringLiteral("duration"), t.duration},
            {QStringLiteral("created_at"), QStringLiteral("2025-02-01T12:00:00Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2025-02-03T12:00:00Z")},
    };
}

QJsonObject templateDetail(const Catalog::Template &t, const QString &base)
{
    QJsonObject o = templateSummary(t, base);
    QJsonObject vars;
    for (const auto &v : t.variables) {
        QString value = v.defaultValue;
        if (value.startsWith(QLatin1Char('/')))
            value = base + value;
        vars.insert(v.name,
                    QJsonObject{{QStringLiteral("type"), v.type},
                                {QStringLiteral("properties"),
                                 QJsonObject{{Catalog::propertyKey(v.type), value}}},
                                {QStringLiteral("required"), v.required}});
    }
    o.insert(QStringLiteral("variables"), vars);
    return o;
}

} // namespace Sandbox::JsonViews

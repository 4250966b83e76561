#include "templateroutes.h"

#include "catalog.h"
#include "jsonviews.h"
#include "requestchecks.h"
#include "sandboxstate.h"

#include <QJsonArray>

#include <cmath>

namespace Sandbox::TemplateRoutes {

HttpResponse listTemplates(const ApiContext &ctx)
{
    QJsonArray out;
    for (const auto &t : Catalog::templates())
        out.append(JsonViews::templateSummary(t, ctx.base));
    return HttpResponse::json(200, out);
}

HttpResponse getTemplate(const ApiContext &ctx, const QString &id)
{
    const Catalog::Template *t = Catalog::findTemplate(id);
    if (!t)
        return notFound();
    return HttpResponse::json(200, JsonViews::templateDetail(*t, ctx.base));
}

HttpResponse createPreview(ApiContext &ctx, const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    FieldErrors errors;
    const QString V = QStringLiteral("variables");

    const QJsonValue tid = body.value(QStringLiteral("template_id"));
    const Catalog::Template *tmpl = nullptr;
    if (tid.isUndefined() || tid.isNull())
        errors.add(QStringLiteral("template_id"), RequiredMessage);
    else if (!tid.isString() || !isUuid(tid.toString()))
        errors.add(QStringLiteral("template_id"), QStringLiteral("Must be a valid UUID."));
    else if (!(tmpl = Catalog::findTemplate(tid.toString())))
        errors.add(QStringLiteral("template_id"),
                   QStringLiteral("Invalid pk \"%1\" - object does not exist.").arg(tid.toString()));

    const QJsonValue varsValue = body.value(V);
    if (varsValue.isUndefined() || varsValue.isNull())
        errors.add(V, RequiredMessage);
    else if (!varsValue.isObject())
        errors.add(
                V,
                QStringLiteral("Expected a dictionary of items but got type \"%1\".")
                        .arg(varsValue.isArray() ? QStringLiteral("list") : QStringLiteral("str")));
    const QJsonObject vars = varsValue.toObject();
    if (tmpl && varsValue.isObject()) {
        for (auto it = vars.constBegin(); it != vars.constEnd(); ++it) {
            const Catalog::TemplateVariable *def = nullptr;
            for (const auto &v : tmpl->variables) {
                if (v.name == it.key())
                    def = &v;
            }
            if (!def) {
                errors.add(V,
                           QStringLiteral("Unknown variable \"%1\" for template \"%2\".")
                                   .arg(it.key(), tmpl->name));
                continue;
            }
            const QJsonObject var = it.value().toObject();
            if (!it.value().isObject()
                || var.value(QStringLiteral("type")).toString() != def->type) {
                errors.add(V,
                           QStringLiteral("Variable \"%1\" must have type \"%2\".")
                                   .arg(it.key(), def->type));
                continue;
            }
            const QString key = Catalog::propertyKey(def->type);
            const QJsonValue prop = var.value(QStringLiteral("properties")).toObject().value(key);
            if (!prop.isString()) {
                errors.add(V,
                           QStringLiteral("Variable \"%1\" needs properties.%2 (a string).")
                                   .arg(it.key(), key));
                continue;
            }
            const QString value = prop.toString();
            if (key == QLatin1String("url") && !isHttpUrl(value))
                errors.add(V,
                           QStringLiteral("Variable \"%1\": \"%2\" is not a valid http(s) URL.")
                                   .arg(it.key(), value));
            else if (key == QLatin1String("avatar_id") && !Catalog::isPersona(value))
                errors.add(V,
                           QStringLiteral("Variable \"%1\": avatar \"%2\" does not exist.")
                                   .arg(it.key(), value));
            else if (key == QLatin1String("voice_id") && !Catalog::isAccent(value))
                errors.add(V,
                           QStringLiteral("Variable \"%1\": voice \"%2\" does not exist.")
                                   .arg(it.key(), value));
        }
        for (const auto &v : tmpl->variables) {
            if (v.required && !vars.contains(v.name))
                errors.add(V, QStringLiteral("Variable \"%1\" is required.").arg(v.name));
        }
    }
    const QJsonValue modelValue = body.value(QStringLiteral("model_version"));
    QString model = QStringLiteral("standard");
    if (!modelValue.isUndefined() && !modelValue.isNull()) {
        if (!Catalog::modelVersions().contains(modelValue.toString()))
            errors.add(QStringLiteral("model_version"), choiceError(modelValue));
        else
            model = modelValue.toString();
    }
    if (body.value(QStringLiteral("name")).toString().size() > 255)
        errors.add(QStringLiteral("name"),
                   QStringLiteral("Ensure this field has no more than 255 characters."));
    if (body.value(QStringLiteral("webhook_url")).toString().size() > 200)
        errors.add(QStringLiteral("webhook_url"),
                   QStringLiteral("Ensure this field has no more than 200 characters."));
    if (!errors.isEmpty())
        return errors.response();

    const double cost = blocks30(tmpl->duration);
    if (!affordable(ctx.state, cost, &error))
        return error;
    TemplateJob job;
    job.id = newId();
    job.templateId = tmpl->id;
    job.variables = vars;
    job.name = body.value(QStringLiteral("name")).isUndefined()
            ? QJsonValue(QJsonValue::Null)
            : body.value(QStringLiteral("name"));
    job.webhookUrl = body.value(QStringLiteral("webhook_url")).isUndefined()
            ? QJsonValue(QJsonValue::Null)
            : body.value(QStringLiteral("webhook_url"));
    job.modelVersion = model;
    job.isHidden = body.value(QStringLiteral("is_hidden")).toBool(false);
    job.duration = tmpl->duration;
    job.previewMediaJob = newId();
    job.previewPhase.startMs = SandboxState::nowMs();
    job.previewPhase.steps = 3;
    applyJobFault(ctx.faults, r, &job.previewPhase);
    job.creditsUsed = int(cost);
    job.createdAt = QDateTime::currentDateTimeUtc();
    ctx.state.charge(cost);
    ctx.state.previewOwner.insert(job.previewMediaJob, job.id);
    ctx.state.templateJobs.insert(job.id, job);
    ctx.state.templateJobOrder.append(job.id);
    return HttpResponse::json(
            201, JsonViews::templateJob(ctx.state, job, ctx.base, SandboxState::nowMs()));
}

HttpResponse getJob(const ApiContext &ctx, const QString &id)
{
    const qint64 now = SandboxState::nowMs();
    return showOne(ctx.state.templateJobs, id, [&](const TemplateJob &item) {
        return JsonViews::templateJob(ctx.state, item, ctx.base, now);
    });
}

HttpResponse listJobs(const ApiContext &ctx, const HttpRequest &r)
{
    const qint64 now = SandboxState::nowMs();
    return listFiltered(r, ctx.state.templateJobs, ctx.state.templateJobOrder,
                        [&](const TemplateJob &item) {
                            return JsonViews::templateJob(ctx.state, item, ctx.base, now);
                        });
}

HttpResponse renderJob(ApiContext &ctx, const HttpRequest &r, const QString &id)
{
    auto it = ctx.state.templateJobs.find(id);
    if (it == ctx.state.templateJobs.end())
        return notFound();
    TemplateJob &job = it.value();
    const qint64 now = SandboxState::nowMs();
    if (ctx.state.status(job.previewPhase, now) != QLatin1String("done"))
        return HttpResponse::detail(
                400,
                QStringLiteral("The preview of this job is not done yet; render it once its "
                               "status is done."));
    const double cost = renderCost(job.modelVersion, job.duration);
    HttpResponse error;
    if (!affordable(ctx.state, cost, &error))
        return error;
    job.rendered = true;
    job.renderMediaJob = newId();
    job.renderPhase = Phase{};
    job.renderPhase.startMs = now;
    job.renderPhase.steps = 3;
    applyJobFault(ctx.faults, r, &job.renderPhase);
    job.creditsUsed += int(std::ceil(cost));
    ctx.state.charge(cost);
    return HttpResponse::json(200, JsonViews::templateJob(ctx.state, job, ctx.base, now));
}

} // namespace Sandbox::TemplateRoutes

#include "templatejobs.h"

#include "endpointpaths.h"

#include <QJsonArray>
#include <QJsonObject>

namespace PreviewDeck {

namespace {
bool parseJob(const QJsonDocument &document, TemplateJob *job, QString *whyNot)
{
    if (!document.isObject() || !TemplateJob::fromJson(document.object(), job)) {
        *whyNot = QStringLiteral("expected a custom template job with an id");
        return false;
    }
    return true;
}

QJsonArray listOf(const QJsonDocument &document)
{
    if (document.isObject())
        return document.object().value(QLatin1String("results")).toArray();
    return document.array();
}
} // namespace

ListTemplatesJob::ListTemplatesJob(ApiClient *client, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("custom_templates"), parent)
{
}

bool ListTemplatesJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    if (!document.isArray() && !document.isObject()) {
        *whyNot = QStringLiteral("expected a list of templates");
        return false;
    }
    const QJsonArray array = listOf(document);
    for (const QJsonValue &value : array) {
        CustomTemplate t;
        if (CustomTemplate::fromJson(value.toObject(), &t))
            m_templates << t;
    }
    return true;
}

GetTemplateJob::GetTemplateJob(ApiClient *client, const QString &templateId, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("custom_templates", templateId), parent)
{
}

bool GetTemplateJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    if (!document.isObject() || !CustomTemplate::fromJson(document.object(), &m_template)) {
        *whyNot = QStringLiteral("expected a template with an id");
        return false;
    }
    return true;
}

CreateTemplatePreviewJob::CreateTemplatePreviewJob(ApiClient *client,
                                                   const TemplateJobRequest &request,
                                                   QObject *parent)
    : ApiJob(client, HttpVerb::Post,
             resourcePath("custom_template_jobs", QString(), "preview_async"), parent)
{
    setJsonBody(QJsonDocument(request.toJson()));
}

bool CreateTemplatePreviewJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseJob(document, &m_job, whyNot);
}

GetTemplateJobJob::GetTemplateJobJob(ApiClient *client, const QString &jobId, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("custom_template_jobs", jobId), parent)
{
}

bool GetTemplateJobJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseJob(document, &m_job, whyNot);
}

ListTemplateJobsJob::ListTemplateJobsJob(ApiClient *client, const QStringList &ids, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("custom_template_jobs"), parent)
{
    Q_ASSERT(ids.size() <= MaxIds);
    QUrlQuery query;
    if (!ids.isEmpty())
        query.addQueryItem(QStringLiteral("ids"), ids.join(QLatin1Char(',')));
    setQuery(query);
}

bool ListTemplateJobsJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    if (!document.isArray() && !document.isObject()) {
        *whyNot = QStringLiteral("expected a list of template jobs");
        return false;
    }
    const QJsonArray array = listOf(document);
    for (const QJsonValue &value : array) {
        TemplateJob job;
        if (TemplateJob::fromJson(value.toObject(), &job))
            m_jobs << job;
    }
    return true;
}

RenderTemplateJob::RenderTemplateJob(ApiClient *client, const QString &jobId, QObject *parent)
    : ApiJob(client, HttpVerb::Post, resourcePath("custom_template_jobs", jobId, "render"), parent)
{
    // An empty JSON object rather than no body: only a body can be made unrepeatable (ApiJob).
    setJsonBody(QJsonDocument(QJsonObject()));
}

bool RenderTemplateJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseJob(document, &m_job, whyNot);
}

} // namespace PreviewDeck

#include "videojobs.h"

#include "endpointpaths.h"

#include <QJsonArray>
#include <QJsonObject>

namespace PreviewDeck {

namespace {
bool parseJob(const QJsonDocument &document, VideoJob *job, QString *whyNot)
{
    if (!document.isObject() || !VideoJob::fromJson(document.object(), job)) {
        *whyNot = QStringLiteral("expected a link_to_videos job with an id");
        return false;
    }
    return true;
}
} // namespace

CreatePreviewListJob::CreatePreviewListJob(ApiClient *client, const PreviewListRequest &request,
                                           QObject *parent)
    : ApiJob(client, HttpVerb::Post,
             resourcePath("link_to_videos", QString(), "preview_list_async"), parent)
{
    setJsonBody(QJsonDocument(request.toJson()));
}

bool CreatePreviewListJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseJob(document, &m_job, whyNot);
}

GetVideoJobJob::GetVideoJobJob(ApiClient *client, const QString &jobId, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("link_to_videos", jobId), parent)
{
}

bool GetVideoJobJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseJob(document, &m_job, whyNot);
}

ListVideoJobsJob::ListVideoJobsJob(ApiClient *client, const QStringList &ids, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("link_to_videos"), parent)
{
    Q_ASSERT(ids.size() <= MaxIds);
    QUrlQuery query;
    if (!ids.isEmpty())
        query.addQueryItem(QStringLiteral("ids"), ids.join(QLatin1Char(',')));
    setQuery(query);
}

bool ListVideoJobsJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    QJsonArray array = document.array();
    if (document.isObject() && document.object().value(QLatin1String("results")).isArray())
        array = document.object().value(QLatin1String("results")).toArray();
    else if (!document.isArray()) {
        *whyNot = QStringLiteral("expected a list of jobs");
        return false;
    }
    for (const QJsonValue &value : array) {
        VideoJob job;
        if (VideoJob::fromJson(value.toObject(), &job))
            m_jobs << job;
    }
    return true;
}

RenderSinglePreviewJob::RenderSinglePreviewJob(ApiClient *client, const QString &jobId,
                                               const QString &mediaJob, QObject *parent)
    : ApiJob(client, HttpVerb::Post, resourcePath("link_to_videos", jobId, "render_single_preview"),
             parent)
{
    setJsonBody(QJsonDocument(QJsonObject{{QStringLiteral("media_job"), mediaJob}}));
}

bool RenderSinglePreviewJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseJob(document, &m_job, whyNot);
}

} // namespace PreviewDeck

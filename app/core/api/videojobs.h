#pragma once

#include "apijob.h"
#include "apitypes.h"

namespace PreviewDeck {

// POST /api/link_to_videos/preview_list_async/ — one preview per visual style (credits).
class CreatePreviewListJob : public ApiJob
{
    Q_OBJECT
public:
    CreatePreviewListJob(ApiClient *client, const PreviewListRequest &request,
                         QObject *parent = nullptr);
    const VideoJob &job() const { return m_job; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    VideoJob m_job;
};

// GET /api/link_to_videos/{id}/
class GetVideoJobJob : public ApiJob
{
    Q_OBJECT
public:
    GetVideoJobJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
    const VideoJob &job() const { return m_job; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    VideoJob m_job;
};

// GET /api/link_to_videos/?ids=a,b,… (≤100 ids); without ids, all jobs.
class ListVideoJobsJob : public ApiJob
{
    Q_OBJECT
public:
    static constexpr int MaxIds = 100;
    ListVideoJobsJob(ApiClient *client, const QStringList &ids = {}, QObject *parent = nullptr);
    const QList<VideoJob> &jobs() const { return m_jobs; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    QList<VideoJob> m_jobs;
};

// POST /api/link_to_videos/{id}/render_single_preview/ — render one preview (credits).
class RenderSinglePreviewJob : public ApiJob
{
    Q_OBJECT
public:
    RenderSinglePreviewJob(ApiClient *client, const QString &jobId, const QString &mediaJob,
                           QObject *parent = nullptr);
    const VideoJob &job() const { return m_job; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    VideoJob m_job;
};

} // namespace PreviewDeck

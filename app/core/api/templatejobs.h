#pragma once

#include "apijob.h"
#include "apitypes.h"

namespace PreviewDeck {

// GET /api/custom_templates/
class ListTemplatesJob : public ApiJob
{
    Q_OBJECT
public:
    explicit ListTemplatesJob(ApiClient *client, QObject *parent = nullptr);
    const QList<CustomTemplate> &templates() const { return m_templates; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    QList<CustomTemplate> m_templates;
};

// GET /api/custom_templates/{id}/ — with its variable definitions.
class GetTemplateJob : public ApiJob
{
    Q_OBJECT
public:
    GetTemplateJob(ApiClient *client, const QString &templateId, QObject *parent = nullptr);
    const CustomTemplate &customTemplate() const { return m_template; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    CustomTemplate m_template;
};

// POST /api/custom_template_jobs/preview_async/ — answers 201 at once (credits).
class CreateTemplatePreviewJob : public ApiJob
{
    Q_OBJECT
public:
    CreateTemplatePreviewJob(ApiClient *client, const TemplateJobRequest &request,
                             QObject *parent = nullptr);
    const TemplateJob &job() const { return m_job; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    TemplateJob m_job;
};

// GET /api/custom_template_jobs/{id}/
class GetTemplateJobJob : public ApiJob
{
    Q_OBJECT
public:
    GetTemplateJobJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
    const TemplateJob &job() const { return m_job; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    TemplateJob m_job;
};

// GET /api/custom_template_jobs/?ids=… (≤100 ids); without ids, all jobs.
class ListTemplateJobsJob : public ApiJob
{
    Q_OBJECT
public:
    static constexpr int MaxIds = 100;
    ListTemplateJobsJob(ApiClient *client, const QStringList &ids = {}, QObject *parent = nullptr);
    const QList<TemplateJob> &jobs() const { return m_jobs; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    QList<TemplateJob> m_jobs;
};

// POST /api/custom_template_jobs/{id}/render/ — render a previewed job (credits).
class RenderTemplateJob : public ApiJob
{
    Q_OBJECT
public:
    RenderTemplateJob(ApiClient *client, const QString &jobId, QObject *parent = nullptr);
    const TemplateJob &job() const { return m_job; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    TemplateJob m_job;
};

} // namespace PreviewDeck

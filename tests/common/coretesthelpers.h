#pragma once

// Small helpers for suites that drive the real core against a real sandbox on loopback.

#include "apiclient.h"
#include "linkjobs.h"
#include "sandboxserver.h"
#include "videojobs.h"

#include <QSignalSpy>
#include <QTest>

namespace TestHelpers {

// Runs one API job to its end and returns it (kept alive: autoDelete off; caller deletes).
template<typename Job>
Job *runToEnd(Job *job, int timeoutMs = 10000)
{
    job->setAutoDelete(false);
    QSignalSpy finished(job, &PreviewDeck::ApiJob::finished);
    job->start();
    if (!finished.wait(timeoutMs))
        qWarning("API job did not finish in time");
    return job;
}

inline void pointAt(PreviewDeck::ApiClient *client, const Sandbox::SandboxServer &sandbox)
{
    client->setBaseUrl(sandbox.baseUrl());
    client->setCredentials(sandbox.apiId(), sandbox.apiKey());
    client->setRetryBaseDelayMs(10);
    client->setTimeoutMs(5000);
}

inline QString createLink(PreviewDeck::ApiClient *client)
{
    std::unique_ptr<PreviewDeck::CreateLinkJob> job(runToEnd(new PreviewDeck::CreateLinkJob(
            client, QUrl(QStringLiteral("https://shop.example.com/products/test-lamp")))));
    return job->succeeded() ? job->link().id : QString();
}

inline PreviewDeck::PreviewListRequest previewRequest(const QString &linkId,
                                                      const QStringList &styles)
{
    PreviewDeck::PreviewListRequest request;
    request.linkId = linkId;
    request.visualStyles = styles;
    request.aspectRatio = QStringLiteral("9x16");
    request.videoLength = 30;
    return request;
}

// A link, a preview job for `styles` and its previews once the job is done (previews appear one
// by one while it runs). An empty list when any step fails or takes longer than `timeoutMs`.
inline QList<PreviewDeck::Preview> finishedPreviews(PreviewDeck::ApiClient *client,
                                                    const QStringList &styles,
                                                    int timeoutMs = 10000)
{
    const QString linkId = createLink(client);
    if (linkId.isEmpty())
        return {};
    std::unique_ptr<PreviewDeck::CreatePreviewListJob> create(runToEnd(
            new PreviewDeck::CreatePreviewListJob(client, previewRequest(linkId, styles))));
    if (!create->succeeded())
        return {};
    PreviewDeck::VideoJob job;
    const bool done = QTest::qWaitFor(
            [&] {
                std::unique_ptr<PreviewDeck::GetVideoJobJob> get(
                        runToEnd(new PreviewDeck::GetVideoJobJob(client, create->job().id)));
                job = get->job();
                return job.status == PreviewDeck::JobStatus::Done;
            },
            timeoutMs);
    return done ? job.previews : QList<PreviewDeck::Preview>();
}

} // namespace TestHelpers

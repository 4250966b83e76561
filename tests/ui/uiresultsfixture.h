#pragma once

// A real Engine against a real sandbox, with the steps the result views need: a link, previews
// and renders made through the spend guard, downloads into a temporary folder.

#include "coretesthelpers.h"

#include "downloadmanager.h"
#include "engine.h"
#include "jobtracker.h"
#include "spendguard.h"
#include "store.h"

#include <QDeadlineTimer>
#include <QTemporaryDir>

#include <memory>

class EngineFixture
{
public:
    bool setUp(const QString &name)
    {
        sandbox = std::make_unique<Sandbox::SandboxServer>();
        if (!sandbox->listen())
            return false;
        sandbox->setStepIntervalMs(20);
        sandbox->setCredits(1000);
        engine = std::make_unique<PreviewDeck::Engine>();
        storePath = dir.filePath(name + QStringLiteral(".sqlite"));
        if (!engine->open(storePath))
            return false;
        TestHelpers::pointAt(engine->client(), *sandbox);
        engine->setDownloadDirectory(dir.filePath(QStringLiteral("downloads")));
        engine->tracker()->setBaseIntervalMs(10);
        engine->tracker()->setMaxIntervalMs(50);
        engine->spendGuard()->setReconcileRetryMs(50);
        return true;
    }

    void tearDown()
    {
        engine.reset();
        sandbox.reset();
    }

    static bool finish(PreviewDeck::SpendOperation *operation)
    {
        QSignalSpy finished(operation, &PreviewDeck::SpendOperation::finished);
        return finished.wait(10000) && operation->isConfirmed();
    }

    QString createLink()
    {
        PreviewDeck::SpendOperation *op = engine->spendGuard()->createLink(
                QUrl(QStringLiteral("https://shop.example.com/products/desk-lamp")));
        return finish(op) ? op->link().id : QString();
    }

    // Asks for previews and returns the job's local id at once (before the answer).
    PreviewDeck::SpendOperation *requestPreviews(const QString &linkId, const QStringList &styles)
    {
        return engine->spendGuard()->requestPreviews(TestHelpers::previewRequest(linkId, styles));
    }

    bool waitJobStatus(qint64 jobId, const QString &status, int ms = 8000)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            const auto job = engine->store()->job(jobId);
            if (job && job->status == status)
                return true;
            QTest::qWait(5);
        }
        return false;
    }

    bool waitDownloadStatus(qint64 renderId, const QString &status, int ms = 8000)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            const auto download = engine->store()->downloadForRender(renderId);
            if (download && download->status == status)
                return true;
            QTest::qWait(5);
        }
        return false;
    }

    // A job with its previews done; 0 on failure.
    qint64 previewsDone(const QString &linkId,
                        const QStringList &styles = {QStringLiteral("VanillaTemplate")})
    {
        PreviewDeck::SpendOperation *op = requestPreviews(linkId, styles);
        const qint64 jobId = op->jobLocalId();
        if (!finish(op))
            return 0;
        engine->tracker()->start();
        return waitJobStatus(jobId, QStringLiteral("done")) ? jobId : 0;
    }

    std::unique_ptr<Sandbox::SandboxServer> sandbox;
    std::unique_ptr<PreviewDeck::Engine> engine;
    QTemporaryDir dir;
    QString storePath;
};

#include "workfollower.h"

#include "clioutput.h"
#include "commandhost.h"
#include "engine.h"
#include "jobtracker.h"
#include "previewrenders.h"
#include "store.h"

#include <QDir>
#include <QFile>
#include <QTimer>

namespace PreviewDeck {

WorkFollower::WorkFollower(CommandHost &host, QObject *parent) : QObject(parent), m_host(host) { }

void WorkFollower::printJob(qint64 jobLocalId)
{
    const Store &store = *m_host.engine()->store();
    const auto job = store.job(jobLocalId);
    if (!job) {
        m_host.fail(tr("There is no job %1 in the history.").arg(jobLocalId));
        return;
    }
    m_host.out().line(CliOutput::describe(*job, store));
    m_host.out().result(CliOutput::toJson(*job, store));
    m_host.succeed();
}

void WorkFollower::followPreviews(qint64 jobLocalId)
{
    if (!m_host.waits()) {
        printJob(jobLocalId);
        return;
    }
    waitForPreviews(jobLocalId, [this, jobLocalId] { printJob(jobLocalId); });
}

void WorkFollower::waitForPreviews(qint64 jobLocalId, const std::function<void()> &then)
{
    Engine *engine = m_host.engine();
    auto check = [this, engine, jobLocalId, then] {
        const auto job = engine->store()->job(jobLocalId);
        if (!job || m_host.hasFinished())
            return;
        const int previews = int(engine->store()->previews(jobLocalId).size());
        m_host.out().progress(tr("  %1, %2% — %3 preview(s) ready")
                                      .arg(job->status.name())
                                      .arg(qRound(job->progress * 100))
                                      .arg(previews));
        if (job->status == JobStatus::Done) {
            then();
        } else if (job->status.isFinished()) {
            m_host.fail((job->failedReason.isEmpty()
                                 ? tr("The previews ended \"%1\" without a reason.")
                                           .arg(job->status.name())
                                 : tr("The previews failed: %1").arg(job->failedReason))
                        + QLatin1Char(' ') + tr("To buy them again, add --again."));
        }
    };
    connect(engine->tracker(), &JobTracker::jobUpdated, this, [jobLocalId, check](qint64 id) {
        if (id == jobLocalId)
            check();
    });
    // A job carried on from an earlier run may have finished already.
    QTimer::singleShot(0, this, check);
    engine->tracker()->poke();
}

void WorkFollower::followRender(qint64 renderLocalId)
{
    if (m_host.waits()) {
        waitForRender(renderLocalId);
        return;
    }
    if (const QJsonObject render = renderJson(renderLocalId); !render.isEmpty())
        m_host.out().result(render);
    m_host.succeed();
}

void WorkFollower::download(qint64 renderLocalId)
{
    if (!m_host.engine()->downloadRender(renderLocalId)) {
        m_host.fail(tr("Render %1 has no finished video to download yet.").arg(renderLocalId));
        return;
    }
    finishWhenSaved(renderLocalId, [](const QString &path) {
        return QJsonObject{{QStringLiteral("path"), path}};
    });
}

void WorkFollower::waitForRender(qint64 renderLocalId)
{
    Engine *engine = m_host.engine();
    finishWhenSaved(renderLocalId,
                    [this, renderLocalId](const QString &) { return renderJson(renderLocalId); });
    connect(engine->tracker(), &JobTracker::renderUpdated, this,
            [this, engine, renderLocalId](qint64 id) {
                if (id != renderLocalId)
                    return;
                if (const auto render = engine->store()->render(id))
                    m_host.out().progress(tr("  render %1, %2%")
                                                  .arg(render->status.name())
                                                  .arg(qRound(render->progress * 100)));
            });
    connect(engine, &Engine::renderFinished, this, [this, renderLocalId](qint64 id) {
        if (id == renderLocalId)
            onRenderEnded(id);
    });
    // A render carried on from an earlier run may have finished (and been saved) already.
    QTimer::singleShot(0, this, [this, renderLocalId] { carryOnFinishedRender(renderLocalId); });
    engine->tracker()->poke();
}

void WorkFollower::carryOnFinishedRender(qint64 renderLocalId)
{
    Engine *engine = m_host.engine();
    const auto render = engine->store()->render(renderLocalId);
    if (!render || !render->status.isFinished())
        return;
    onRenderEnded(renderLocalId);
    if (m_host.hasFinished() || render->status != JobStatus::Done
        || engine->runningDownload(renderLocalId))
        return;
    const auto download = engine->store()->downloadForRender(renderLocalId);
    if (download && download->status == JobStatus::Done && QFile::exists(download->targetPath)) {
        m_host.out().line(
                tr("Already saved: %1").arg(QDir::toNativeSeparators(download->targetPath)));
        m_host.out().result(CliOutput::toJson(*render, *engine->store()));
        m_host.succeed();
        return;
    }
    engine->downloadRender(renderLocalId);
}

void WorkFollower::onRenderEnded(qint64 renderLocalId)
{
    const Store &store = *m_host.engine()->store();
    const auto render = store.render(renderLocalId);
    if (!render || render->status != JobStatus::Done) {
        const PreviewRenderState state = m_host.engine()->renders()->renderState(renderLocalId);
        const QString reason = !state.failedReason.isEmpty() ? state.failedReason
                                                             : tr("Creatify gave no reason.");
        // Creatify's docs do not say whether a failed render is refunded: say what is known.
        const QString charged = state.creditsCharged > 0
                ? tr(" Creatify charged %1 when it accepted this render.")
                          .arg(CliOutput::creditsText(state.creditsCharged))
                : QString();
        QString said = tr("The render failed: %1").arg(reason).trimmed();
        if (!said.endsWith(QLatin1Char('.')))
            said += QLatin1Char('.');
        m_host.fail(said + charged + QLatin1Char(' ') + tr("To render it again, add --again."));
        return;
    }
    if (!m_host.engine()->autoDownload()) {
        m_host.out().line(tr("Done: %1").arg(render->videoOutput.toString()));
        m_host.out().result(CliOutput::toJson(*render, store));
        m_host.succeed();
    }
}

void WorkFollower::finishWhenSaved(qint64 renderLocalId,
                                   const std::function<QJsonObject(const QString &path)> &result)
{
    Engine *engine = m_host.engine();
    connect(engine, &Engine::downloadFinished, this,
            [this, renderLocalId, result](qint64 id, const QString &path) {
                if (id != renderLocalId)
                    return;
                m_host.out().line(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
                if (const QJsonObject json = result(path); !json.isEmpty())
                    m_host.out().result(json);
                m_host.succeed();
            });
    connect(engine, &Engine::downloadFailed, this,
            [this, renderLocalId](qint64 id, const QString &message) {
                if (id == renderLocalId)
                    m_host.fail(message);
            });
}

QJsonObject WorkFollower::renderJson(qint64 renderLocalId) const
{
    const Store &store = *m_host.engine()->store();
    const auto render = store.render(renderLocalId);
    return render ? CliOutput::toJson(*render, store) : QJsonObject();
}

} // namespace PreviewDeck

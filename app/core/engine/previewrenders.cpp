#include "previewrenders.h"

#include "store.h"

namespace PreviewDeck {

namespace {
using Stage = PreviewRenderState::Stage;
using Blocker = PreviewRenderState::Blocker;

Stage stageOf(const JobStatus &status)
{
    if (status == JobStatus::Done)
        return Stage::Rendered;
    if (status.isFinished())
        return Stage::Failed;
    if (status == JobStatus::Submitting)
        return Stage::Sending;
    if (status == JobStatus::Reconciling)
        return Stage::Checking;
    if (status.isWaiting())
        return Stage::Waiting;
    return Stage::Rendering; // running, or a status this build does not know
}

// Why nothing can be rendered of this job's preview, if anything stands in the way.
Blocker blockerOf(const Store &store, const JobRecord &job, const QString &mediaJob)
{
    if (job.status == JobStatus::Rejected)
        return Blocker::Rejected;
    if (job.status.isFailure())
        return Blocker::Failed;
    if (job.status == JobStatus::Unsure)
        return Blocker::NotSure;
    if (job.kind == JobKind::TemplatePreview)
        return job.status == JobStatus::Done && !job.previewUrl.isEmpty() ? Blocker::None
                                                                          : Blocker::NoPreviewPage;
    const QList<PreviewRecord> previews = store.previews(job.localId);
    const bool known = std::any_of(
            previews.cbegin(), previews.cend(),
            [&mediaJob](const PreviewRecord &p) { return p.mediaJob == mediaJob; });
    return known ? Blocker::None : Blocker::NoPreviewPage;
}
} // namespace

PreviewRenders::PreviewRenders(Store *store, SpendGuard *guard, QObject *parent)
    : QObject(parent), m_store(store), m_guard(guard)
{
}

PreviewRenderState PreviewRenders::state(const PreviewRef &preview) const
{
    PreviewRenderState state;
    const auto job = m_store->job(preview.jobLocalId);
    if (!job)
        return state;
    const bool wholeJob = job->kind == JobKind::TemplatePreview;
    std::optional<RenderRecord> latest;
    for (const RenderRecord &render : m_store->renders(preview.jobLocalId))
        if ((wholeJob || render.mediaJob == preview.mediaJob)
            && (!latest || render.localId > latest->localId))
            latest = render;

    if (!latest) {
        state.blocker = blockerOf(*m_store, *job, preview.mediaJob);
        state.stage = state.blocker == Blocker::None ? Stage::CanRender : Stage::CannotRender;
    } else {
        state = stateOf(*m_store, *latest);
    }
    // A start in flight that has not written a render of its own yet (or was refused before
    // sending) is still "sending" until its answer is in.
    if (isStarting(preview) && !state.isUnderWay())
        state.stage = Stage::Sending;
    return state;
}

PreviewRenderState PreviewRenders::renderState(qint64 renderLocalId) const
{
    return renderState(*m_store, renderLocalId);
}

PreviewRenderState PreviewRenders::renderState(const Store &store, qint64 renderLocalId)
{
    const auto render = store.render(renderLocalId);
    return render ? stateOf(store, *render) : PreviewRenderState();
}

PreviewRenderState PreviewRenders::stateOf(const Store &store, const RenderRecord &render)
{
    PreviewRenderState state;
    state.blocker = Blocker::None;
    state.stage = stageOf(render.status);
    state.renderLocalId = render.localId;
    state.renderStatus = render.status;
    state.progress = render.progress;
    state.failedReason = render.failedReason;
    if (state.stage == Stage::Failed && render.spendId) {
        const auto spend = store.spend(render.spendId);
        if (spend && spend->state == SpendState::Confirmed)
            state.creditsCharged = render.estimatedCredits;
    }
    if (state.stage == Stage::Rendered) {
        const auto download = store.downloadForRender(render.localId);
        if (download && download->status == JobStatus::Done)
            state.downloadedPath = download->targetPath;
    }
    return state;
}

double PreviewRenders::cost(const PreviewRef &preview) const
{
    return m_guard->estimateRender(preview.jobLocalId);
}

bool PreviewRenders::buysNothingNew(const PreviewRef &preview,
                                    SpendGuard::RepeatOptions options) const
{
    return m_guard->rendersNothingNew(preview.jobLocalId, preview.mediaJob, options);
}

SpendOperation *PreviewRenders::start(const PreviewRef &preview, SpendGuard::RepeatOptions options)
{
    if (SpendOperation *running = m_starting.value(preview))
        return running;
    const auto job = m_store->job(preview.jobLocalId);
    SpendOperation *operation = job && job->kind == JobKind::TemplatePreview
            ? m_guard->renderTemplate(preview.jobLocalId, options)
            : m_guard->renderPreview(preview.jobLocalId, preview.mediaJob, options);
    m_starting.insert(preview, operation);
    // Connected before any caller's slot: by the time they hear of the end, it is over here too.
    connect(operation, &SpendOperation::finished, this, [this, preview] {
        m_starting.remove(preview);
        Q_EMIT startingChanged(preview.jobLocalId, preview.mediaJob);
    });
    Q_EMIT startingChanged(preview.jobLocalId, preview.mediaJob);
    return operation;
}

} // namespace PreviewDeck

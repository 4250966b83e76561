#include "jobtracker.h"

#include "apiclient.h"
#include "logging.h"
#include "renderoutputs.h"
#include "store.h"
#include "templatejobs.h"
#include "videojobs.h"

namespace PreviewDeck {

namespace {
constexpr double kBackoffFactor = 1.5;

QList<QStringList> chunksOf(const QStringList &ids, int size)
{
    QList<QStringList> chunks;
    for (int i = 0; i < ids.size(); i += size)
        chunks << ids.mid(i, size);
    return chunks;
}

// A list answer that says "this form is not supported here": fall back to one GET per id.
bool listFormUnsupported(const ApiError &error)
{
    return error.kind == ApiError::Kind::Validation || error.kind == ApiError::Kind::NotFound
            || error.kind == ApiError::Kind::BadResponse;
}
} // namespace

JobTracker::JobTracker(ApiClient *client, Store *store, QObject *parent)
    : QObject(parent), m_client(client), m_store(store)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &JobTracker::runRound);
}

JobTracker::~JobTracker() = default;

void JobTracker::start()
{
    m_running = true;
    if (!isRoundRunning() && !m_timer.isActive())
        m_timer.start(0);
}

void JobTracker::stop()
{
    m_running = false;
    m_timer.stop();
}

void JobTracker::poke()
{
    m_intervalMs = m_baseIntervalMs;
    m_running = true;
    if (isRoundRunning())
        return; // the round in flight re-arms the timer with the base interval
    m_timer.start(qMax(0, m_client->msUntilResume()));
}

QStringList JobTracker::idsToTrack(JobKind kind) const
{
    QStringList ids;
    QSet<QString> seen;
    const QList<JobRecord> jobs = m_store->unfinishedJobs(kind);
    for (const JobRecord &job : jobs) {
        if (!seen.contains(job.remoteId)) {
            seen.insert(job.remoteId);
            ids << job.remoteId;
        }
    }
    const QList<RenderRecord> renders = m_store->unfinishedRenders();
    for (const RenderRecord &render : renders) {
        const auto job = m_store->job(render.jobLocalId);
        if (!job || job->kind != kind || job->remoteId.isEmpty() || seen.contains(job->remoteId))
            continue;
        seen.insert(job->remoteId);
        ids << job->remoteId;
    }
    return ids;
}

void JobTracker::runRound()
{
    if (!m_running || isRoundRunning())
        return;
    if (const int wait = m_client->msUntilResume(); wait > 0) {
        m_timer.start(wait);
        return;
    }
    const QStringList videoIds = idsToTrack(JobKind::LinkPreviews);
    const QStringList templateIds = idsToTrack(JobKind::TemplatePreview);
    if (videoIds.isEmpty() && templateIds.isEmpty()) {
        qCDebug(lcTracking) << "nothing to track";
        m_intervalMs = m_baseIntervalMs;
        Q_EMIT idle();
        return;
    }
    m_roundChanged = false;
    m_roundFailure = ApiError();
    // Count every request of the round up front so that no early answer ends it.
    m_pendingRequests = 1;
    for (const QStringList &chunk : chunksOf(videoIds, ListVideoJobsJob::MaxIds))
        requestJobs(chunk, true);
    for (const QStringList &chunk : chunksOf(templateIds, ListTemplateJobsJob::MaxIds))
        requestJobs(chunk, false);
    requestDone();
}

void JobTracker::requestJobs(const QStringList &ids, bool video)
{
    if (video ? m_videoListUnsupported : m_templateListUnsupported) {
        for (const QString &id : ids)
            requestOne(id, video);
        return;
    }
    ApiJob *job = video ? static_cast<ApiJob *>(new ListVideoJobsJob(m_client, ids, this))
                        : new ListTemplateJobsJob(m_client, ids, this);
    job->setMaxAttempts(1); // the next round is the retry
    ++m_pendingRequests;
    connect(job, &ApiJob::finished, this,
            [this, video, ids](ApiJob *j) { onListFinished(j, video, ids); });
    job->start();
}

void JobTracker::requestOne(const QString &id, bool video)
{
    ApiJob *job = video ? static_cast<ApiJob *>(new GetVideoJobJob(m_client, id, this))
                        : new GetTemplateJobJob(m_client, id, this);
    job->setMaxAttempts(1);
    ++m_pendingRequests;
    connect(job, &ApiJob::finished, this,
            [this, video, id](ApiJob *j) { onSingleFinished(j, video, id); });
    job->start();
}

void JobTracker::onListFinished(ApiJob *job, bool video, const QStringList &ids)
{
    if (job->succeeded()) {
        QSet<QString> missing(ids.cbegin(), ids.cend());
        if (video) {
            for (const VideoJob &remote : static_cast<ListVideoJobsJob *>(job)->jobs()) {
                missing.remove(remote.id);
                m_roundChanged |= applyVideoJob(remote);
            }
        } else {
            for (const TemplateJob &remote : static_cast<ListTemplateJobsJob *>(job)->jobs()) {
                missing.remove(remote.id);
                m_roundChanged |= applyTemplateJob(remote);
            }
        }
        // A list leaves out ids it does not know; ask for each so a 404 can mark it lost
        // rather than polling it forever.
        for (const QString &id : std::as_const(missing))
            requestOne(id, video);
    } else if (listFormUnsupported(job->error())) {
        qCInfo(lcTracking) << "list form failed (" << job->error().kindName()
                           << "); falling back to one GET per job";
        (video ? m_videoListUnsupported : m_templateListUnsupported) = true;
        requestJobs(ids, video);
    } else {
        qCInfo(lcTracking) << "poll failed:" << job->error().kindName();
        noteFailure(job->error());
    }
    requestDone();
}

void JobTracker::onSingleFinished(ApiJob *job, bool video, const QString &id)
{
    if (job->succeeded()) {
        m_roundChanged |= video ? applyVideoJob(static_cast<GetVideoJobJob *>(job)->job())
                                : applyTemplateJob(static_cast<GetTemplateJobJob *>(job)->job());
    } else if (job->error().kind == ApiError::Kind::NotFound) {
        m_roundChanged |= markLost(id);
    } else {
        noteFailure(job->error());
    }
    requestDone();
}

void JobTracker::requestDone()
{
    if (--m_pendingRequests > 0)
        return;
    ++m_rounds;
    Q_EMIT roundFinished(m_roundChanged);
    scheduleNext();
}

void JobTracker::noteFailure(const ApiError &error)
{
    // Refused as such (key, not found…): a retry would not change the answer, nothing to say.
    if (error.isTransient())
        m_roundFailure = error;
}

void JobTracker::scheduleNext()
{
    if (!m_running)
        return;
    if (m_roundChanged)
        m_intervalMs = m_baseIntervalMs;
    else
        m_intervalMs = qMin(m_maxIntervalMs, int(m_intervalMs * kBackoffFactor));
    const int delayMs = qMax(m_intervalMs, m_client->msUntilResume());
    m_timer.start(delayMs);
    // The next round is the failed request's retry: said like any other read tried again.
    if (m_roundFailure.isError())
        m_client->reportRetrying(delayMs, m_roundFailure);
}

bool JobTracker::applyVideoJob(const VideoJob &remote)
{
    auto local = m_store->jobByRemoteId(remote.id);
    if (!local)
        return false;
    JobRecord job = *local;
    bool changed = false;

    // Once the previews are done the job row stays done; later renders have rows of their own.
    const bool previewsFinished = job.status.isFinished();
    if (!previewsFinished) {
        if (remote.status != job.status || !qFuzzyCompare(1 + remote.progress, 1 + job.progress)
            || remote.failedReason != job.failedReason) {
            job.status = remote.status;
            job.progress = remote.progress;
            job.failedReason = remote.failedReason;
            job.creditsUsed = remote.creditsUsed;
            changed = true;
        }
        const QList<PreviewRecord> known = m_store->previews(job.localId);
        if (remote.previews.size() != known.size()) {
            QList<PreviewRecord> previews;
            for (const Preview &p : remote.previews) {
                PreviewRecord record;
                record.jobLocalId = job.localId;
                record.mediaJob = p.mediaJob;
                record.visualStyle = p.visualStyle;
                record.aspectRatio = p.aspectRatio;
                record.url = p.url;
                previews << record;
            }
            m_store->setPreviews(job.localId, previews);
            changed = true;
        }
        if (changed) {
            m_store->updateJob(job);
            Q_EMIT jobUpdated(job.localId);
            if (remote.status.isFinished())
                Q_EMIT jobFinished(job.localId);
        }
    }

    const QList<RenderRecord> renders = m_store->renders(job.localId);
    for (RenderRecord render : renders) {
        if (render.status.isFinished() || render.status.isAwaitingAnswer())
            continue;
        RenderOutput output;
        if (!RenderOutputs::find(remote, *m_store, render, &output))
            continue;
        // A render is only done when it has something to download.
        const JobStatus status = output.status == JobStatus::Done && output.videoOutput.isEmpty()
                ? JobStatus::Running
                : output.status;
        if (status == render.status && output.videoOutput == render.videoOutput
            && qFuzzyCompare(1 + output.progress, 1 + render.progress))
            continue;
        render.status = status;
        render.progress = output.progress;
        render.videoOutput = output.videoOutput;
        render.videoThumbnail = output.videoThumbnail;
        render.failedReason = output.failedReason;
        m_store->updateRender(render);
        changed = true;
        Q_EMIT renderUpdated(render.localId);
        if (render.status.isFinished())
            Q_EMIT renderFinished(render.localId);
    }
    return changed;
}

bool JobTracker::applyTemplateJob(const TemplateJob &remote)
{
    auto local = m_store->jobByRemoteId(remote.id);
    if (!local)
        return false;
    JobRecord job = *local;
    bool changed = false;
    const QList<RenderRecord> renders = m_store->renders(job.localId);
    bool renderRequested = false;
    for (const RenderRecord &render : renders)
        renderRequested |= !render.status.isFinished();

    if (!job.status.isFinished() && !renderRequested) {
        if (remote.status != job.status || remote.preview != job.previewUrl
            || !qFuzzyCompare(1 + remote.progress, 1 + job.progress)) {
            job.status = remote.status;
            job.progress = remote.progress;
            job.previewUrl = remote.preview;
            job.failedReason = remote.failedReason;
            job.creditsUsed = remote.creditsUsed;
            job.mediaJob = remote.mediaJob;
            // The template's real length prices its render (the request only had a guess).
            if (remote.duration > 0)
                RecordedRequest::setDurationSeconds(&job.request, remote.duration);
            m_store->updateJob(job);
            changed = true;
            Q_EMIT jobUpdated(job.localId);
            if (remote.status.isFinished())
                Q_EMIT jobFinished(job.localId);
        }
    }

    for (RenderRecord render : renders) {
        if (render.status.isFinished() || render.status.isAwaitingAnswer())
            continue;
        // Until the server reflects the render, the job still reads as the finished preview.
        const JobStatus status = remote.status == JobStatus::Done && remote.videoOutput.isEmpty()
                ? JobStatus::Pending
                : remote.status;
        if (status == render.status && remote.videoOutput == render.videoOutput
            && qFuzzyCompare(1 + remote.progress, 1 + render.progress))
            continue;
        render.status = status;
        render.progress = remote.progress;
        render.videoOutput = remote.videoOutput;
        render.failedReason = remote.failedReason;
        m_store->updateRender(render);
        changed = true;
        Q_EMIT renderUpdated(render.localId);
        if (render.status.isFinished())
            Q_EMIT renderFinished(render.localId);
    }
    return changed;
}

bool JobTracker::markLost(const QString &remoteId)
{
    auto local = m_store->jobByRemoteId(remoteId);
    if (!local)
        return false;
    JobRecord job = *local;
    job.status = JobStatus::Lost;
    job.failedReason = tr("Creatify no longer knows this job (it may have been deleted).");
    m_store->updateJob(job);
    for (RenderRecord render : m_store->renders(job.localId)) {
        if (render.status.isFinished())
            continue;
        render.status = JobStatus::Lost;
        render.failedReason = job.failedReason;
        m_store->updateRender(render);
        Q_EMIT renderFinished(render.localId);
    }
    Q_EMIT jobUpdated(job.localId);
    Q_EMIT jobFinished(job.localId);
    return true;
}

} // namespace PreviewDeck

#include "spendguard.h"

#include "spendreconciler.h"

#include "apiclient.h"
#include "costestimate.h"
#include "linkjobs.h"
#include "logging.h"
#include "store.h"
#include "templatejobs.h"
#include "videojobs.h"

#include <QTimer>
#include <QUuid>

namespace PreviewDeck {

namespace {
constexpr int kMaxNameLength = 255;

// A short mark in the job's name makes a job whose answer was lost recognisable in lists,
// here and in Creatify's web app.
QString newTag()
{
    return QLatin1String("PD-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

QString taggedName(const QString &name, const QString &tag)
{
    const QString base = name.isEmpty() ? QStringLiteral("PreviewDeck") : name;
    const QString suffix = QLatin1String(" [") + tag + QLatin1Char(']');
    return base.left(kMaxNameLength - int(suffix.size())) + suffix;
}
} // namespace

SpendGuard::SpendGuard(ApiClient *client, Store *store, QObject *parent)
    : QObject(parent),
      m_client(client),
      m_store(store),
      m_ledger(store),
      m_reconciler(new SpendReconciler(client, store, this))
{
    connect(m_reconciler, &SpendReconciler::retryDue, this, &SpendGuard::reconcileUnresolved);
    connect(m_reconciler, &SpendReconciler::spendChanged, this, &SpendGuard::spendChanged);
    connect(m_reconciler, &SpendReconciler::workAdded, this, &SpendGuard::workAdded);
    connect(this, &SpendGuard::spendChanged, this, &SpendGuard::settleFollowers);
}

SpendGuard::~SpendGuard() = default;

SpendOperation *SpendGuard::blocked(const QString &reason)
{
    auto *operation = new SpendOperation(this);
    operation->m_text = reason;
    QTimer::singleShot(0, operation,
                       [operation] { operation->finish(SpendOperation::Outcome::Blocked); });
    return operation;
}

// What an earlier purchase with the same key means for this one: nullptr to go ahead.
SpendOperation *SpendGuard::existingPurchase(const QString &dedupKey, RepeatOptions options)
{
    const auto spend = earlierPurchase(dedupKey, options);
    return spend ? follow(spend->id) : nullptr;
}

std::optional<SpendRecord> SpendGuard::earlierPurchase(const QString &dedupKey,
                                                       RepeatOptions options) const
{
    if (dedupKey.isEmpty())
        return std::nullopt;
    const auto spend = m_store->blockingSpend(dedupKey);
    if (!spend)
        return std::nullopt;
    const bool finished = spend->state == SpendState::Confirmed && purchaseFinished(*spend);
    if (spend->state == SpendState::Unsure && options.testFlag(SendAgainIfNotSure))
        return std::nullopt;
    if (finished && options.testFlag(BuyAgainIfFinished))
        return std::nullopt;
    if (spend->kind == SpendKind::CreateLink && spend->state == SpendState::Confirmed
        && !m_store->link(spend->resultId))
        return std::nullopt; // nothing left to carry on with
    return spend;
}

QString SpendGuard::renderKey(qint64 jobLocalId, const QString &mediaJob) const
{
    const auto job = m_store->job(jobLocalId);
    return job ? SpendLedger::renderKey(*job, mediaJob) : QString();
}

bool SpendGuard::buysNothingNew(const QUrl &productUrl, RepeatOptions options) const
{
    return earlierPurchase(SpendLedger::linkKey(productUrl), options).has_value();
}

bool SpendGuard::buysNothingNew(const PreviewListRequest &request, RepeatOptions options) const
{
    return earlierPurchase(SpendLedger::previewsKey(request), options).has_value();
}

bool SpendGuard::buysNothingNew(const TemplateJobRequest &request, RepeatOptions options) const
{
    return earlierPurchase(SpendLedger::templatePreviewKey(request), options).has_value();
}

bool SpendGuard::rendersNothingNew(qint64 jobLocalId, const QString &mediaJob,
                                   RepeatOptions options) const
{
    return earlierPurchase(renderKey(jobLocalId, mediaJob), options).has_value();
}

bool SpendGuard::purchaseFinished(const SpendRecord &spend) const
{
    const qint64 renderId = SpendLedger::renderLocalIdOf(spend);
    if (renderId) {
        const auto render = m_store->render(renderId);
        return !render || render->status.isFinished();
    }
    const qint64 jobId = SpendLedger::jobLocalIdOf(spend);
    if (jobId) {
        const auto job = m_store->job(jobId);
        return !job || job->status.isFinished();
    }
    return true; // a link is finished when it exists
}

SpendOperation *SpendGuard::follow(qint64 spendId)
{
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return blocked(tr("PreviewDeck has no record of this purchase."));
    auto *operation = new SpendOperation(this);
    operation->m_spendId = spendId;
    operation->m_jobLocalId = SpendLedger::jobLocalIdOf(*spend);
    operation->m_renderLocalId = SpendLedger::renderLocalIdOf(*spend);
    operation->m_startedAt = spend->createdAt;
    m_followers.insert(spendId, operation);
    const bool unresolved = spend->state == SpendState::Pending
            || spend->state == SpendState::Unknown;
    if (unresolved && !m_inFlight.contains(spendId) && !m_reconciler->isReconciling(spendId)) {
        if (spend->state == SpendState::Pending)
            markUnknown(spendId, tr("PreviewDeck stopped before the answer arrived."));
        m_reconciler->reconcile(spendId, nullptr);
    }
    QTimer::singleShot(0, this, [this, spendId] { settleFollowers(spendId); });
    return operation;
}

void SpendGuard::settleFollowers(qint64 spendId)
{
    if (!m_followers.contains(spendId))
        return;
    const auto spend = m_store->spend(spendId);
    if (!spend || spend->state == SpendState::Pending || spend->state == SpendState::Unknown)
        return;
    const QList<QPointer<SpendOperation>> followers = m_followers.values(spendId);
    m_followers.remove(spendId);
    for (const QPointer<SpendOperation> &operation : followers) {
        if (!operation)
            continue;
        switch (spend->state) {
        case SpendState::Confirmed:
            operation->m_finishedBefore = purchaseFinished(*spend);
            if (spend->kind == SpendKind::CreateLink)
                operation->m_link = m_store->link(spend->resultId).value_or(Link());
            operation->finish(SpendOperation::Outcome::Existing);
            break;
        case SpendState::Refused:
            operation->m_text = spend->error;
            operation->finish(SpendOperation::Outcome::Refused);
            break;
        case SpendState::Absent:
            operation->m_text = spend->error;
            operation->finish(SpendOperation::Outcome::Absent);
            break;
        case SpendState::Unsure:
            operation->m_text = spend->error;
            operation->finish(SpendOperation::Outcome::NotSure);
            break;
        case SpendState::Pending:
        case SpendState::Unknown:
            break;
        }
    }
}

SpendOperation *SpendGuard::begin(SpendKind kind, const QString &dedupKey,
                                  const QJsonObject &request, double estimate, ApiJob *job,
                                  SpendOperation *operation)
{
    operation->m_spendId = m_store->recordSpendIntent(kind, dedupKey, request, estimate);
    operation->m_startedAt = QDateTime::currentDateTimeUtc();
    const bool rowsWritten = (operation->m_jobLocalId || kind == SpendKind::CreateLink)
            && (operation->m_renderLocalId
                || (kind != SpendKind::RenderPreview && kind != SpendKind::TemplateRender));
    if (!operation->m_spendId || !rowsWritten) {
        // No record of the intent, no request: a crash now could not be reconciled.
        qCWarning(lcTracking) << "could not record the intent; nothing sent";
        delete job;
        if (operation->m_spendId)
            m_store->setSpendState(operation->m_spendId, SpendState::Refused, QString(),
                                   SpendLedger::notRecordedReason());
        operation->m_text = SpendLedger::notRecordedReason();
        if (auto render = operation->m_renderLocalId ? m_store->render(operation->m_renderLocalId)
                                                     : std::nullopt) {
            render->status = JobStatus::NotCreated;
            render->failedReason = SpendLedger::notRecordedReason();
            m_store->updateRender(*render);
        } else if (auto row = kind == SpendKind::PreviewList || kind == SpendKind::TemplatePreview
                           ? m_store->job(operation->m_jobLocalId)
                           : std::nullopt) {
            row->status = JobStatus::NotCreated;
            row->failedReason = SpendLedger::notRecordedReason();
            m_store->updateJob(*row);
        }
        QTimer::singleShot(0, operation,
                           [operation] { operation->finish(SpendOperation::Outcome::Blocked); });
        return operation;
    }
    if (auto render = operation->m_renderLocalId ? m_store->render(operation->m_renderLocalId)
                                                 : std::nullopt) {
        render->spendId = operation->m_spendId;
        m_store->updateRender(*render);
    }
    m_inFlight.insert(operation->m_spendId);
    Q_EMIT spendChanged(operation->m_spendId);
    operation->m_sent = true;
    operation->m_request = job;
    connect(job, &ApiJob::retrying, operation,
            [operation](ApiJob *, int delayMs, const ApiError &error) {
                Q_EMIT operation->retrying(operation, delayMs, error);
                if (error.kind == ApiError::Kind::RateLimited)
                    Q_EMIT operation->waiting(qMax(1, (delayMs + 999) / 1000),
                                              error.retryingMessage(delayMs));
            });
    connect(job, &ApiJob::finished, this,
            [this, operation, kind](ApiJob *j) { onAnswer(j, operation, kind); });
    job->start();
    return operation;
}

SpendOperation *SpendGuard::createLink(const QUrl &productUrl, RepeatOptions options)
{
    const QString key = SpendLedger::linkKey(productUrl);
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;
    auto *operation = new SpendOperation(this);
    const QJsonObject request{
            {SpendKeys::body, QJsonObject{{QStringLiteral("url"), productUrl.toString()}}}};
    return begin(SpendKind::CreateLink, key, request, CostEstimate::link(),
                 new CreateLinkJob(m_client, productUrl, this), operation);
}

SpendOperation *SpendGuard::createLinkWithParams(const LinkParams &params)
{
    auto *operation = new SpendOperation(this);
    const QJsonObject request{{SpendKeys::body, params.toJson()}};
    // Hand-entered links are not deduplicated: the same data twice is a deliberate choice.
    return begin(SpendKind::CreateLink, QString(), request, CostEstimate::link(),
                 new CreateLinkWithParamsJob(m_client, params, this), operation);
}

SpendOperation *SpendGuard::requestPreviews(const PreviewListRequest &previewRequest,
                                            RepeatOptions options)
{
    const QString key = SpendLedger::previewsKey(previewRequest);
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;

    const double estimate = CostEstimate::previewList(int(previewRequest.visualStyles.size()),
                                                      previewRequest.videoLength);
    auto *operation = new SpendOperation(this);
    JobRecord job;
    job.kind = JobKind::LinkPreviews;
    job.linkId = previewRequest.linkId;
    job.name = previewRequest.name;
    job.request = previewRequest.toJson();
    job.status = JobStatus::Submitting;
    job.estimatedCredits = estimate;
    operation->m_jobLocalId = m_store->insertJob(job);
    const QString tag = newTag();
    PreviewListRequest sent = previewRequest;
    sent.name = taggedName(previewRequest.name, tag);
    const QJsonObject request{{SpendKeys::body, sent.toJson()},
                              {SpendKeys::jobLocalId, operation->m_jobLocalId},
                              {SpendKeys::tag, tag}};
    return begin(SpendKind::PreviewList, key, request, estimate,
                 new CreatePreviewListJob(m_client, sent, this), operation);
}

double SpendGuard::estimateRender(qint64 jobLocalId) const
{
    const auto job = m_store->job(jobLocalId);
    if (!job)
        return 0;
    if (job->kind == JobKind::TemplatePreview)
        return CostEstimate::templateRender(
                qMax(1, job->recorded().durationSeconds(CostEstimate::kAssumedTemplateSeconds)),
                job->recorded().modelVersion());
    const PreviewListRequest request = PreviewListRequest::fromJson(job->request);
    return CostEstimate::render(request.videoLength, request.modelVersion);
}

SpendOperation *SpendGuard::renderPreview(qint64 jobLocalId, const QString &mediaJob,
                                          RepeatOptions options)
{
    const auto job = m_store->job(jobLocalId);
    if (!job || job->remoteId.isEmpty())
        return blocked(tr("This job has not been created on Creatify yet."));
    const QString key = renderKey(jobLocalId, mediaJob);
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;
    if (job->status.isFailure())
        return blocked(job->status == JobStatus::Rejected
                               ? tr("Creatify rejected these previews, so they cannot be "
                                    "rendered.")
                               : tr("These previews failed on Creatify's side, so they cannot "
                                    "be rendered."));
    QString style;
    for (const PreviewRecord &preview : m_store->previews(jobLocalId))
        if (preview.mediaJob == mediaJob)
            style = preview.visualStyle;
    auto *operation = new SpendOperation(this);
    RenderRecord render;
    render.jobLocalId = jobLocalId;
    render.mediaJob = mediaJob;
    render.visualStyle = style;
    render.status = JobStatus::Submitting;
    render.estimatedCredits = estimateRender(jobLocalId);
    operation->m_jobLocalId = jobLocalId;
    operation->m_renderLocalId = m_store->insertRender(render);
    const QJsonObject request{
            {SpendKeys::body, QJsonObject{{QStringLiteral("media_job"), mediaJob}}},
            {SpendKeys::jobId, job->remoteId},
            {SpendKeys::mediaJob, mediaJob},
            {SpendKeys::jobLocalId, jobLocalId},
            {SpendKeys::renderLocalId, operation->m_renderLocalId}};
    return begin(SpendKind::RenderPreview, key, request, render.estimatedCredits,
                 new RenderSinglePreviewJob(m_client, job->remoteId, mediaJob, this), operation);
}

SpendOperation *SpendGuard::requestTemplatePreview(const TemplateJobRequest &templateRequest,
                                                   int templateDurationSeconds,
                                                   RepeatOptions options)
{
    const QString key = SpendLedger::templatePreviewKey(templateRequest);
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;

    const double estimate = CostEstimate::templatePreview(templateDurationSeconds);
    auto *operation = new SpendOperation(this);
    JobRecord job;
    job.kind = JobKind::TemplatePreview;
    job.templateId = templateRequest.templateId;
    job.name = templateRequest.name;
    job.request = templateRequest.toJson();
    RecordedRequest::setDurationSeconds(&job.request, templateDurationSeconds);
    job.status = JobStatus::Submitting;
    job.estimatedCredits = estimate;
    operation->m_jobLocalId = m_store->insertJob(job);
    const QString tag = newTag();
    TemplateJobRequest sent = templateRequest;
    sent.name = taggedName(templateRequest.name, tag);
    const QJsonObject request{{SpendKeys::body, sent.toJson()},
                              {SpendKeys::jobLocalId, operation->m_jobLocalId},
                              {SpendKeys::tag, tag}};
    return begin(SpendKind::TemplatePreview, key, request, estimate,
                 new CreateTemplatePreviewJob(m_client, sent, this), operation);
}

SpendOperation *SpendGuard::renderTemplate(qint64 jobLocalId, RepeatOptions options)
{
    const auto job = m_store->job(jobLocalId);
    if (!job || job->remoteId.isEmpty())
        return blocked(tr("This job has not been created on Creatify yet."));
    const QString key = renderKey(jobLocalId, QString());
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;
    if (job->status.isFailure())
        return blocked(tr("Creatify did not make this preview, so it cannot be rendered."));
    if (job->status != JobStatus::Done)
        return blocked(tr("The preview is not ready yet."));
    auto *operation = new SpendOperation(this);
    RenderRecord render;
    render.jobLocalId = jobLocalId;
    render.mediaJob = job->mediaJob;
    render.visualStyle = job->name;
    render.status = JobStatus::Submitting;
    render.estimatedCredits = estimateRender(jobLocalId);
    operation->m_jobLocalId = jobLocalId;
    operation->m_renderLocalId = m_store->insertRender(render);
    const QJsonObject request{{SpendKeys::jobId, job->remoteId},
                              {SpendKeys::jobLocalId, jobLocalId},
                              {SpendKeys::renderLocalId, operation->m_renderLocalId}};
    return begin(SpendKind::TemplateRender, key, request, render.estimatedCredits,
                 new RenderTemplateJob(m_client, job->remoteId, this), operation);
}

void SpendGuard::onAnswer(ApiJob *job, SpendOperation *operation, SpendKind kind)
{
    m_inFlight.remove(operation->m_spendId);
    if (job->succeeded()) {
        applyConfirmed(job, operation, kind);
        operation->finish(SpendOperation::Outcome::Confirmed);
        return;
    }
    operation->m_error = job->error();
    const bool cancelled = operation->m_cancelRequested;
    if (job->error().outcomeUnknown) {
        qCWarning(lcTracking) << "spend" << operation->m_spendId
                              << "outcome unknown:" << job->error().kindName();
        markUnknown(operation->m_spendId, job->error().message());
        // A cancelled operation ends now; the reconciliation goes on without it.
        m_reconciler->reconcileAfterGrace(operation->m_spendId, cancelled ? nullptr : operation);
        if (cancelled)
            operation->finish(SpendOperation::Outcome::Cancelled);
        return;
    }
    applyRefused(operation, job->error());
    operation->finish(cancelled ? SpendOperation::Outcome::Cancelled
                                : SpendOperation::Outcome::Refused);
}

void SpendGuard::applyConfirmed(ApiJob *job, SpendOperation *operation, SpendKind kind)
{
    QString resultId;
    switch (kind) {
    case SpendKind::CreateLink: {
        const Link link = qobject_cast<CreateLinkJob *>(job)
                ? static_cast<CreateLinkJob *>(job)->link()
                : static_cast<CreateLinkWithParamsJob *>(job)->link();
        m_store->saveLink(link);
        operation->m_link = link;
        resultId = link.id;
        break;
    }
    case SpendKind::PreviewList: {
        const VideoJob remote = static_cast<CreatePreviewListJob *>(job)->job();
        m_ledger.adoptRemoteJob(operation->m_jobLocalId, remote.id, remote.status,
                                remote.creditsUsed);
        resultId = remote.id;
        break;
    }
    case SpendKind::TemplatePreview: {
        const TemplateJob remote = static_cast<CreateTemplatePreviewJob *>(job)->job();
        m_ledger.adoptRemoteJob(operation->m_jobLocalId, remote.id, remote.status,
                                remote.creditsUsed);
        resultId = remote.id;
        break;
    }
    case SpendKind::RenderPreview:
    case SpendKind::TemplateRender: {
        if (auto render = m_store->render(operation->m_renderLocalId)) {
            render->status = JobStatus::Pending;
            m_store->updateRender(*render);
        }
        if (auto local = m_store->job(operation->m_jobLocalId))
            resultId = local->remoteId;
        break;
    }
    }
    m_store->setSpendState(operation->m_spendId, SpendState::Confirmed, resultId);
    Q_EMIT spendChanged(operation->m_spendId);
    Q_EMIT workAdded();
}

void SpendGuard::applyRefused(SpendOperation *operation, const ApiError &error)
{
    m_ledger.markRefused(operation->m_spendId, error.message());
    Q_EMIT spendChanged(operation->m_spendId);
}

void SpendGuard::markUnknown(qint64 spendId, const QString &why)
{
    m_ledger.markUnknown(spendId, why);
    Q_EMIT spendChanged(spendId);
}

void SpendGuard::reconcileUnresolved()
{
    const QList<SpendRecord> spends = m_store->unresolvedSpends();
    for (const SpendRecord &spend : spends) {
        if (m_reconciler->isReconciling(spend.id) || m_inFlight.contains(spend.id))
            continue;
        if (spend.state == SpendState::Pending)
            markUnknown(spend.id, tr("PreviewDeck stopped before the answer arrived."));
        // Stopped long enough ago for anything still running on the server to have landed;
        // the later looks are still required before concluding it never arrived.
        m_reconciler->reconcile(spend.id, nullptr);
    }
}

} // namespace PreviewDeck

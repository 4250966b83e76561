#include "spendguard.h"

#include "apiclient.h"
#include "costestimate.h"
#include "linkjobs.h"
#include "logging.h"
#include "store.h"
#include "templatejobs.h"
#include "videojobs.h"

#include <QJsonArray>
#include <QTimer>

namespace PreviewDeck {

namespace {
// Keys of the spend record's request object: the body sent plus where its results live.
const QLatin1String kBody("body");
const QLatin1String kJobLocalId("job_local_id");
const QLatin1String kRenderLocalId("render_local_id");
const QLatin1String kJobId("job_id");
const QLatin1String kMediaJob("media_job");

constexpr int kReconcileAttempts = 4;

QString absentReason()
{
    return SpendGuard::tr("Creatify has no trace of the request, so nothing was charged. You can "
                          "try again.");
}

QString unknownReason()
{
    return SpendGuard::tr("The answer from Creatify was lost. PreviewDeck is checking whether "
                          "the request went through before you can try again.");
}

QStringList sortedStyles(const QJsonValue &value)
{
    QStringList styles;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        styles << item.toString();
    styles.sort();
    return styles;
}

bool isLiveRender(const RenderRecord &render)
{
    return render.status != QLatin1String("failed") && render.status != QLatin1String("rejected")
            && render.status != LocalStatus::notCreated() && render.status != LocalStatus::lost();
}
} // namespace

QString SpendOperation::message() const
{
    switch (m_outcome) {
    case Outcome::Confirmed:
        return m_reconciled ? SpendGuard::tr("The answer was lost, but Creatify did receive the "
                                             "request; it is being followed.")
                            : QString();
    case Outcome::Refused:
        return m_error.message();
    case Outcome::Absent:
        return m_error.isError() ? m_error.message() + QLatin1Char(' ') + absentReason()
                                 : absentReason();
    case Outcome::Unknown:
        return unknownReason();
    case Outcome::Blocked:
        return m_blockedReason;
    }
    return QString();
}

void SpendOperation::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = outcome;
    Q_EMIT finished(this);
    deleteLater();
}

SpendGuard::SpendGuard(ApiClient *client, Store *store, QObject *parent)
    : QObject(parent), m_client(client), m_store(store)
{
    m_reconcileRetry.setInterval(15000);
    m_reconcileRetry.setSingleShot(true);
    connect(&m_reconcileRetry, &QTimer::timeout, this, &SpendGuard::reconcileUnresolved);
}

SpendGuard::~SpendGuard() = default;

SpendOperation *SpendGuard::blocked(const QString &reason)
{
    auto *operation = new SpendOperation(this);
    operation->m_blockedReason = reason;
    QTimer::singleShot(0, operation,
                       [operation] { operation->finish(SpendOperation::Outcome::Blocked); });
    return operation;
}

SpendOperation *SpendGuard::begin(SpendKind kind, const QString &dedupKey,
                                  const QJsonObject &request, double estimate, ApiJob *job,
                                  SpendOperation *operation)
{
    operation->m_spendId = m_store->recordSpendIntent(kind, dedupKey, request, estimate);
    if (auto render = operation->m_renderLocalId ? m_store->render(operation->m_renderLocalId)
                                                 : std::nullopt) {
        render->spendId = operation->m_spendId;
        m_store->updateRender(*render);
    }
    Q_EMIT spendChanged(operation->m_spendId);
    connect(job, &ApiJob::finished, this,
            [this, operation, kind](ApiJob *j) { onAnswer(j, operation, kind); });
    job->start();
    return operation;
}

SpendOperation *SpendGuard::createLink(const QUrl &productUrl)
{
    const QString key = QLatin1String("link:") + productUrl.toString();
    if (m_store->blockingSpend(key) && m_store->blockingSpend(key)->state != SpendState::Confirmed)
        return blocked(tr("This product page is already being read."));
    auto *operation = new SpendOperation(this);
    const QJsonObject request{{kBody, QJsonObject{{QStringLiteral("url"), productUrl.toString()}}}};
    return begin(SpendKind::CreateLink, key, request, CostEstimate::link(),
                 new CreateLinkJob(m_client, productUrl, this), operation);
}

SpendOperation *SpendGuard::createLinkWithParams(const LinkParams &params)
{
    auto *operation = new SpendOperation(this);
    const QJsonObject request{{kBody, params.toJson()}};
    // Hand-entered links are not deduplicated: the same data twice is a deliberate choice.
    return begin(SpendKind::CreateLink, QString(), request, CostEstimate::link(),
                 new CreateLinkWithParamsJob(m_client, params, this), operation);
}

SpendOperation *SpendGuard::requestPreviews(const PreviewListRequest &previewRequest)
{
    const double estimate = CostEstimate::previewList(int(previewRequest.visualStyles.size()),
                                                      previewRequest.videoLength);
    auto *operation = new SpendOperation(this);
    JobRecord job;
    job.kind = JobKind::LinkPreviews;
    job.linkId = previewRequest.linkId;
    job.name = previewRequest.name;
    job.request = previewRequest.toJson();
    job.status = LocalStatus::submitting();
    job.estimatedCredits = estimate;
    operation->m_jobLocalId = m_store->insertJob(job);
    const QJsonObject request{{kBody, job.request}, {kJobLocalId, operation->m_jobLocalId}};
    return begin(SpendKind::PreviewList,
                 QLatin1String("previews:") + QString::number(operation->m_jobLocalId), request,
                 estimate, new CreatePreviewListJob(m_client, previewRequest, this), operation);
}

double SpendGuard::estimateRender(qint64 jobLocalId) const
{
    const auto job = m_store->job(jobLocalId);
    if (!job)
        return 0;
    if (job->kind == JobKind::TemplatePreview)
        return CostEstimate::templateRender(
                qMax(1, int(job->request.value(QLatin1String("duration")).toDouble(30))),
                job->request.value(QLatin1String("model_version")).toString());
    const PreviewListRequest request = PreviewListRequest::fromJson(job->request);
    return CostEstimate::render(request.videoLength, request.modelVersion);
}

SpendOperation *SpendGuard::renderPreview(qint64 jobLocalId, const QString &mediaJob)
{
    const auto job = m_store->job(jobLocalId);
    if (!job || job->remoteId.isEmpty())
        return blocked(tr("This job has not been created on Creatify yet."));
    const QString key = QLatin1String("render:") + job->remoteId + QLatin1Char(':') + mediaJob;
    if (auto spend = m_store->blockingSpend(key); spend && spend->state != SpendState::Confirmed) {
        return blocked(tr("This preview is already being sent for rendering."));
    }
    QString style;
    for (const PreviewRecord &preview : m_store->previews(jobLocalId))
        if (preview.mediaJob == mediaJob)
            style = preview.visualStyle;
    for (const RenderRecord &render : m_store->renders(jobLocalId)) {
        if (render.mediaJob == mediaJob && isLiveRender(render))
            return blocked(tr("This preview is already rendered or rendering; it is not "
                              "charged again."));
    }
    auto *operation = new SpendOperation(this);
    RenderRecord render;
    render.jobLocalId = jobLocalId;
    render.mediaJob = mediaJob;
    render.visualStyle = style;
    render.status = LocalStatus::submitting();
    render.estimatedCredits = estimateRender(jobLocalId);
    operation->m_jobLocalId = jobLocalId;
    operation->m_renderLocalId = m_store->insertRender(render);
    const QJsonObject request{{kBody, QJsonObject{{QStringLiteral("media_job"), mediaJob}}},
                              {kJobId, job->remoteId},
                              {kMediaJob, mediaJob},
                              {kJobLocalId, jobLocalId},
                              {kRenderLocalId, operation->m_renderLocalId}};
    return begin(SpendKind::RenderPreview, key, request, render.estimatedCredits,
                 new RenderSinglePreviewJob(m_client, job->remoteId, mediaJob, this), operation);
}

SpendOperation *SpendGuard::requestTemplatePreview(const TemplateJobRequest &templateRequest,
                                                   int templateDurationSeconds)
{
    const double estimate = CostEstimate::templatePreview(templateDurationSeconds);
    auto *operation = new SpendOperation(this);
    JobRecord job;
    job.kind = JobKind::TemplatePreview;
    job.templateId = templateRequest.templateId;
    job.name = templateRequest.name;
    job.request = templateRequest.toJson();
    job.request.insert(QStringLiteral("duration"), templateDurationSeconds);
    job.status = LocalStatus::submitting();
    job.estimatedCredits = estimate;
    operation->m_jobLocalId = m_store->insertJob(job);
    const QJsonObject request{{kBody, templateRequest.toJson()},
                              {kJobLocalId, operation->m_jobLocalId}};
    return begin(SpendKind::TemplatePreview,
                 QLatin1String("template-preview:") + QString::number(operation->m_jobLocalId),
                 request, estimate, new CreateTemplatePreviewJob(m_client, templateRequest, this),
                 operation);
}

SpendOperation *SpendGuard::renderTemplate(qint64 jobLocalId)
{
    const auto job = m_store->job(jobLocalId);
    if (!job || job->remoteId.isEmpty())
        return blocked(tr("This job has not been created on Creatify yet."));
    if (job->status != QLatin1String("done"))
        return blocked(tr("The preview is not ready yet."));
    const QString key = QLatin1String("template-render:") + job->remoteId;
    if (auto spend = m_store->blockingSpend(key); spend && spend->state != SpendState::Confirmed)
        return blocked(tr("This variant is already being sent for rendering."));
    for (const RenderRecord &render : m_store->renders(jobLocalId))
        if (isLiveRender(render))
            return blocked(tr("This variant is already rendered or rendering; it is not "
                              "charged again."));
    auto *operation = new SpendOperation(this);
    RenderRecord render;
    render.jobLocalId = jobLocalId;
    render.mediaJob = job->mediaJob;
    render.visualStyle = job->name;
    render.status = LocalStatus::submitting();
    render.estimatedCredits = estimateRender(jobLocalId);
    operation->m_jobLocalId = jobLocalId;
    operation->m_renderLocalId = m_store->insertRender(render);
    const QJsonObject request{{kJobId, job->remoteId},
                              {kJobLocalId, jobLocalId},
                              {kRenderLocalId, operation->m_renderLocalId}};
    return begin(SpendKind::TemplateRender, key, request, render.estimatedCredits,
                 new RenderTemplateJob(m_client, job->remoteId, this), operation);
}

void SpendGuard::onAnswer(ApiJob *job, SpendOperation *operation, SpendKind kind)
{
    if (job->succeeded()) {
        applyConfirmed(job, operation, kind);
        operation->finish(SpendOperation::Outcome::Confirmed);
        return;
    }
    operation->m_error = job->error();
    if (job->error().outcomeUnknown) {
        qCWarning(lcTracking) << "spend" << operation->m_spendId
                              << "outcome unknown:" << job->error().kindName();
        markUnknown(operation->m_spendId, job->error().message());
        const qint64 spendId = operation->m_spendId;
        m_reconciling.insert(spendId);
        QPointer<SpendOperation> guardOperation(operation);
        QTimer::singleShot(m_graceMs, this, [this, spendId, guardOperation] {
            reconcile(spendId, guardOperation.data());
        });
        return;
    }
    applyRefused(operation, job->error());
    operation->finish(SpendOperation::Outcome::Refused);
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
        adoptRemoteJob(operation->m_jobLocalId, remote.id, remote.status, remote.creditsUsed);
        resultId = remote.id;
        break;
    }
    case SpendKind::TemplatePreview: {
        const TemplateJob remote = static_cast<CreateTemplatePreviewJob *>(job)->job();
        adoptRemoteJob(operation->m_jobLocalId, remote.id, remote.status, remote.creditsUsed);
        resultId = remote.id;
        break;
    }
    case SpendKind::RenderPreview:
    case SpendKind::TemplateRender: {
        if (auto render = m_store->render(operation->m_renderLocalId)) {
            render->status = jobStatusToString(JobStatus::Pending);
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

// The job row recorded with the intent becomes the server's job.
void SpendGuard::adoptRemoteJob(qint64 jobLocalId, const QString &remoteId, JobStatus status,
                                double creditsUsed)
{
    auto local = m_store->job(jobLocalId);
    if (!local)
        return;
    local->remoteId = remoteId;
    local->status = jobStatusToString(status);
    local->creditsUsed = creditsUsed;
    local->failedReason.clear();
    m_store->updateJob(*local);
}

void SpendGuard::applyRefused(SpendOperation *operation, const ApiError &error)
{
    m_store->setSpendState(operation->m_spendId, SpendState::Refused, QString(), error.message());
    setLocalStatus(operation->m_spendId, LocalStatus::notCreated(), error.message());
    Q_EMIT spendChanged(operation->m_spendId);
}

void SpendGuard::setLocalStatus(qint64 spendId, const QString &status, const QString &reason)
{
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    const qint64 renderId = qint64(spend->request.value(kRenderLocalId).toDouble());
    if (renderId) {
        if (auto render = m_store->render(renderId)) {
            render->status = status;
            render->failedReason = reason;
            m_store->updateRender(*render);
        }
        return;
    }
    const qint64 jobId = qint64(spend->request.value(kJobLocalId).toDouble());
    if (auto job = jobId ? m_store->job(jobId) : std::nullopt) {
        job->status = status;
        job->failedReason = reason;
        m_store->updateJob(*job);
    }
}

void SpendGuard::markUnknown(qint64 spendId, const QString &why)
{
    m_store->setSpendState(spendId, SpendState::Unknown, QString(), why);
    setLocalStatus(spendId, LocalStatus::unknown(), unknownReason());
    Q_EMIT spendChanged(spendId);
}

void SpendGuard::markAbsent(qint64 spendId)
{
    m_store->setSpendState(spendId, SpendState::Absent, QString(), absentReason());
    setLocalStatus(spendId, LocalStatus::notCreated(), absentReason());
    Q_EMIT spendChanged(spendId);
}

void SpendGuard::reconcileUnresolved()
{
    const QList<SpendRecord> spends = m_store->unresolvedSpends();
    for (const SpendRecord &spend : spends) {
        if (m_reconciling.contains(spend.id))
            continue;
        if (spend.state == SpendState::Pending)
            markUnknown(spend.id, tr("PreviewDeck stopped before the answer arrived."));
        // Stopped long enough ago for anything still running on the server to have landed;
        // the second look is still required before concluding it never arrived.
        reconcile(spend.id, nullptr);
    }
}

// Reads the server's state to learn whether a spend whose answer was lost took effect.
void SpendGuard::reconcile(qint64 spendId, SpendOperation *operation, int look)
{
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    m_reconciling.insert(spendId);
    ApiJob *job = nullptr;
    switch (spend->kind) {
    case SpendKind::CreateLink:
        job = new ListLinksJob(m_client, {}, this);
        break;
    case SpendKind::PreviewList:
        job = new ListVideoJobsJob(m_client, {}, this);
        break;
    case SpendKind::TemplatePreview:
        job = new ListTemplateJobsJob(m_client, {}, this);
        break;
    case SpendKind::RenderPreview:
        job = new GetVideoJobJob(m_client, spend->request.value(kJobId).toString(), this);
        break;
    case SpendKind::TemplateRender:
        job = new GetTemplateJobJob(m_client, spend->request.value(kJobId).toString(), this);
        break;
    }
    job->setMaxAttempts(kReconcileAttempts);
    QPointer<SpendOperation> guardOperation(operation);
    connect(job, &ApiJob::finished, this, [this, spendId, guardOperation, look](ApiJob *j) {
        onReconciled(spendId, guardOperation.data(), j, look);
    });
    job->start();
}

void SpendGuard::onReconciled(qint64 spendId, SpendOperation *operation, ApiJob *job, int look)
{
    m_reconciling.remove(spendId);
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    if (!job->succeeded()) {
        // Still cannot tell: keep blocking a repeat and ask again later.
        qCInfo(lcTracking) << "reconciling spend" << spendId
                           << "failed:" << job->error().kindName();
        m_reconcileRetry.start();
        if (operation)
            operation->finish(SpendOperation::Outcome::Unknown);
        return;
    }

    bool found = false;
    QString resultId;
    const QJsonObject body = spend->request.value(kBody).toObject();
    const qint64 jobLocalId = qint64(spend->request.value(kJobLocalId).toDouble());

    switch (spend->kind) {
    case SpendKind::CreateLink: {
        const QString url = body.value(QLatin1String("url")).toString();
        const QString title = body.value(QLatin1String("title")).toString();
        for (const Link &link : static_cast<ListLinksJob *>(job)->links()) {
            const bool matches = url.isEmpty() ? link.title == title : link.url.toString() == url;
            if (matches && !m_store->link(link.id)) {
                m_store->saveLink(link);
                if (operation)
                    operation->m_link = link;
                resultId = link.id;
                found = true;
                break;
            }
        }
        break;
    }
    case SpendKind::PreviewList: {
        const QString linkId = body.value(QLatin1String("link")).toString();
        const QStringList styles = sortedStyles(body.value(QLatin1String("visual_styles")));
        const QString name = body.value(QLatin1String("name")).toString();
        for (const VideoJob &remote : static_cast<ListVideoJobsJob *>(job)->jobs()) {
            QStringList remoteStyles = remote.visualStyles;
            remoteStyles.sort();
            if (remote.linkId != linkId || remoteStyles != styles
                || (!name.isEmpty() && remote.name != name) || m_store->jobByRemoteId(remote.id))
                continue;
            adoptRemoteJob(jobLocalId, remote.id, remote.status, remote.creditsUsed);
            resultId = remote.id;
            found = true;
            break;
        }
        break;
    }
    case SpendKind::TemplatePreview: {
        const QJsonObject variables = body.value(QLatin1String("variables")).toObject();
        const QString name = body.value(QLatin1String("name")).toString();
        for (const TemplateJob &remote : static_cast<ListTemplateJobsJob *>(job)->jobs()) {
            if (remote.variables != variables || (!name.isEmpty() && remote.name != name)
                || m_store->jobByRemoteId(remote.id))
                continue;
            adoptRemoteJob(jobLocalId, remote.id, remote.status, remote.creditsUsed);
            resultId = remote.id;
            found = true;
            break;
        }
        break;
    }
    case SpendKind::RenderPreview: {
        RenderOutput output;
        const VideoJob remote = static_cast<GetVideoJobJob *>(job)->job();
        const auto render = m_store->render(qint64(spend->request.value(kRenderLocalId).toDouble()));
        found = remote.findOutput(spend->request.value(kMediaJob).toString(),
                                  render ? render->visualStyle : QString(), &output);
        resultId = remote.id;
        break;
    }
    case SpendKind::TemplateRender: {
        const TemplateJob remote = static_cast<GetTemplateJobJob *>(job)->job();
        // A finished preview with no output is what the job looks like if the render never
        // arrived; anything else means it did.
        found = !(remote.status == JobStatus::Done && remote.videoOutput.isEmpty());
        resultId = remote.id;
        break;
    }
    }

    if (!found && look == 1) {
        m_reconciling.insert(spendId);
        QPointer<SpendOperation> guardOperation(operation);
        QTimer::singleShot(m_graceMs, this, [this, spendId, guardOperation] {
            reconcile(spendId, guardOperation.data(), 2);
        });
        return;
    }
    if (!found) {
        qCInfo(lcTracking) << "spend" << spendId << "never reached the server";
        markAbsent(spendId);
        if (operation)
            operation->finish(SpendOperation::Outcome::Absent);
        return;
    }
    qCInfo(lcTracking) << "spend" << spendId << "did take effect; following it";
    m_store->setSpendState(spendId, SpendState::Confirmed, resultId);
    const qint64 renderId = qint64(spend->request.value(kRenderLocalId).toDouble());
    if (auto render = renderId ? m_store->render(renderId) : std::nullopt) {
        render->status = jobStatusToString(JobStatus::Pending);
        render->failedReason.clear();
        m_store->updateRender(*render);
    }
    Q_EMIT spendChanged(spendId);
    Q_EMIT workAdded();
    if (operation) {
        operation->m_reconciled = true;
        operation->finish(SpendOperation::Outcome::Confirmed);
    }
}

} // namespace PreviewDeck

#include "spendguard.h"

#include "apiclient.h"
#include "costestimate.h"
#include "linkjobs.h"
#include "logging.h"
#include "store.h"
#include "templatejobs.h"
#include "videojobs.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>
#include <QUuid>

namespace PreviewDeck {

namespace {
// Keys of the spend record's request object: the body sent plus where its results live.
const QLatin1String kBody("body");
const QLatin1String kJobLocalId("job_local_id");
const QLatin1String kRenderLocalId("render_local_id");
const QLatin1String kJobId("job_id");
const QLatin1String kMediaJob("media_job");
const QLatin1String kTag("tag");

constexpr int kReconcileAttempts = 4;
constexpr int kMaxNameLength = 255;

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

QString notRecordedReason()
{
    return SpendGuard::tr("PreviewDeck could not write this purchase into its history (is the "
                          "disk full or read-only?), so nothing was sent and nothing was "
                          "charged.");
}

QString notSureReason(const QString &sentName)
{
    return SpendGuard::tr("The answer from Creatify was lost, and Creatify offers no way to "
                          "check whether this template preview was made. Look in Creatify's "
                          "web app for a job named \"%1\": if it is there, it was charged. "
                          "Sending it again may charge again.")
            .arg(sentName);
}

QString timeOfDay(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
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

// The styles a listed job was made for: its own list, or those of its previews.
QStringList stylesOf(const VideoJob &job)
{
    QStringList styles = job.visualStyles;
    if (styles.isEmpty()) {
        for (const Preview &preview : job.previews)
            if (!styles.contains(preview.visualStyle))
                styles << preview.visualStyle;
    }
    styles.sort();
    return styles;
}

// Servers differ in how they spell the same address: a trailing slash, the host's case (QUrl
// folds it), percent-encoding.
QString comparableUrl(const QString &text)
{
    return QUrl(text)
            .adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments | QUrl::RemoveUserInfo
                      | QUrl::RemoveFragment)
            .toString(QUrl::FullyEncoded);
}

QString identity(const QString &prefix, const QJsonObject &object)
{
    return prefix
            + QString::fromLatin1(
                    QCryptographicHash::hash(QJsonDocument(object).toJson(QJsonDocument::Compact),
                                             QCryptographicHash::Sha1)
                            .toHex());
}

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

bool namesMatch(const QString &remoteName, const QString &sentName, const QString &tag)
{
    // Servers that do not echo the name leave only the other fields to compare.
    return remoteName.isEmpty() || remoteName == sentName
            || (!tag.isEmpty() && remoteName.contains(tag));
}

bool isRenderable(const JobStatus &jobStatus)
{
    return jobStatus != JobStatus::Rejected && jobStatus != JobStatus::Failed
            && jobStatus != JobStatus::Lost;
}
} // namespace

QString SpendOperation::message() const
{
    if (!m_text.isEmpty())
        return m_text;
    switch (m_outcome) {
    case Outcome::Confirmed:
        return m_reconciled ? SpendGuard::tr("The answer was lost, but Creatify did receive the "
                                             "request; it is being followed.")
                            : QString();
    case Outcome::Existing:
        return m_finishedBefore
                ? SpendGuard::tr("This was already bought at %1; nothing was charged again.")
                          .arg(timeOfDay(m_startedAt))
                : SpendGuard::tr("Carrying on with the one started at %1; nothing is charged "
                                 "again.")
                          .arg(timeOfDay(m_startedAt));
    case Outcome::Refused:
        return m_error.message();
    case Outcome::Absent:
        return m_error.isError() ? m_error.message() + QLatin1Char(' ') + absentReason()
                                 : absentReason();
    case Outcome::Unknown:
        return unknownReason();
    case Outcome::NotSure:
    case Outcome::Blocked:
        return QString();
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
    const auto spend = m_store->blockingSpend(dedupKey);
    if (!spend)
        return nullptr;
    const bool finished = spend->state == SpendState::Confirmed && purchaseFinished(*spend);
    if (spend->state == SpendState::Unsure && options.testFlag(SendAgainIfNotSure))
        return nullptr;
    if (finished && options.testFlag(BuyAgainIfFinished))
        return nullptr;
    if (spend->kind == SpendKind::CreateLink && spend->state == SpendState::Confirmed
        && !m_store->link(spend->resultId))
        return nullptr; // nothing left to carry on with
    return follow(spend->id);
}

bool SpendGuard::purchaseFinished(const SpendRecord &spend) const
{
    const qint64 renderId = qint64(spend.request.value(kRenderLocalId).toDouble());
    if (renderId) {
        const auto render = m_store->render(renderId);
        return !render || render->status.isFinished();
    }
    const qint64 jobId = qint64(spend.request.value(kJobLocalId).toDouble());
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
    operation->m_jobLocalId = qint64(spend->request.value(kJobLocalId).toDouble());
    operation->m_renderLocalId = qint64(spend->request.value(kRenderLocalId).toDouble());
    operation->m_startedAt = spend->createdAt;
    m_followers.insert(spendId, operation);
    const bool unresolved = spend->state == SpendState::Pending
            || spend->state == SpendState::Unknown;
    if (unresolved && !m_inFlight.contains(spendId) && !m_reconciling.contains(spendId)) {
        if (spend->state == SpendState::Pending)
            markUnknown(spendId, tr("PreviewDeck stopped before the answer arrived."));
        reconcile(spendId, nullptr);
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
                                   notRecordedReason());
        operation->m_text = notRecordedReason();
        if (auto render = operation->m_renderLocalId ? m_store->render(operation->m_renderLocalId)
                                                     : std::nullopt) {
            render->status = JobStatus::NotCreated;
            render->failedReason = notRecordedReason();
            m_store->updateRender(*render);
        } else if (auto row = kind == SpendKind::PreviewList || kind == SpendKind::TemplatePreview
                           ? m_store->job(operation->m_jobLocalId)
                           : std::nullopt) {
            row->status = JobStatus::NotCreated;
            row->failedReason = notRecordedReason();
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
    QPointer<SpendOperation> guardOperation(operation);
    connect(job, &ApiJob::retrying, operation,
            [guardOperation](ApiJob *, int delayMs, const ApiError &error) {
                if (guardOperation && error.kind == ApiError::Kind::RateLimited)
                    Q_EMIT guardOperation->waiting(qMax(1, (delayMs + 999) / 1000),
                                                   error.retryingMessage(delayMs));
            });
    connect(job, &ApiJob::finished, this,
            [this, operation, kind](ApiJob *j) { onAnswer(j, operation, kind); });
    job->start();
    return operation;
}

SpendOperation *SpendGuard::createLink(const QUrl &productUrl, RepeatOptions options)
{
    const QString key = QLatin1String("link:") + comparableUrl(productUrl.toString());
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;
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

SpendOperation *SpendGuard::requestPreviews(const PreviewListRequest &previewRequest,
                                            RepeatOptions options)
{
    QJsonObject identityFields = previewRequest.toJson();
    identityFields.insert(QStringLiteral("visual_styles"),
                          QJsonArray::fromStringList(sortedStyles(
                                  identityFields.value(QLatin1String("visual_styles")))));
    const QString key = identity(QStringLiteral("previews:"), identityFields);
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
    const QJsonObject request{
            {kBody, sent.toJson()}, {kJobLocalId, operation->m_jobLocalId}, {kTag, tag}};
    return begin(SpendKind::PreviewList, key, request, estimate,
                 new CreatePreviewListJob(m_client, sent, this), operation);
}

double SpendGuard::estimateRender(qint64 jobLocalId) const
{
    const auto job = m_store->job(jobLocalId);
    if (!job)
        return 0;
    if (job->kind == JobKind::TemplatePreview)
        return CostEstimate::templateRender(qMax(1, job->recorded().durationSeconds(30)),
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
    const QString key = QLatin1String("render:") + job->remoteId + QLatin1Char(':') + mediaJob;
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;
    if (!isRenderable(job->status))
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
    const QJsonObject request{{kBody, QJsonObject{{QStringLiteral("media_job"), mediaJob}}},
                              {kJobId, job->remoteId},
                              {kMediaJob, mediaJob},
                              {kJobLocalId, jobLocalId},
                              {kRenderLocalId, operation->m_renderLocalId}};
    return begin(SpendKind::RenderPreview, key, request, render.estimatedCredits,
                 new RenderSinglePreviewJob(m_client, job->remoteId, mediaJob, this), operation);
}

SpendOperation *SpendGuard::requestTemplatePreview(const TemplateJobRequest &templateRequest,
                                                   int templateDurationSeconds,
                                                   RepeatOptions options)
{
    QJsonObject identityFields = templateRequest.toJson();
    identityFields.insert(QStringLiteral("template_id"), templateRequest.templateId);
    const QString key = identity(QStringLiteral("template-preview:"), identityFields);
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
    const QJsonObject request{
            {kBody, sent.toJson()}, {kJobLocalId, operation->m_jobLocalId}, {kTag, tag}};
    return begin(SpendKind::TemplatePreview, key, request, estimate,
                 new CreateTemplatePreviewJob(m_client, sent, this), operation);
}

SpendOperation *SpendGuard::renderTemplate(qint64 jobLocalId, RepeatOptions options)
{
    const auto job = m_store->job(jobLocalId);
    if (!job || job->remoteId.isEmpty())
        return blocked(tr("This job has not been created on Creatify yet."));
    const QString key = QLatin1String("template-render:") + job->remoteId;
    if (SpendOperation *existing = existingPurchase(key, options))
        return existing;
    if (!isRenderable(job->status))
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
    const QJsonObject request{{kJobId, job->remoteId},
                              {kJobLocalId, jobLocalId},
                              {kRenderLocalId, operation->m_renderLocalId}};
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

// The job row recorded with the intent becomes the server's job.
void SpendGuard::adoptRemoteJob(qint64 jobLocalId, const QString &remoteId, const JobStatus &status,
                                double creditsUsed)
{
    auto local = m_store->job(jobLocalId);
    if (!local)
        return;
    local->remoteId = remoteId;
    // A job found already finished still needs its previews read: the tracker does that for
    // jobs it sees as unfinished.
    local->status = status.isFinished() ? JobStatus::Pending : status;
    local->creditsUsed = creditsUsed;
    local->failedReason.clear();
    m_store->updateJob(*local);
}

void SpendGuard::applyRefused(SpendOperation *operation, const ApiError &error)
{
    m_store->setSpendState(operation->m_spendId, SpendState::Refused, QString(), error.message());
    setLocalStatus(operation->m_spendId, JobStatus::NotCreated, error.message());
    Q_EMIT spendChanged(operation->m_spendId);
}

void SpendGuard::setLocalStatus(qint64 spendId, const JobStatus &status, const QString &reason)
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
    setLocalStatus(spendId, JobStatus::Reconciling, unknownReason());
    Q_EMIT spendChanged(spendId);
}

void SpendGuard::markAbsent(qint64 spendId)
{
    m_store->setSpendState(spendId, SpendState::Absent, QString(), absentReason());
    setLocalStatus(spendId, JobStatus::NotCreated, absentReason());
    Q_EMIT spendChanged(spendId);
}

void SpendGuard::markUnsure(qint64 spendId)
{
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    const QString why = notSureReason(
            spend->request.value(kBody).toObject().value(QLatin1String("name")).toString());
    m_store->setSpendState(spendId, SpendState::Unsure, QString(), why);
    setLocalStatus(spendId, JobStatus::Unsure, why);
    Q_EMIT spendChanged(spendId);
}

void SpendGuard::reconcileUnresolved()
{
    const QList<SpendRecord> spends = m_store->unresolvedSpends();
    for (const SpendRecord &spend : spends) {
        if (m_reconciling.contains(spend.id) || m_inFlight.contains(spend.id))
            continue;
        if (spend.state == SpendState::Pending)
            markUnknown(spend.id, tr("PreviewDeck stopped before the answer arrived."));
        // Stopped long enough ago for anything still running on the server to have landed;
        // the later looks are still required before concluding it never arrived.
        reconcile(spend.id, nullptr);
    }
}

// Reads the server's state, through documented endpoints, to learn whether a spend whose
// answer was lost took effect. Template previews have no documented list: the list is tried,
// and where it is missing the purchase is "not sure".
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

void SpendGuard::lookAgainLater(qint64 spendId, SpendOperation *operation, int nextLook)
{
    m_reconciling.insert(spendId);
    QPointer<SpendOperation> guardOperation(operation);
    // Each look waits twice as long as the one before: a slow server gets minutes, not seconds.
    const int delay = m_graceMs << qMin(nextLook - 1, 10);
    QTimer::singleShot(delay, this, [this, spendId, guardOperation, nextLook] {
        reconcile(spendId, guardOperation.data(), nextLook);
    });
}

void SpendGuard::onReconciled(qint64 spendId, SpendOperation *operation, ApiJob *job, int look)
{
    m_reconciling.remove(spendId);
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    if (!job->succeeded()) {
        const ApiError::Kind kind = job->error().kind;
        if (spend->kind == SpendKind::TemplatePreview
            && (kind == ApiError::Kind::NotFound || kind == ApiError::Kind::Validation)) {
            // No list of template jobs on this server: nothing else can tell.
            markUnsure(spendId);
            if (operation) {
                operation->m_text = m_store->spend(spendId)->error;
                operation->finish(SpendOperation::Outcome::NotSure);
            }
            return;
        }
        // Still cannot tell: keep blocking a repeat and ask again later.
        qCInfo(lcTracking) << "reconciling spend" << spendId
                           << "failed:" << job->error().kindName();
        m_reconcileRetry.start();
        if (operation)
            operation->finish(SpendOperation::Outcome::Unknown);
        return;
    }

    QString resultId;
    const bool found = findInAnswer(*spend, job, operation, &resultId);
    if (!found && look < m_looks) {
        lookAgainLater(spendId, operation, look + 1);
        return;
    }
    if (!found) {
        if (spend->kind == SpendKind::TemplatePreview) {
            // The list is not documented: its silence proves nothing.
            markUnsure(spendId);
            if (operation) {
                operation->m_text = m_store->spend(spendId)->error;
                operation->finish(SpendOperation::Outcome::NotSure);
            }
            return;
        }
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
        render->status = JobStatus::Pending;
        render->failedReason.clear();
        m_store->updateRender(*render);
    }
    if (operation)
        operation->m_reconciled = true;
    Q_EMIT spendChanged(spendId);
    Q_EMIT workAdded();
    if (operation)
        operation->finish(SpendOperation::Outcome::Confirmed);
}

bool SpendGuard::findInAnswer(const SpendRecord &spend, ApiJob *job, SpendOperation *operation,
                              QString *resultId)
{
    const QJsonObject body = spend.request.value(kBody).toObject();
    const qint64 jobLocalId = qint64(spend.request.value(kJobLocalId).toDouble());
    const QString tag = spend.request.value(kTag).toString();
    const QString sentName = body.value(QLatin1String("name")).toString();

    switch (spend.kind) {
    case SpendKind::CreateLink: {
        const QString url = comparableUrl(body.value(QLatin1String("url")).toString());
        const QString title = body.value(QLatin1String("title")).toString();
        const bool byUrl = !body.value(QLatin1String("url")).toString().isEmpty();
        for (const Link &link : static_cast<ListLinksJob *>(job)->links()) {
            const bool matches = byUrl ? comparableUrl(link.url.toString()) == url
                                       : link.title == title;
            if (!matches || m_store->link(link.id))
                continue;
            m_store->saveLink(link);
            if (operation)
                operation->m_link = link;
            *resultId = link.id;
            return true;
        }
        return false;
    }
    case SpendKind::PreviewList: {
        const QString linkId = body.value(QLatin1String("link")).toString();
        const QStringList styles = sortedStyles(body.value(QLatin1String("visual_styles")));
        for (const VideoJob &remote : static_cast<ListVideoJobsJob *>(job)->jobs()) {
            const QStringList remoteStyles = stylesOf(remote);
            if (m_store->jobByRemoteId(remote.id)
                || (!remote.linkId.isEmpty() && remote.linkId != linkId)
                || !namesMatch(remote.name, sentName, tag)
                || (!remoteStyles.isEmpty() && remoteStyles != styles)
                || (remote.linkId.isEmpty() && remote.name.isEmpty()))
                continue;
            adoptRemoteJob(jobLocalId, remote.id, remote.status, remote.creditsUsed);
            *resultId = remote.id;
            return true;
        }
        return false;
    }
    case SpendKind::TemplatePreview: {
        const QJsonObject variables = body.value(QLatin1String("variables")).toObject();
        for (const TemplateJob &remote : static_cast<ListTemplateJobsJob *>(job)->jobs()) {
            if (m_store->jobByRemoteId(remote.id) || !namesMatch(remote.name, sentName, tag)
                || (remote.name.isEmpty() && remote.variables != variables))
                continue;
            adoptRemoteJob(jobLocalId, remote.id, remote.status, remote.creditsUsed);
            *resultId = remote.id;
            return true;
        }
        return false;
    }
    case SpendKind::RenderPreview: {
        RenderOutput output;
        const VideoJob remote = static_cast<GetVideoJobJob *>(job)->job();
        const auto render = m_store->render(qint64(spend.request.value(kRenderLocalId).toDouble()));
        *resultId = remote.id;
        return remote.findOutput(spend.request.value(kMediaJob).toString(),
                                 render ? render->visualStyle : QString(), &output);
    }
    case SpendKind::TemplateRender: {
        const TemplateJob remote = static_cast<GetTemplateJobJob *>(job)->job();
        *resultId = remote.id;
        // A finished preview with no output is what the job looks like if the render never
        // arrived; anything else means it did.
        return !(remote.status == JobStatus::Done && remote.videoOutput.isEmpty());
    }
    }
    return false;
}

} // namespace PreviewDeck

#include "spendreconciler.h"

#include "linkjobs.h"
#include "logging.h"
#include "renderoutputs.h"
#include "spendoperation.h"
#include "store.h"
#include "templatejobs.h"
#include "videojobs.h"

#include <QPointer>

namespace PreviewDeck {

namespace {
constexpr int kReconcileAttempts = 4;

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

bool namesMatch(const QString &remoteName, const QString &sentName, const QString &tag)
{
    // Servers that do not echo the name leave only the other fields to compare.
    return remoteName.isEmpty() || remoteName == sentName
            || (!tag.isEmpty() && remoteName.contains(tag));
}
} // namespace

SpendReconciler::SpendReconciler(ApiClient *client, Store *store, QObject *parent)
    : QObject(parent), m_client(client), m_store(store), m_ledger(store)
{
    m_retry.setInterval(15000);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SpendReconciler::retryDue);
}

void SpendReconciler::reconcileAfterGrace(qint64 spendId, SpendOperation *operation)
{
    m_reconciling.insert(spendId);
    QPointer<SpendOperation> guardOperation(operation);
    QTimer::singleShot(m_graceMs, this, [this, spendId, guardOperation] {
        reconcile(spendId, guardOperation.data());
    });
}

// Reads the server's state, through documented endpoints, to learn whether a spend whose
// answer was lost took effect. Template previews have no documented list: the list is tried,
// and where it is missing the purchase is "not sure".
void SpendReconciler::reconcile(qint64 spendId, SpendOperation *operation, int look)
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
        job = new GetVideoJobJob(m_client, spend->request.value(SpendKeys::jobId).toString(), this);
        break;
    case SpendKind::TemplateRender:
        job = new GetTemplateJobJob(m_client, spend->request.value(SpendKeys::jobId).toString(),
                                    this);
        break;
    }
    job->setMaxAttempts(kReconcileAttempts);
    QPointer<SpendOperation> guardOperation(operation);
    connect(job, &ApiJob::finished, this, [this, spendId, guardOperation, look](ApiJob *j) {
        onReconciled(spendId, guardOperation.data(), j, look);
    });
    job->start();
}

void SpendReconciler::lookAgainLater(qint64 spendId, SpendOperation *operation, int nextLook)
{
    m_reconciling.insert(spendId);
    QPointer<SpendOperation> guardOperation(operation);
    // Each look waits twice as long as the one before: a slow server gets minutes, not seconds.
    const int delay = m_graceMs << qMin(nextLook - 1, 10);
    QTimer::singleShot(delay, this, [this, spendId, guardOperation, nextLook] {
        reconcile(spendId, guardOperation.data(), nextLook);
    });
}

void SpendReconciler::onReconciled(qint64 spendId, SpendOperation *operation, ApiJob *job, int look)
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
            settleUnsure(spendId, operation);
            return;
        }
        // Still cannot tell: keep blocking a repeat and ask again later.
        qCInfo(lcTracking) << "reconciling spend" << spendId
                           << "failed:" << job->error().kindName();
        m_retry.start();
        if (operation)
            operation->finish(SpendOperation::Outcome::Unknown);
        return;
    }

    QString resultId;
    bool cannotTell = false;
    const bool found = findInAnswer(*spend, job, operation, &resultId, &cannotTell);
    if (!found && look < m_looks) {
        lookAgainLater(spendId, operation, look + 1);
        return;
    }
    if (!found) {
        if (spend->kind == SpendKind::TemplatePreview || cannotTell) {
            // The list is not documented (or the job cannot show this render apart from an
            // earlier one): its silence proves nothing.
            settleUnsure(spendId, operation);
            return;
        }
        qCInfo(lcTracking) << "spend" << spendId << "never reached the server";
        m_ledger.markAbsent(spendId);
        Q_EMIT spendChanged(spendId);
        if (operation)
            operation->finish(SpendOperation::Outcome::Absent);
        return;
    }
    qCInfo(lcTracking) << "spend" << spendId << "did take effect; following it";
    m_store->setSpendState(spendId, SpendState::Confirmed, resultId);
    const qint64 renderId = SpendLedger::renderLocalIdOf(*spend);
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

bool SpendReconciler::findInAnswer(const SpendRecord &spend, ApiJob *job, SpendOperation *operation,
                                   QString *resultId, bool *cannotTell)
{
    const QJsonObject body = spend.request.value(SpendKeys::body).toObject();
    const qint64 jobLocalId = SpendLedger::jobLocalIdOf(spend);
    const QString tag = spend.request.value(SpendKeys::tag).toString();
    const QString sentName = body.value(QLatin1String("name")).toString();

    switch (spend.kind) {
    case SpendKind::CreateLink: {
        const QString url = SpendLedger::comparableUrl(body.value(QLatin1String("url")).toString());
        const QString title = body.value(QLatin1String("title")).toString();
        const bool byUrl = !body.value(QLatin1String("url")).toString().isEmpty();
        for (const Link &link : static_cast<ListLinksJob *>(job)->links()) {
            const bool matches = byUrl ? SpendLedger::comparableUrl(link.url.toString()) == url
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
        const QStringList styles = SpendLedger::sortedStyles(
                body.value(QLatin1String("visual_styles")));
        for (const VideoJob &remote : static_cast<ListVideoJobsJob *>(job)->jobs()) {
            const QStringList remoteStyles = stylesOf(remote);
            if (m_store->jobByRemoteId(remote.id)
                || (!remote.linkId.isEmpty() && remote.linkId != linkId)
                || !namesMatch(remote.name, sentName, tag)
                || (!remoteStyles.isEmpty() && remoteStyles != styles)
                || (remote.linkId.isEmpty() && remote.name.isEmpty()))
                continue;
            m_ledger.adoptRemoteJob(jobLocalId, remote.id, remote.status, remote.creditsUsed);
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
            m_ledger.adoptRemoteJob(jobLocalId, remote.id, remote.status, remote.creditsUsed);
            *resultId = remote.id;
            return true;
        }
        return false;
    }
    case SpendKind::RenderPreview: {
        const VideoJob remote = static_cast<GetVideoJobJob *>(job)->job();
        auto render = m_store->render(SpendLedger::renderLocalIdOf(spend));
        *resultId = remote.id;
        if (!render) { // recorded by an older build: only the spend names the preview
            render = RenderRecord();
            render->jobLocalId = SpendLedger::jobLocalIdOf(spend);
            render->mediaJob = spend.request.value(SpendKeys::mediaJob).toString();
        }
        const RenderOutputs::Trace trace = RenderOutputs::trace(remote, *m_store, *render);
        *cannotTell = trace == RenderOutputs::Trace::CannotTell;
        return trace == RenderOutputs::Trace::Listed;
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

void SpendReconciler::settleUnsure(qint64 spendId, SpendOperation *operation)
{
    m_ledger.markUnsure(spendId);
    Q_EMIT spendChanged(spendId);
    if (operation) {
        operation->m_text = m_store->spend(spendId)->error;
        operation->finish(SpendOperation::Outcome::NotSure);
    }
}

} // namespace PreviewDeck

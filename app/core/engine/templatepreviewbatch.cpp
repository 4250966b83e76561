#include "templatepreviewbatch.h"

#include "apierror.h"
#include "costestimate.h"
#include "engine.h"
#include "jobtracker.h"
#include "logging.h"
#include "spendguard.h"
#include "spendoperation.h"
#include "store.h"

#include <QtMath>

#include <algorithm>

namespace PreviewDeck {

TemplatePreviewBatch::TemplatePreviewBatch(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine)
{
    Store *store = m_engine->store();
    connect(store, &Store::jobChanged, this, [this](qint64 jobLocalId) {
        if (m_id && contains(jobLocalId))
            Q_EMIT changed();
    });
    connect(store, &Store::renderChanged, this, [this, store](qint64 renderLocalId) {
        const auto render = store->render(renderLocalId);
        if (m_id && render && contains(render->jobLocalId))
            Q_EMIT changed();
    });
    connect(store, &Store::templateBatchChanged, this, [this](qint64 batchId) {
        if (batchId == m_id)
            Q_EMIT changed();
    });
}

TemplateBatch TemplatePreviewBatch::batch() const
{
    if (!m_id)
        return {};
    return m_engine->store()->templateBatch(m_id).value_or(TemplateBatch{});
}

bool TemplatePreviewBatch::isTemplateGone(const ApiError &error)
{
    return error.kind == ApiError::Kind::NotFound
            || error.fieldErrors.contains(QStringLiteral("template_id"));
}

TemplatePreviewBatch::Cost TemplatePreviewBatch::estimate(int count, double knownPreviewCredits,
                                                          const QString &modelVersion)
{
    Cost cost;
    cost.eachPreview = knownPreviewCredits > 0
            ? knownPreviewCredits
            : CostEstimate::templatePreview(CostEstimate::kAssumedTemplateSeconds);
    cost.total = cost.eachPreview * count;
    const int seconds = knownPreviewCredits > 0 ? qCeil(knownPreviewCredits) * 30
                                                : CostEstimate::kAssumedTemplateSeconds;
    cost.render = CostEstimate::templateRender(
            seconds, modelVersion.isEmpty() ? QStringLiteral("standard") : modelVersion);
    return cost;
}

double TemplatePreviewBatch::lastPreviewCredits(const QString &templateId) const
{
    const QList<JobRecord> jobs = m_engine->store()->jobs(); // newest first
    for (const JobRecord &job : jobs) {
        // A rendered job's credits include the render.
        if (job.kind == JobKind::TemplatePreview && job.templateId == templateId
            && job.status == JobStatus::Done && job.creditsUsed > 0
            && m_engine->store()->renders(job.localId).isEmpty())
            return job.creditsUsed;
    }
    return 0;
}

bool TemplatePreviewBatch::open(qint64 batchId)
{
    if (!m_engine->store()->templateBatch(batchId))
        return false;
    if (batchId != m_id) {
        m_id = batchId;
        Q_EMIT changed();
    }
    return true;
}

bool TemplatePreviewBatch::start(const QString &templateId, const QString &aspectRatio,
                                 const QList<Variant> &variants)
{
    if (isSending() || variants.isEmpty())
        return false; // one batch at a time: a double click must not buy twice
    m_result = Result();
    QList<QPair<SpendOperation *, Variant>> operations;
    TemplateBatch batch;
    batch.templateId = templateId;
    batch.aspectRatio = aspectRatio;
    for (const Variant &variant : variants) {
        SpendOperation *op = m_engine->spendGuard()->requestTemplatePreview(
                variant.request, CostEstimate::kAssumedTemplateSeconds);
        if (op->jobLocalId()) // 0: blocked before a job was recorded
            batch.entries << TemplateBatchEntry{op->jobLocalId(), variant.label};
        operations << qMakePair(op, variant);
    }
    // The batch is recorded before any answer, so a crash meanwhile still leaves it reopenable.
    m_id = m_engine->store()->insertTemplateBatch(batch);
    if (!m_id)
        qCWarning(lcStorage) << "the template batch could not be recorded";
    m_openSpends = int(operations.size());
    for (const auto &[op, variant] : std::as_const(operations)) {
        Q_EMIT spendStarted(op);
        connect(op, &SpendOperation::finished, this,
                [this, variant = variant](SpendOperation *o) { onSpendFinished(o, variant); });
    }
    Q_EMIT changed();
    return true;
}

void TemplatePreviewBatch::onSpendFinished(SpendOperation *operation, const Variant &variant)
{
    if (operation->carriesOn()) {
        ++m_result.carried;
        m_engine->tracker()->poke();
    } else if (operation->outcome() == SpendOperation::Outcome::NotSure) {
        m_result.notSure << variant;
        m_result.notSureJobIds << operation->jobLocalId();
        m_result.notSureReasons << tr("%1: %2").arg(variant.label, operation->message());
    } else {
        const QString why = isTemplateGone(operation->error())
                ? tr("this template was not found (it may have been deleted)")
                : operation->message();
        m_result.failures << tr("%1: %2").arg(variant.label, why);
    }
    if (--m_openSpends > 0)
        return;
    Q_EMIT changed();
    Q_EMIT sent(m_result);
}

void TemplatePreviewBatch::sendAgain(const QList<Variant> &variants, const QList<qint64> &jobIds)
{
    if (isSending())
        return; // the first batch's answers are still coming
    TemplateBatch current = batch();
    for (int i = 0; i < variants.size(); ++i) {
        SpendOperation *op = m_engine->spendGuard()->requestTemplatePreview(
                variants.at(i).request, CostEstimate::kAssumedTemplateSeconds,
                SpendGuard::SendAgainIfNotSure);
        Q_EMIT spendStarted(op);
        const TemplateBatchEntry entry{op->jobLocalId(), variants.at(i).label};
        const qint64 replaced = jobIds.value(i);
        auto at = std::find_if(
                current.entries.begin(), current.entries.end(),
                [replaced](const TemplateBatchEntry &e) { return e.jobLocalId == replaced; });
        // Blocked before a job was recorded (no id): the old one stays in its place.
        if (entry.jobLocalId && at != current.entries.end())
            *at = entry;
        else if (entry.jobLocalId)
            current.entries << entry;
        connect(op, &SpendOperation::finished, this, [this](SpendOperation *o) {
            if (o->carriesOn())
                m_engine->tracker()->poke();
            else
                Q_EMIT sendAgainFailed(o->message());
            Q_EMIT changed();
        });
    }
    if (m_id && !m_engine->store()->setTemplateBatchEntries(m_id, current.entries))
        qCWarning(lcStorage) << "the template batch could not be updated";
}

} // namespace PreviewDeck

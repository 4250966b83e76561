#include "batchrunner.h"

#include "batchprogress.h"
#include "engine.h"
#include "jobtracker.h"
#include "logging.h"
#include "spendoperation.h"
#include "store.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace PreviewDeck {

namespace {
QString taskKey(qint64 batchId, int position, int step, const QString &style)
{
    return QStringLiteral("%1:%2:%3:%4").arg(batchId).arg(position).arg(step).arg(style);
}
} // namespace

BatchRunner::BatchRunner(Engine *engine, QObject *parent) : QObject(parent), m_engine(engine)
{
    m_pause.setSingleShot(true);
    connect(&m_pause, &QTimer::timeout, this, [this] {
        Q_EMIT resumed();
        pump();
    });
    Store *store = m_engine->store();
    connect(store, &Store::batchChanged, this, &BatchRunner::changed);
    connect(store, &Store::jobChanged, this, &BatchRunner::onJobChanged);
    connect(store, &Store::renderChanged, this, &BatchRunner::onRenderChanged);
    connect(m_engine, &Engine::downloadFinished, this, &BatchRunner::onRenderChanged);
    connect(m_engine, &Engine::downloadFailed, this, &BatchRunner::onRenderChanged);
}

BatchRunner::~BatchRunner() = default;

QString BatchRunner::keyFor(const PreviewListRequest &options, const QList<BatchRow> &rows)
{
    QJsonArray products;
    for (const BatchRow &row : rows)
        products.append(QJsonArray{row.url, row.name, row.title, row.description,
                                   QJsonArray::fromStringList(row.imageUrls)});
    const QJsonObject identity{{QStringLiteral("options"), options.toJson()},
                               {QStringLiteral("products"), products}};
    return QLatin1String("batch:")
            + QString::fromLatin1(
                    QCryptographicHash::hash(QJsonDocument(identity).toJson(QJsonDocument::Compact),
                                             QCryptographicHash::Sha1)
                            .toHex());
}

qint64 BatchRunner::create(const QString &name, const PreviewListRequest &options,
                           const QList<BatchRow> &rows, const QString &downloadDirectory)
{
    Batch batch;
    batch.name = name;
    batch.key = keyFor(options, rows);
    batch.request = options.toJson();
    batch.downloadDirectory = downloadDirectory;
    batch.rows = rows;
    return m_engine->store()->insertBatch(batch);
}

std::optional<BatchRow> BatchRunner::row(qint64 batchId, int position) const
{
    const auto batch = m_engine->store()->batch(batchId);
    if (!batch || position < 0 || position >= batch->rows.size())
        return std::nullopt;
    return batch->rows.at(position);
}

bool BatchRunner::writeRow(const BatchRow &row)
{
    if (m_engine->store()->updateBatchRow(row))
        return true;
    qCWarning(lcStorage) << "batch row not recorded" << row.batchId << row.position;
    return false;
}

bool BatchRunner::run(qint64 batchId)
{
    const auto batch = m_engine->store()->batch(batchId);
    if (!batch)
        return false;
    for (const BatchRow &row : batch->rows)
        carryOnRow(*batch, row);
    pump();
    return true;
}

void BatchRunner::carryOnRow(const Batch &batch, const BatchRow &row)
{
    switch (row.stage) {
    case BatchRowStage::Queued:
    case BatchRowStage::Reading:
        enqueue({batch.id, row.position, Step::Link, QString(), m_options});
        return;
    case BatchRowStage::Read:
        enqueue({batch.id, row.position, Step::Previews, QString(), m_options});
        return;
    case BatchRowStage::Previewing: {
        // A job whose answer never came is followed by asking again (the guard carries on with
        // it); one that exists on Creatify is the tracker's.
        const auto job = m_engine->store()->job(row.jobLocalId);
        if (!job || job->status.isAwaitingAnswer())
            enqueue({batch.id, row.position, Step::Previews, QString(), m_options});
        else
            m_engine->tracker()->poke();
        renderReadyPicks(batch, row);
        return;
    }
    case BatchRowStage::LinkFailed:
    case BatchRowStage::Failed:
    case BatchRowStage::Dropped:
        return;
    }
}

void BatchRunner::enqueue(const Task &task)
{
    const QString key = taskKey(task.batchId, task.position, int(task.step), task.visualStyle);
    if (m_queued.contains(key))
        return;
    m_queued.insert(key);
    m_queue.append(task);
}

void BatchRunner::pump()
{
    while (!isPaused() && m_inFlight < m_maxInFlight && !m_queue.isEmpty())
        startTask(m_queue.takeFirst());
    if (isIdle())
        Q_EMIT idle();
}

void BatchRunner::startTask(const Task &task)
{
    const auto current = row(task.batchId, task.position);
    const auto finishedTask = [this, task] {
        m_queued.remove(taskKey(task.batchId, task.position, int(task.step), task.visualStyle));
    };
    if (!current || current->stage == BatchRowStage::Dropped) {
        finishedTask();
        return;
    }
    ++m_inFlight;
    switch (task.step) {
    case Step::Link:
        startLink(task, *current);
        break;
    case Step::Previews:
        startPreviews(task, *current);
        break;
    case Step::Render:
        startRender(task, *current);
        break;
    }
}

void BatchRunner::watch(SpendOperation *operation, const Task &task,
                        const std::function<void(SpendOperation *)> &done)
{
    connect(operation, &SpendOperation::waiting, this, &BatchRunner::pauseFor);
    connect(operation, &SpendOperation::finished, this, [this, task, done](SpendOperation *op) {
        if (op->outcome() == SpendOperation::Outcome::Unknown) {
            // The answer was lost: keep the slot and follow the guard's reconciliation.
            watch(m_engine->spendGuard()->follow(op->spendId()), task, done);
            return;
        }
        --m_inFlight;
        if (op->outcome() == SpendOperation::Outcome::Absent && task.absentBefore == 0) {
            Task again = task;
            ++again.absentBefore;
            m_queued.remove(taskKey(task.batchId, task.position, int(task.step), task.visualStyle));
            enqueue(again);
        } else {
            done(op);
        }
        pump();
    });
}

void BatchRunner::pauseFor(int seconds, const QString &message)
{
    const int ms = seconds * 1000;
    if (m_pause.isActive() && m_pause.remainingTime() >= ms)
        return;
    qCInfo(lcTracking) << "batch queue paused for" << seconds << "s";
    m_pause.start(ms);
    Q_EMIT paused(seconds, message);
}

void BatchRunner::startLink(const Task &task, BatchRow row)
{
    SpendGuard *guard = m_engine->spendGuard();
    SpendOperation *operation = nullptr;
    if (!row.linkId.isEmpty()) {
        // Read before the last stop: go on with the previews.
        --m_inFlight;
        m_queued.remove(taskKey(task.batchId, task.position, int(task.step), QString()));
        row.stage = BatchRowStage::Read;
        writeRow(row);
        enqueue({task.batchId, task.position, Step::Previews, QString(), task.options});
        return;
    }
    const auto earlier = m_engine->store()->spend(row.linkSpendId);
    if (row.isEnteredByHand() && earlier && earlier->state != SpendState::Refused
        && earlier->state != SpendState::Absent) {
        operation = guard->follow(row.linkSpendId); // hand-entered links have no key of their own
    } else if (row.isEnteredByHand()) {
        LinkParams params;
        params.title = row.title;
        params.description = row.description;
        params.imageUrls = row.imageUrls;
        operation = guard->createLinkWithParams(params);
    } else {
        operation = guard->createLink(QUrl(row.url), task.options);
    }
    // Recorded before any answer, so a crash now is followed, not bought again, next time.
    row.linkSpendId = operation->spendId() ? operation->spendId() : row.linkSpendId;
    row.stage = BatchRowStage::Reading;
    row.error.clear();
    writeRow(row);
    watch(operation, task, [this, task](SpendOperation *op) { onLinkDone(task, op); });
}

void BatchRunner::onLinkDone(const Task &task, SpendOperation *operation)
{
    m_queued.remove(taskKey(task.batchId, task.position, int(task.step), QString()));
    auto current = row(task.batchId, task.position);
    if (!current || current->stage == BatchRowStage::Dropped)
        return;
    if (operation->carriesOn() && !operation->link().id.isEmpty()) {
        current->linkId = operation->link().id;
        current->stage = BatchRowStage::Read;
        writeRow(*current);
        enqueue({task.batchId, task.position, Step::Previews, QString(), task.options});
        return;
    }
    if (operation->outcome() == SpendOperation::Outcome::Cancelled) {
        current->stage = BatchRowStage::Queued;
    } else {
        current->stage = BatchRowStage::LinkFailed;
        current->error = operation->message();
    }
    writeRow(*current);
}

void BatchRunner::startPreviews(const Task &task, BatchRow row)
{
    const auto batch = m_engine->store()->batch(task.batchId);
    PreviewListRequest request = PreviewListRequest::fromJson(batch->request);
    request.linkId = row.linkId;
    request.name = BatchProgress::productName(row, *m_engine->store());
    SpendOperation *operation = m_engine->spendGuard()->requestPreviews(request, task.options);
    if (operation->jobLocalId())
        row.jobLocalId = operation->jobLocalId();
    row.stage = BatchRowStage::Previewing;
    row.error.clear();
    writeRow(row);
    watch(operation, task, [this, task](SpendOperation *op) { onPreviewsDone(task, op); });
}

void BatchRunner::onPreviewsDone(const Task &task, SpendOperation *operation)
{
    m_queued.remove(taskKey(task.batchId, task.position, int(task.step), QString()));
    auto current = row(task.batchId, task.position);
    if (!current || current->stage == BatchRowStage::Dropped)
        return;
    if (operation->jobLocalId())
        current->jobLocalId = operation->jobLocalId();
    if (operation->carriesOn()) {
        current->stage = BatchRowStage::Previewing;
        m_engine->tracker()->poke();
    } else {
        current->stage = BatchRowStage::Failed;
        current->error = operation->message();
    }
    writeRow(*current);
}

void BatchRunner::startRender(const Task &task, BatchRow row)
{
    const auto at = std::find_if(row.picks.begin(), row.picks.end(), [&](const BatchPick &p) {
        return p.visualStyle == task.visualStyle;
    });
    const QString mediaJob = BatchProgress::mediaJobFor(row, task.visualStyle, *m_engine->store());
    // The pick may have been removed (or removed and picked again, unconfirmed) while queued.
    const bool confirmed = at != row.picks.end() && at->renderConfirmed;
    if (!confirmed || mediaJob.isEmpty()) {
        --m_inFlight;
        m_queued.remove(taskKey(task.batchId, task.position, int(task.step), task.visualStyle));
        if (confirmed) {
            at->error = tr("There is no preview in this style to render.");
            writeRow(row);
        }
        return;
    }
    // Started like every render (job page, template page, CLI), so a render of this preview
    // already starting elsewhere is joined, not bought twice.
    SpendOperation *operation = m_engine->renders()->start({row.jobLocalId, mediaJob}, task.options);
    // Recorded at once: the engine saves a batch render into the batch's folder by this.
    at->renderLocalId = operation->renderLocalId() ? operation->renderLocalId() : at->renderLocalId;
    at->error.clear();
    writeRow(row);
    watch(operation, task, [this, task](SpendOperation *op) { onRenderDone(task, op); });
}

void BatchRunner::onRenderDone(const Task &task, SpendOperation *operation)
{
    m_queued.remove(taskKey(task.batchId, task.position, int(task.step), task.visualStyle));
    auto current = row(task.batchId, task.position);
    if (!current)
        return;
    for (BatchPick &pick : current->picks) {
        if (pick.visualStyle != task.visualStyle)
            continue;
        if (operation->renderLocalId())
            pick.renderLocalId = operation->renderLocalId();
        if (!operation->carriesOn() && !m_engine->store()->render(pick.renderLocalId))
            pick.error = operation->message();
    }
    writeRow(*current);
    if (operation->carriesOn())
        m_engine->tracker()->poke();
}

bool BatchRunner::fixRow(qint64 batchId, int position, const LinkParams &product)
{
    // Only a row whose page could not be read: a fix of a row being read would be overwritten
    // by the answer, and a row with a link already has (paid-for) previews on their way.
    auto current = row(batchId, position);
    if (!current || current->stage != BatchRowStage::LinkFailed
        || m_queued.contains(taskKey(batchId, position, int(Step::Link), QString())))
        return false;
    current->title = product.title;
    current->description = product.description;
    current->imageUrls = product.imageUrls;
    current->linkId.clear();
    current->linkSpendId = 0;
    current->jobLocalId = 0;
    current->stage = BatchRowStage::Queued;
    current->error.clear();
    if (!writeRow(*current))
        return false;
    enqueue({batchId, position, Step::Link, QString(), m_options});
    pump();
    return true;
}

bool BatchRunner::dropRow(qint64 batchId, int position)
{
    auto current = row(batchId, position);
    if (!current)
        return false;
    current->stage = BatchRowStage::Dropped;
    return writeRow(*current);
}

bool BatchRunner::retryRow(qint64 batchId, int position)
{
    auto current = row(batchId, position);
    if (!current)
        return false;
    const auto again = m_options | SpendGuard::BuyAgainIfFinished;
    const BatchProgress::RowState state = BatchProgress::rowState(*current, *m_engine->store());
    if (state == BatchProgress::RowState::LinkFailed) {
        current->stage = BatchRowStage::Queued;
        current->error.clear();
        writeRow(*current);
        enqueue({batchId, position, Step::Link, QString(), m_options});
    } else if (state == BatchProgress::RowState::Failed) {
        current->stage = current->linkId.isEmpty() ? BatchRowStage::Queued : BatchRowStage::Read;
        current->error.clear();
        writeRow(*current);
        enqueue({batchId, position, current->linkId.isEmpty() ? Step::Link : Step::Previews,
                 QString(), again});
    } else if (state == BatchProgress::RowState::Ready) {
        for (const BatchPick &pick : std::as_const(current->picks)) {
            const auto pickNow = BatchProgress::pickState(*current, pick, *m_engine->store());
            if (pickNow.status != QLatin1String("failed"))
                continue;
            const auto render = m_engine->store()->render(pick.renderLocalId);
            if (render && render->status == JobStatus::Done)
                m_engine->downloadRender(render->localId); // the render is fine, its file was not
            else
                enqueue({batchId, position, Step::Render, pick.visualStyle, again});
        }
    } else {
        return false;
    }
    pump();
    return true;
}

bool BatchRunner::setPicks(qint64 batchId, int position, const QStringList &visualStyles)
{
    const auto batch = m_engine->store()->batch(batchId);
    if (!batch || position < 0 || position >= batch->rows.size())
        return false;
    const QStringList styles = batch->recorded().visualStyles();
    BatchRow current = batch->rows.at(position);
    QList<BatchPick> picks;
    for (const QString &style : visualStyles) {
        if (!styles.contains(style))
            return false;
        const auto kept = std::find_if(current.picks.cbegin(), current.picks.cend(),
                                       [&](const BatchPick &p) { return p.visualStyle == style; });
        picks << (kept != current.picks.cend() ? *kept : BatchPick{style, 0, QString(), false});
    }
    current.picks = picks;
    return writeRow(current);
}

namespace {
// A row that may still have previews to render (not dropped, blocked or failed).
bool mayRender(const BatchRow &row, const Store &store)
{
    const auto state = BatchProgress::rowState(row, store);
    return state != BatchProgress::RowState::Dropped && state != BatchProgress::RowState::LinkFailed
            && state != BatchProgress::RowState::Failed;
}

bool awaitsRender(const BatchPick &pick)
{
    return !pick.renderLocalId && pick.error.isEmpty();
}
} // namespace

int BatchRunner::picksToRender(const Batch &batch, const Store &store)
{
    int count = 0;
    for (const BatchRow &row : batch.rows)
        if (mayRender(row, store))
            count += int(std::count_if(row.picks.cbegin(), row.picks.cend(), awaitsRender));
    return count;
}

bool BatchRunner::renderPicks(qint64 batchId)
{
    const auto batch = m_engine->store()->batch(batchId);
    if (!batch)
        return false;
    // Recorded first: only what is marked here is ever bought, now or after a restart.
    bool recorded = true;
    for (BatchRow current : batch->rows) {
        if (!mayRender(current, *m_engine->store()))
            continue;
        const BatchRow before = current;
        for (BatchPick &pick : current.picks)
            pick.renderConfirmed = pick.renderConfirmed || awaitsRender(pick);
        if (current != before)
            recorded = writeRow(current) && recorded;
    }
    return run(batchId) && recorded;
}

void BatchRunner::renderReadyPicks(const Batch &batch, const BatchRow &current)
{
    if (BatchProgress::rowState(current, *m_engine->store()) != BatchProgress::RowState::Ready)
        return;
    for (const BatchPick &pick : current.picks) {
        if (pick.renderConfirmed && awaitsRender(pick))
            enqueue({batch.id, current.position, Step::Render, pick.visualStyle, m_options});
    }
}

void BatchRunner::onJobChanged(qint64 jobLocalId)
{
    const auto current = m_engine->store()->batchRowOfJob(jobLocalId);
    if (!current)
        return;
    Q_EMIT changed(current->batchId);
    if (const auto batch = m_engine->store()->batch(current->batchId)) {
        renderReadyPicks(*batch, *current);
        pump();
    }
}

void BatchRunner::onRenderChanged(qint64 renderLocalId)
{
    if (const auto current = m_engine->store()->batchRowOfRender(renderLocalId))
        Q_EMIT changed(current->batchId);
}

} // namespace PreviewDeck

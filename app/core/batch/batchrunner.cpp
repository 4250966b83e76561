#include "batchrunner.h"

#include "batchprogress.h"
#include "engine.h"
#include "jobtracker.h"
#include "logging.h"
#include "spendoperation.h"
#include "store.h"

#include <QMap>

namespace PreviewDeck {

QString BatchRunner::Task::key() const
{
    return QStringLiteral("%1:%2:%3:%4").arg(batchId).arg(position).arg(int(step)).arg(visualStyle);
}

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

qint64 BatchRunner::create(const QString &name, const PreviewListRequest &options,
                           const QList<BatchRow> &rows, const QString &downloadDirectory)
{
    Batch batch;
    batch.name = name;
    batch.key = SpendLedger::batchKey(options, rows);
    batch.request = options.toJson();
    batch.downloadDirectory = downloadDirectory;
    batch.rows = rows;
    return m_engine->store()->insertBatch(batch);
}

std::optional<BatchRow> BatchRunner::row(qint64 batchId, int position) const
{
    return m_engine->store()->batchRow(batchId, position);
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
        renderReadyPicks(batch.id, row, Carry::UnansweredToo);
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
    if (m_queued.contains(task.key()))
        return;
    m_queued.insert(task.key());
    m_queue.append(task);
}

void BatchRunner::endTask(const Task &task)
{
    --m_inFlight;
    m_queued.remove(task.key());
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
    if (!current || current->stage == BatchRowStage::Dropped) {
        m_queued.remove(task.key());
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
        endTask(task);
        if (op->outcome() == SpendOperation::Outcome::Absent && task.absentBefore == 0) {
            Task again = task;
            ++again.absentBefore;
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
        endTask(task);
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
        endTask(task);
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
        || m_queued.contains(Task{batchId, position, Step::Link, QString(), {}}.key()))
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

bool BatchRunner::retryRow(qint64 batchId, int position, const QStringList &renders)
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
            // A failed download: the render is fine, only its file is fetched again.
            if (pickNow.retry == BatchProgress::PickRetry::Download)
                m_engine->downloadRender(pick.renderLocalId);
            else if (pickNow.retry != BatchProgress::PickRetry::None
                     && renders.contains(pick.visualStyle))
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

bool BatchRunner::renderPicks(qint64 batchId, const QList<BatchProgress::PickRef> &picks)
{
    if (!m_engine->store()->batch(batchId))
        return false;
    // Recorded first: only what is marked here is ever bought, now or after a restart.
    bool recorded = true;
    for (const BatchProgress::PickRef &confirmed : picks) {
        auto current = row(batchId, confirmed.position);
        if (!current
            || !BatchProgress::mayHavePreviews(
                    BatchProgress::rowState(*current, *m_engine->store())))
            continue;
        const BatchRow before = *current;
        for (BatchPick &pick : current->picks) {
            if (pick.visualStyle != confirmed.visualStyle
                || !BatchProgress::awaitsPurchase(pick, *m_engine->store()))
                continue;
            pick.renderConfirmed = true;
            pick.renderLocalId = 0; // a render Creatify refused (nothing charged): sent anew
        }
        if (*current != before)
            recorded = writeRow(*current) && recorded;
    }
    return run(batchId) && recorded;
}

int BatchRunner::retryRenders(qint64 batchId, const QList<BatchProgress::PickRef> &renders)
{
    QMap<int, QStringList> byRow;
    for (const BatchProgress::PickRef &render : renders)
        byRow[render.position] << render.visualStyle;
    int rows = 0;
    for (auto it = byRow.cbegin(); it != byRow.cend(); ++it)
        rows += retryRow(batchId, it.key(), it.value()) ? 1 : 0;
    return rows;
}

void BatchRunner::renderReadyPicks(qint64 batchId, const BatchRow &current, Carry carry)
{
    if (BatchProgress::rowState(current, *m_engine->store()) != BatchProgress::RowState::Ready)
        return;
    for (const BatchPick &pick : current.picks) {
        // When the batch is carried on as a whole (start, restart, command), a render whose
        // answer never came (the process stopped) is followed through the guard, which carries
        // on with it and buys it once more only if Creatify has no trace of it. A render
        // Creatify refused is sent again only when the user confirms it again (renderPicks,
        // retryRow), never by itself: its question must count it.
        const auto render = m_engine->store()->render(pick.renderLocalId);
        const bool unanswered = render && render->status.isAwaitingAnswer();
        const bool buy = (pick.renderLocalId == 0 && pick.error.isEmpty())
                || (carry == Carry::UnansweredToo && unanswered);
        if (pick.renderConfirmed && buy)
            enqueue({batchId, current.position, Step::Render, pick.visualStyle, m_options});
    }
}

void BatchRunner::onJobChanged(qint64 jobLocalId)
{
    const auto current = m_engine->store()->batchRowOfJob(jobLocalId);
    if (!current)
        return;
    Q_EMIT changed(current->batchId);
    renderReadyPicks(current->batchId, *current, Carry::NewOnly);
    pump();
}

void BatchRunner::onRenderChanged(qint64 renderLocalId)
{
    if (const auto current = m_engine->store()->batchRowOfRender(renderLocalId))
        Q_EMIT changed(current->batchId);
}

} // namespace PreviewDeck

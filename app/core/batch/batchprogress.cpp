#include "batchprogress.h"

#include "creditsused.h"
#include "store.h"

#include <QFile>
#include <QSet>

namespace PreviewDeck {

QString BatchProgress::rowStateName(RowState state)
{
    switch (state) {
    case RowState::Queued:
        return QStringLiteral("queued");
    case RowState::Reading:
        return QStringLiteral("reading");
    case RowState::LinkFailed:
        return QStringLiteral("blocked");
    case RowState::Previewing:
        return QStringLiteral("previewing");
    case RowState::Ready:
        return QStringLiteral("done");
    case RowState::Failed:
        return QStringLiteral("failed");
    case RowState::Dropped:
        return QStringLiteral("dropped");
    }
    return QStringLiteral("queued");
}

BatchProgress::RowState BatchProgress::rowState(const BatchRow &row, const Store &store)
{
    switch (row.stage) {
    case BatchRowStage::Queued:
        return RowState::Queued;
    case BatchRowStage::Reading:
        return RowState::Reading;
    case BatchRowStage::Read:
        return RowState::Previewing;
    case BatchRowStage::LinkFailed:
        return RowState::LinkFailed;
    case BatchRowStage::Failed:
        return RowState::Failed;
    case BatchRowStage::Dropped:
        return RowState::Dropped;
    case BatchRowStage::Previewing:
        break;
    }
    const auto job = store.job(row.jobLocalId);
    if (!job)
        return RowState::Previewing;
    if (job->status == JobStatus::Done)
        return RowState::Ready;
    return job->status.isFinished() ? RowState::Failed : RowState::Previewing;
}

QString BatchProgress::rowError(const BatchRow &row, const Store &store)
{
    const RowState state = rowState(row, store);
    if (state != RowState::Failed && state != RowState::LinkFailed)
        return QString();
    if (!row.error.isEmpty())
        return row.error;
    const auto job = store.job(row.jobLocalId);
    if (job && !job->failedReason.isEmpty())
        return job->failedReason;
    if (!job && row.jobLocalId)
        return tr("The previews were removed from this computer's history.");
    return job ? tr("The previews ended \"%1\" without a reason.").arg(job->status.name())
               : tr("The previews could not be made.");
}

QString BatchProgress::productName(const BatchRow &row, const Store &store)
{
    return store.batchProductName(row);
}

QString BatchProgress::mediaJobFor(const BatchRow &row, const QString &visualStyle,
                                   const Store &store)
{
    if (!row.jobLocalId)
        return QString();
    const QList<PreviewRecord> previews = store.previews(row.jobLocalId);
    for (const PreviewRecord &preview : previews)
        if (preview.visualStyle == visualStyle)
            return preview.mediaJob;
    return QString();
}

QString BatchProgress::pickStageName(PickStage stage)
{
    switch (stage) {
    case PickStage::Waiting:
        return QStringLiteral("waiting");
    case PickStage::Rendering:
        return QStringLiteral("rendering");
    case PickStage::Rendered:
        return QStringLiteral("rendered");
    case PickStage::Downloading:
        return QStringLiteral("downloading");
    case PickStage::Done:
        return QStringLiteral("done");
    case PickStage::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("waiting");
}

BatchProgress::PickState BatchProgress::pickState(const BatchRow &row, const BatchPick &pick,
                                                  const Store &store)
{
    PickState state;
    state.visualStyle = pick.visualStyle;
    state.renderLocalId = pick.renderLocalId;
    const auto render = store.render(pick.renderLocalId);
    const RowState rowNow = rowState(row, store);
    if (!render) {
        if (!pick.error.isEmpty()) {
            state.stage = PickStage::Failed;
            state.error = pick.error;
        } else if (!mayHavePreviews(rowNow)) {
            state.stage = PickStage::Failed;
            state.error = rowNow == RowState::Dropped ? tr("The product was dropped.")
                                                      : rowError(row, store);
        }
        return state;
    }
    state.render = PreviewRenders::renderState(store, render->localId);
    const auto spend = store.spend(render->spendId);
    if (spend && spend->state == SpendState::Confirmed)
        state.credits = render->estimatedCredits;
    using Stage = PreviewRenderState::Stage;
    if (state.render.stage == Stage::Failed) {
        state.stage = PickStage::Failed;
        state.retry = render->status == JobStatus::NotCreated ? PickRetry::Send
                                                              : PickRetry::BuyAgain;
        state.error = state.render.failedReason.isEmpty() ? tr("Creatify gave no reason.")
                                                          : state.render.failedReason;
        return state;
    }
    if (state.render.stage != Stage::Rendered) {
        state.stage = PickStage::Rendering;
        return state;
    }
    const auto download = store.downloadForRender(render->localId);
    if (!download) {
        state.stage = PickStage::Rendered;
    } else if (!state.render.downloadedPath.isEmpty() && QFile::exists(download->targetPath)) {
        state.stage = PickStage::Done;
        state.path = state.render.downloadedPath;
    } else if (download->status == JobStatus::Failed) {
        state.stage = PickStage::Failed;
        state.retry = PickRetry::Download;
        state.error = download->error;
    } else {
        state.stage = PickStage::Downloading;
    }
    return state;
}

bool BatchProgress::awaitsPurchase(const BatchPick &pick, const Store &store)
{
    if (!pick.error.isEmpty())
        return false;
    const auto render = store.render(pick.renderLocalId);
    return !render || render->status == JobStatus::NotCreated;
}

QList<BatchProgress::PickRef> BatchProgress::picksToConfirm(const Batch &batch, const Store &store)
{
    QList<PickRef> picks;
    for (const BatchRow &row : batch.rows) {
        if (!mayHavePreviews(rowState(row, store)))
            continue;
        for (const BatchPick &pick : row.picks)
            if (awaitsPurchase(pick, store)
                && (!pick.renderConfirmed || store.render(pick.renderLocalId)))
                picks << PickRef{row.position, pick.visualStyle};
    }
    return picks;
}

namespace {
// The styles of a ready row's picks whose retry is one of `retries`.
QStringList picksRetried(const BatchRow &row, const Store &store,
                         std::initializer_list<BatchProgress::PickRetry> retries)
{
    QStringList styles;
    if (BatchProgress::rowState(row, store) != BatchProgress::RowState::Ready)
        return styles;
    for (const BatchPick &pick : row.picks)
        if (std::find(retries.begin(), retries.end(),
                      BatchProgress::pickState(row, pick, store).retry)
            != retries.end())
            styles << pick.visualStyle;
    return styles;
}
} // namespace

QStringList BatchProgress::rendersToBuyAgain(const BatchRow &row, const Store &store)
{
    return picksRetried(row, store, {PickRetry::BuyAgain});
}

QStringList BatchProgress::rendersToRetry(const BatchRow &row, const Store &store)
{
    return picksRetried(row, store, {PickRetry::BuyAgain, PickRetry::Send});
}

QList<BatchProgress::PickRef> BatchProgress::rendersToBuyAgain(const Batch &batch,
                                                               const Store &store)
{
    QList<PickRef> picks;
    for (const BatchRow &row : batch.rows)
        for (const QString &style : rendersToBuyAgain(row, store))
            picks << PickRef{row.position, style};
    return picks;
}

BatchProgress::Summary BatchProgress::summarize(const Batch &batch, const Store &store)
{
    Summary summary;
    const int styles = int(batch.recorded().visualStyles().size());
    for (const BatchRow &row : batch.rows) {
        const RowState state = rowState(row, store);
        if (state == RowState::Dropped)
            continue;
        ++summary.rows;
        // A blocked shop or refused previews will have none until the user fixes the row.
        if (mayHavePreviews(state))
            summary.previewsExpected += styles;
        if (row.jobLocalId && state != RowState::Failed) // a rejected job may list its previews
            summary.previewsReady += qMin(styles, int(store.previews(row.jobLocalId).size()));
        if (state == RowState::Ready)
            ++summary.rowsReady;
        if (state == RowState::Failed || state == RowState::LinkFailed)
            ++summary.rowsFailed;
        if (state == RowState::LinkFailed)
            ++summary.rowsBlocked;
        if (isSettled(state))
            ++summary.rowsSettled;
        for (const BatchPick &pick : row.picks) {
            const PickState pickNow = pickState(row, pick, store);
            ++summary.picks;
            if (pick.renderConfirmed || pick.renderLocalId)
                ++summary.picksConfirmed;
            if (pickNow.isSettled())
                ++summary.picksSettled;
            if (pickNow.stage == PickStage::Failed)
                ++summary.picksFailed;
            else if (pickNow.isSettled())
                ++summary.picksDone;
        }
    }
    return summary;
}

QString BatchProgress::Summary::text() const
{
    QStringList parts{tr("%1 of %2 previews ready").arg(previewsReady).arg(previewsExpected)};
    if (rowsBlocked == 1)
        parts << tr("1 product blocked");
    else if (rowsBlocked > 1)
        parts << tr("%1 products blocked").arg(rowsBlocked);
    const int previewsFailed = rowsFailed - rowsBlocked;
    if (previewsFailed == 1)
        parts << tr("1 product failed");
    else if (previewsFailed > 1)
        parts << tr("%1 products failed").arg(previewsFailed);
    parts << tr("%1 picked").arg(picks);
    return parts.join(QStringLiteral(" · "));
}

QString BatchProgress::Summary::rendersText() const
{
    return picksFailed == 0
            ? tr("%1 of %2 videos saved").arg(picksDone).arg(picks)
            : tr("%1 of %2 videos finished, %3 failed").arg(picksSettled).arg(picks).arg(picksFailed);
}

QString BatchProgress::Summary::productsText() const
{
    QString text = tr("%1 of %2 products ready").arg(rowsSettled - rowsFailed).arg(rows);
    if (rowsBlocked > 0)
        text += tr(", %1 blocked").arg(rowsBlocked);
    if (rowsFailed > rowsBlocked)
        text += tr(", %1 failed").arg(rowsFailed - rowsBlocked);
    return text;
}

double BatchProgress::RowCredits::total() const
{
    double sum = previews;
    for (const double render : renders)
        sum += render;
    return sum;
}

BatchProgress::RowCredits BatchProgress::rowCreditsUsed(const BatchRow &row, const Store &store)
{
    RowCredits credits;
    const auto job = row.jobLocalId ? store.job(row.jobLocalId) : std::nullopt;
    if (!job)
        return credits;
    const double linkCredits = store.linkCreditsOfJob(job->localId);
    credits.previews = CreditsUsed::ofJob(*job, linkCredits, {});
    if (credits.previews <= 0)
        return credits;
    const QList<RenderRecord> renders = store.renders(job->localId);
    for (const RenderRecord &render : renders)
        if (CreditsUsed::renderWasCharged(render))
            credits.renders[render.visualStyle] += render.estimatedCredits;
    return credits;
}

double BatchProgress::creditsUsed(const Batch &batch, const Store &store)
{
    double used = 0;
    QSet<qint64> jobs; // a job two rows point at was bought once
    for (const BatchRow &row : batch.rows) {
        if (row.jobLocalId == 0 || jobs.contains(row.jobLocalId))
            continue;
        jobs.insert(row.jobLocalId);
        used += rowCreditsUsed(row, store).total();
    }
    return used;
}

} // namespace PreviewDeck

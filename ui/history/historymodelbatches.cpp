#include "history/historymodel.h"

#include "batchprogress.h"
#include "store.h"

namespace PreviewDeck {

// A batch of products is one entry of the history: what it says, and how it finds the entry
// when one of its jobs, renders or downloads changes.

void HistoryModel::readBatch(Row *row, const Batch &batch) const
{
    row->batchId = batch.id;
    const int products = int(batch.rows.size());
    row->title = products == 1 ? tr("Batch: %1 (1 product)").arg(batch.name)
                               : tr("Batch: %1 (%2 products)").arg(batch.name).arg(products);
    row->styles = batch.recorded().visualStyles();
    row->renders.clear(); // the batch's own status says how its renders stand
    row->downloads.clear();
    for (const BatchRow &product : batch.rows) {
        for (const BatchPick &pick : product.picks) {
            if (pick.renderLocalId == 0)
                continue;
            const auto download = m_store->downloadForRender(pick.renderLocalId);
            row->batchDownloads.insert(pick.renderLocalId, download ? download->localId : 0);
        }
    }
    const BatchProgress::Summary summary = BatchProgress::summarize(batch, *m_store);
    row->batchStatus = summary.text();
    const bool rendering = summary.isRendering();
    if (rendering)
        row->batchStatus += QStringLiteral(" · ") + summary.rendersText();
    if (!summary.previewsSettled())
        row->batchProgress = double(summary.rowsSettled) / qMax(1, summary.rows);
    else if (rendering && !summary.rendersSettled())
        row->batchProgress = double(summary.picksSettled) / qMax(1, summary.picks);
}

int HistoryModel::findBatchRow(qint64 batchId) const
{
    for (int i = 0; i < m_rows.size() && batchId != 0; ++i) {
        if (m_rows.at(i).batchId == batchId)
            return i;
    }
    return -1;
}

void HistoryModel::onBatchChanged(qint64 batchId)
{
    const auto batch = m_store->batch(batchId);
    if (!batch)
        return;
    // Its jobs may have been listed on their own before the batch named them (a job is written
    // before its row points at it): one entry stays for the whole batch.
    QList<qint64> jobs;
    for (const BatchRow &row : batch->rows) {
        if (row.jobLocalId != 0)
            jobs << row.jobLocalId;
    }
    int kept = findBatchRow(batchId);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!jobs.contains(m_rows.at(i).job.localId) || i == kept)
            continue;
        if (kept < 0) {
            kept = i;
            continue;
        }
        beginRemoveRows(QModelIndex(), i, i);
        m_rows.removeAt(i);
        endRemoveRows();
        if (i < kept)
            --kept;
    }
    if (kept >= 0)
        refreshJob(m_rows.at(kept).job.localId);
    else if (!jobs.isEmpty())
        refreshJob(jobs.first()); // the batch's first job appears as its entry
}

int HistoryModel::findBatchRowOfDownload(qint64 downloadLocalId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const QHash<qint64, qint64> &downloads = m_rows.at(i).batchDownloads;
        for (auto it = downloads.constBegin(); it != downloads.constEnd(); ++it) {
            if (it.value() == downloadLocalId)
                return i;
            // A render's first download: its id is not known yet (one download per render).
            if (it.value() == 0) {
                const auto stored = m_store->downloadForRender(it.key());
                if (stored && stored->localId == downloadLocalId)
                    return i;
            }
        }
    }
    return -1;
}

} // namespace PreviewDeck

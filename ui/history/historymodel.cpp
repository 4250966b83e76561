#include "history/historymodel.h"

#include "apienums.h"
#include "batchprogress.h"
#include "creditsused.h"
#include "engine.h"
#include "widgets/statustext.h"
#include "store.h"

#include <QLocale>

#include <utility>

#include <cmath>

namespace PreviewDeck {

namespace {

int percent(double fraction)
{
    return int(std::lround(qBound(0.0, fraction, 1.0) * 100));
}

// "1 credit", "4 credits", "0.5 credits", in the user's number format.
QString creditsAmount(double credits)
{
    const QString number = QLocale().toString(credits, 'g', 4);
    return qFuzzyCompare(credits, 1.0) ? HistoryModel::tr("1 credit")
                                       : HistoryModel::tr("%1 credits").arg(number);
}

} // namespace

HistoryModel::HistoryModel(Store *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    m_batchRefresh.setSingleShot(true);
    m_batchRefresh.setInterval(0);
    connect(&m_batchRefresh, &QTimer::timeout, this, &HistoryModel::refreshDueBatches);
    connectStore();
    reload();
}

HistoryModel::HistoryModel(Engine *engine, QObject *parent) : HistoryModel(engine->store(), parent)
{
    connect(engine, &Engine::downloadProgress, this,
            [this](qint64 renderLocalId, qint64 received, qint64 total, qint64, qint64) {
                onDownloadProgress(renderLocalId, received, total);
            });
}

HistoryModel::~HistoryModel() = default;

void HistoryModel::connectStore()
{
    if (!m_store)
        return;
    connect(m_store, &Store::jobChanged, this, &HistoryModel::refreshJob);
    connect(m_store, &Store::jobRemoved, this, &HistoryModel::onJobRemoved);
    connect(m_store, &Store::renderChanged, this, &HistoryModel::onRenderChanged);
    connect(m_store, &Store::downloadChanged, this, &HistoryModel::onDownloadChanged);
    connect(m_store, &Store::linkChanged, this, &HistoryModel::onLinkChanged);
    connect(m_store, &Store::batchChanged, this, &HistoryModel::onBatchChanged);
}

void HistoryModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_store && m_store->isOpen()) {
        const QList<JobRecord> jobs = m_store->jobs(); // newest first
        for (const JobRecord &job : jobs) {
            Row row = readRow(job);
            if (row.batchId == 0 || findBatchRow(row.batchId) < 0) // a batch is listed once
                m_rows << row;
        }
    }
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TitleRole, "title");
    names.insert(StylesRole, "styles");
    names.insert(StatusTextRole, "statusText");
    names.insert(StatusRole, "status");
    names.insert(RenderStatusRole, "renderStatus");
    names.insert(DownloadStatusRole, "downloadStatus");
    names.insert(ProgressRole, "progress");
    names.insert(ActiveRole, "active");
    names.insert(EstimatedCreditsRole, "estimatedCredits");
    names.insert(CreditsUsedRole, "creditsUsed");
    names.insert(PreviewCountRole, "previewCount");
    names.insert(RenderCountRole, "renderCount");
    names.insert(RenderIdsRole, "renderIds");
    names.insert(LatestRenderIdRole, "latestRenderId");
    names.insert(RenderFilesRole, "renderFiles");
    names.insert(JobIdRole, "jobId");
    names.insert(KindRole, "kind");
    names.insert(CreatedRole, "created");
    names.insert(SecondaryTextRole, "secondaryText");
    names.insert(SearchTextRole, "searchText");
    return names;
}

namespace {
QStringList styleLabels(const QStringList &styles)
{
    QStringList labels;
    for (const QString &style : styles)
        labels << ApiEnums::visualStyleLabel(style);
    return labels;
}
} // namespace

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const RenderRecord *latest = row.renders.isEmpty() ? nullptr : &row.renders.constLast();
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title;
    case Qt::ToolTipRole:
        return QStringList{row.title, styleLabels(row.styles).join(QLatin1String(", ")),
                           statusText(row)}
                .join(QLatin1Char('\n'));
    case StylesRole:
        return row.styles;
    case StatusTextRole:
        return statusText(row);
    case StatusRole:
        return row.job.status.name();
    case RenderStatusRole:
        return latest ? latest->status.name() : QString();
    case DownloadStatusRole:
        return latest && row.downloads.contains(latest->localId)
                ? row.downloads.value(latest->localId).status.name()
                : QString();
    case ProgressRole:
        return progress(row);
    case ActiveRole:
        return isActive(row);
    case EstimatedCreditsRole: {
        double total = row.job.estimatedCredits + row.linkCredits;
        for (const RenderRecord &render : row.renders) {
            // Renders the server never took cost nothing.
            if (render.status != JobStatus::NotCreated)
                total += render.estimatedCredits;
        }
        return total;
    }
    case CreditsUsedRole: // until Creatify reports a figure, the history shows the estimate
        return row.batchId != 0 ? row.batchCredits
                                : CreditsUsed::ofJob(row.job, row.linkCredits, row.renders);
    case PreviewCountRole:
        return row.previewCount;
    case RenderCountRole:
        return int(row.renders.size());
    case RenderIdsRole: {
        QVariantList ids;
        for (const RenderRecord &render : row.renders)
            ids << render.localId;
        return ids;
    }
    case LatestRenderIdRole:
        return latest ? latest->localId : qint64(0);
    case RenderFilesRole: {
        QStringList files;
        for (const RenderRecord &render : row.renders) {
            const auto it = row.downloads.constFind(render.localId);
            if (it != row.downloads.constEnd() && it->status == JobStatus::Done)
                files << it->targetPath;
        }
        return files;
    }
    case JobIdRole:
        return row.job.localId;
    case KindRole:
        return int(row.job.kind);
    case CreatedRole:
        return row.job.createdAt;
    case SecondaryTextRole: {
        QStringList parts{statusText(row)};
        const double estimate = data(index, EstimatedCreditsRole).toDouble();
        const double used = data(index, CreditsUsedRole).toDouble();
        if (used > 0)
            parts << tr("%1 used").arg(creditsAmount(used));
        else if (estimate > 0)
            parts << tr("about %1").arg(creditsAmount(estimate));
        if (row.job.createdAt.isValid())
            parts << QLocale().toString(row.job.createdAt.toLocalTime(), QLocale::ShortFormat);
        return parts.join(QStringLiteral(" · "));
    }
    case SearchTextRole: // readable names as shown, and the API's ids people may paste
        return QStringList{row.title, styleLabels(row.styles).join(QLatin1Char(' ')),
                           row.styles.join(QLatin1Char(' ')), statusText(row)}
                .join(QLatin1Char(' '));
    default:
        return {};
    }
}

int HistoryModel::findRow(qint64 jobLocalId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).job.localId == jobLocalId)
            return i;
    }
    return -1;
}

int HistoryModel::rowOfJob(qint64 jobLocalId) const
{
    return findRow(jobLocalId);
}

QModelIndex HistoryModel::indexOfJob(qint64 jobLocalId) const
{
    const int row = findRow(jobLocalId);
    return row < 0 ? QModelIndex() : index(row);
}

qint64 HistoryModel::jobIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).job.localId : 0;
}

HistoryModel::Row HistoryModel::readRow(const JobRecord &job) const
{
    Row row;
    row.job = job;
    row.title = StatusText::jobTitle(m_store, job);
    const QList<PreviewRecord> previews = m_store->previews(job.localId);
    row.previewCount = int(previews.size());
    for (const PreviewRecord &preview : previews) {
        if (!preview.visualStyle.isEmpty() && !row.styles.contains(preview.visualStyle))
            row.styles << preview.visualStyle;
    }
    if (row.styles.isEmpty()) {
        // Before the previews arrive, the styles asked for.
        row.styles = job.recorded().visualStyles();
    }
    row.linkCredits = m_store->linkCreditsOfJob(job.localId);
    row.renders = m_store->renders(job.localId);
    for (const RenderRecord &render : std::as_const(row.renders)) {
        if (const auto download = m_store->downloadForRender(render.localId))
            row.downloads.insert(render.localId, *download);
    }
    if (const auto batchRow = m_store->batchRowOfJob(job.localId)) {
        if (const auto batch = m_store->batch(batchRow->batchId)) {
            readBatch(&row, *batch);
            row.batchCredits = BatchProgress::creditsUsed(*batch, *m_store);
        }
    }
    return row;
}

void HistoryModel::refreshJob(qint64 jobLocalId)
{
    if (!m_store)
        return;
    const auto job = m_store->job(jobLocalId);
    const int existing = findRow(jobLocalId);
    if (!job) {
        if (existing >= 0)
            onJobRemoved(jobLocalId);
        return;
    }
    // A batch's entry sums up all its rows, and a polling round changes many of its jobs at
    // once: it is read again once after them, not once per job.
    if (const auto batchRow = m_store->batchRowOfJob(jobLocalId)) {
        if (findBatchRow(batchRow->batchId) >= 0) {
            m_batchesDue.insert(batchRow->batchId);
            m_batchRefresh.start();
            return;
        }
    }
    if (existing >= 0) {
        m_rows[existing] = readRow(*job);
        const QModelIndex changed = index(existing);
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    // A new job: newest first, i.e. by descending local id.
    int at = 0;
    while (at < m_rows.size() && m_rows.at(at).job.localId > jobLocalId)
        ++at;
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, readRow(*job));
    endInsertRows();
}

void HistoryModel::refreshDueBatches()
{
    const QSet<qint64> due = std::exchange(m_batchesDue, {});
    for (const qint64 batchId : due) {
        const int shown = findBatchRow(batchId);
        const auto job = shown >= 0 ? m_store->job(m_rows.at(shown).job.localId) : std::nullopt;
        if (!job)
            continue;
        m_rows[shown] = readRow(*job);
        const QModelIndex changed = index(shown);
        Q_EMIT dataChanged(changed, changed);
    }
}

void HistoryModel::onJobRemoved(qint64 jobLocalId)
{
    const int row = findRow(jobLocalId);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    for (const RenderRecord &render : std::as_const(m_rows.at(row).renders))
        m_downloadFraction.remove(render.localId);
    m_rows.removeAt(row);
    endRemoveRows();
}

void HistoryModel::onRenderChanged(qint64 renderLocalId)
{
    if (!m_store)
        return;
    if (const auto render = m_store->render(renderLocalId))
        refreshJob(render->jobLocalId);
}

void HistoryModel::onDownloadChanged(qint64 downloadLocalId)
{
    if (!m_store)
        return;
    // The signal names the download; find its render among the listed jobs.
    for (int i = 0; i < m_rows.size(); ++i) {
        for (const RenderRecord &render : std::as_const(m_rows.at(i).renders)) {
            const auto cached = m_rows.at(i).downloads.constFind(render.localId);
            bool match = cached != m_rows.at(i).downloads.constEnd()
                    && cached->localId == downloadLocalId;
            if (!match && cached == m_rows.at(i).downloads.constEnd()) {
                const auto stored = m_store->downloadForRender(render.localId);
                match = stored && stored->localId == downloadLocalId;
            }
            if (match) {
                const auto stored = m_store->downloadForRender(render.localId);
                if (!stored || stored->status != JobStatus::Running)
                    m_downloadFraction.remove(render.localId);
                refreshJob(m_rows.at(i).job.localId);
                return;
            }
        }
    }
    // A batch's video saved (or failed): its entry says how the batch stands.
    if (const int batchRow = findBatchRowOfDownload(downloadLocalId); batchRow >= 0)
        refreshJob(m_rows.at(batchRow).job.localId);
}

void HistoryModel::onLinkChanged(const QString &linkId)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).job.linkId == linkId)
            refreshJob(m_rows.at(i).job.localId);
    }
}

void HistoryModel::onDownloadProgress(qint64 renderLocalId, qint64 received, qint64 total)
{
    if (total <= 0)
        return;
    const double fraction = double(received) / double(total);
    const int before = percent(m_downloadFraction.value(renderLocalId, -1));
    m_downloadFraction.insert(renderLocalId, fraction);
    if (before == percent(fraction))
        return; // nothing the user could see changed
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (!row.renders.isEmpty() && row.renders.constLast().localId == renderLocalId) {
            const QModelIndex changed = index(i);
            Q_EMIT dataChanged(changed, changed);
            return;
        }
    }
}

QString HistoryModel::statusText(const Row &row) const
{
    if (row.batchId != 0)
        return row.batchStatus;
    if (!row.renders.isEmpty()) {
        const RenderRecord &render = row.renders.constLast();
        const auto it = row.downloads.constFind(render.localId);
        const std::optional<DownloadRecord> download = it == row.downloads.constEnd()
                ? std::nullopt
                : std::optional<DownloadRecord>(*it);
        return StatusText::render(render, download, m_downloadFraction.value(render.localId, -1));
    }
    return StatusText::job(row.job);
}

double HistoryModel::progress(const Row &row) const
{
    if (row.batchId != 0)
        return row.batchProgress;
    if (!isActive(row))
        return -1;
    if (!row.renders.isEmpty()) {
        const RenderRecord &render = row.renders.constLast();
        if (render.status == JobStatus::Done)
            return qMax(0.0, m_downloadFraction.value(render.localId, 0));
        return render.progress;
    }
    return row.job.progress;
}

bool HistoryModel::isActive(const Row &row) const
{
    if (row.batchId != 0)
        return row.batchProgress >= 0;
    auto working = [](const JobStatus &status) {
        return status.isAwaitingAnswer() || status.isWaiting() || status == JobStatus::Running;
    };
    if (row.renders.isEmpty())
        return working(row.job.status);
    const RenderRecord &render = row.renders.constLast();
    if (render.status == JobStatus::Done) {
        const auto it = row.downloads.constFind(render.localId);
        return it != row.downloads.constEnd() && !it->status.isFinished();
    }
    return working(render.status);
}

} // namespace PreviewDeck

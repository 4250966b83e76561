// The Store's renders and their downloads.

#include "store.h"

#include "storesql_p.h"

#include <QSqlRecord>

namespace PreviewDeck {

using namespace StoreSql;

namespace {
RenderRecord renderFromQuery(const QSqlQuery &q)
{
    const QSqlRecord r = q.record();
    RenderRecord render;
    render.localId = q.value(r.indexOf(QStringLiteral("local_id"))).toLongLong();
    render.jobLocalId = q.value(r.indexOf(QStringLiteral("job_local_id"))).toLongLong();
    render.mediaJob = q.value(r.indexOf(QStringLiteral("media_job"))).toString();
    render.visualStyle = q.value(r.indexOf(QStringLiteral("visual_style"))).toString();
    render.status = JobStatus::fromName(q.value(r.indexOf(QStringLiteral("status"))).toString());
    render.progress = q.value(r.indexOf(QStringLiteral("progress"))).toDouble();
    render.videoOutput = QUrl(q.value(r.indexOf(QStringLiteral("video_output"))).toString());
    render.videoThumbnail = QUrl(q.value(r.indexOf(QStringLiteral("video_thumbnail"))).toString());
    render.failedReason = q.value(r.indexOf(QStringLiteral("failed_reason"))).toString();
    render.estimatedCredits = q.value(r.indexOf(QStringLiteral("estimated_credits"))).toDouble();
    render.spendId = q.value(r.indexOf(QStringLiteral("spend_id"))).toLongLong();
    render.createdAt = timeOf(q.value(r.indexOf(QStringLiteral("created_at"))));
    render.updatedAt = timeOf(q.value(r.indexOf(QStringLiteral("updated_at"))));
    return render;
}

DownloadRecord downloadFromQuery(const QSqlQuery &q)
{
    const QSqlRecord r = q.record();
    DownloadRecord d;
    d.localId = q.value(r.indexOf(QStringLiteral("local_id"))).toLongLong();
    d.renderLocalId = q.value(r.indexOf(QStringLiteral("render_local_id"))).toLongLong();
    d.url = QUrl(q.value(r.indexOf(QStringLiteral("url"))).toString());
    d.targetPath = q.value(r.indexOf(QStringLiteral("target_path"))).toString();
    d.status = JobStatus::fromName(q.value(r.indexOf(QStringLiteral("status"))).toString());
    d.bytesReceived = q.value(r.indexOf(QStringLiteral("bytes_received"))).toLongLong();
    d.bytesTotal = q.value(r.indexOf(QStringLiteral("bytes_total"))).toLongLong();
    d.error = q.value(r.indexOf(QStringLiteral("error"))).toString();
    d.updatedAt = timeOf(q.value(r.indexOf(QStringLiteral("updated_at"))));
    return d;
}
} // namespace

qint64 Store::insertRender(const RenderRecord &render)
{
    const QString stamp = now();
    const qint64 id = insertReturningId(
            m_connectionName,
            QStringLiteral("INSERT INTO renders (job_local_id, media_job, visual_style, status, "
                           "progress, video_output, video_thumbnail, failed_reason, "
                           "estimated_credits, spend_id, created_at, updated_at) VALUES (?, ?, "
                           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {render.jobLocalId, render.mediaJob, render.visualStyle, render.status.name(),
             render.progress, render.videoOutput.toString(), render.videoThumbnail.toString(),
             render.failedReason, render.estimatedCredits, render.spendId, stamp, stamp});
    if (id)
        Q_EMIT renderChanged(id);
    return id;
}

bool Store::updateRender(const RenderRecord &render)
{
    if (execCount(QStringLiteral("UPDATE renders SET status = ?, progress = ?, video_output = ?, "
                                 "video_thumbnail = ?, failed_reason = ?, spend_id = ?, "
                                 "updated_at = ? WHERE local_id = ?"),
                  {render.status.name(), render.progress, render.videoOutput.toString(),
                   render.videoThumbnail.toString(), render.failedReason, render.spendId, now(),
                   render.localId})
        <= 0)
        return false;
    Q_EMIT renderChanged(render.localId);
    return true;
}

std::optional<RenderRecord> Store::render(qint64 localId) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM renders WHERE local_id = ?"), {localId});
    if (q.next())
        return renderFromQuery(q);
    return std::nullopt;
}

QList<RenderRecord> Store::renders(qint64 jobLocalId) const
{
    QList<RenderRecord> out;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM renders WHERE job_local_id = ? ORDER BY "
                                        "local_id"),
                         {jobLocalId});
    while (q.next())
        out << renderFromQuery(q);
    return out;
}

QList<RenderRecord> Store::unfinishedRenders() const
{
    QList<RenderRecord> out;
    // Not yet confirmed renders are the spend guard's to settle, not the tracker's to poll.
    const QVariantList settled = statusNames(
            [](const JobStatus &s) { return s.isFinished() || s.isAwaitingAnswer(); });
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM renders WHERE status NOT IN (%1) ORDER BY "
                                        "local_id")
                                 .arg(placeholders(settled)),
                         settled);
    while (q.next())
        out << renderFromQuery(q);
    return out;
}

qint64 Store::upsertDownload(const DownloadRecord &d)
{
    const int written = execCount(
            QStringLiteral("INSERT INTO downloads (render_local_id, url, target_path, status, "
                           "bytes_received, bytes_total, error, updated_at) VALUES (?, ?, ?, ?, "
                           "?, ?, ?, ?) ON CONFLICT(render_local_id) DO UPDATE SET url = "
                           "excluded.url, target_path = excluded.target_path, status = "
                           "excluded.status, bytes_received = excluded.bytes_received, "
                           "bytes_total = excluded.bytes_total, error = excluded.error, "
                           "updated_at = excluded.updated_at"),
            {d.renderLocalId, d.url.toString(), d.targetPath, d.status.name(), d.bytesReceived,
             d.bytesTotal, d.error, now()});
    const auto stored = written > 0 ? downloadForRender(d.renderLocalId) : std::nullopt;
    if (!stored)
        return 0;
    Q_EMIT downloadChanged(stored->localId);
    return stored->localId;
}

std::optional<DownloadRecord> Store::downloadForRender(qint64 renderLocalId) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM downloads WHERE render_local_id = ?"),
                         {renderLocalId});
    if (q.next())
        return downloadFromQuery(q);
    return std::nullopt;
}

QList<DownloadRecord> Store::unfinishedDownloads() const
{
    QList<DownloadRecord> out;
    QSqlQuery q = select(
            m_connectionName,
            QStringLiteral("SELECT * FROM downloads WHERE status IN (?, ?) ORDER "
                           "BY local_id"),
            {JobStatus(JobStatus::Queued).name(), JobStatus(JobStatus::Running).name()});
    while (q.next())
        out << downloadFromQuery(q);
    return out;
}

} // namespace PreviewDeck

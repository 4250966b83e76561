// The Store's jobs and the previews they listed.

#include "store.h"

#include "storesql_p.h"

#include <QSqlRecord>

namespace PreviewDeck {

using namespace StoreSql;

QString jobKindToString(JobKind kind)
{
    return kind == JobKind::TemplatePreview ? QStringLiteral("template_preview")
                                            : QStringLiteral("link_previews");
}

JobKind jobKindFromString(const QString &text)
{
    return text == QLatin1String("template_preview") ? JobKind::TemplatePreview
                                                     : JobKind::LinkPreviews;
}

namespace {
JobRecord jobFromQuery(const QSqlQuery &q)
{
    const QSqlRecord r = q.record();
    JobRecord job;
    job.localId = q.value(r.indexOf(QStringLiteral("local_id"))).toLongLong();
    job.kind = jobKindFromString(q.value(r.indexOf(QStringLiteral("kind"))).toString());
    job.remoteId = q.value(r.indexOf(QStringLiteral("remote_id"))).toString();
    job.linkId = q.value(r.indexOf(QStringLiteral("link_id"))).toString();
    job.templateId = q.value(r.indexOf(QStringLiteral("template_id"))).toString();
    job.name = q.value(r.indexOf(QStringLiteral("name"))).toString();
    job.request = jsonObject(q.value(r.indexOf(QStringLiteral("request"))));
    job.status = JobStatus::fromName(q.value(r.indexOf(QStringLiteral("status"))).toString());
    job.progress = q.value(r.indexOf(QStringLiteral("progress"))).toDouble();
    job.failedReason = q.value(r.indexOf(QStringLiteral("failed_reason"))).toString();
    job.estimatedCredits = q.value(r.indexOf(QStringLiteral("estimated_credits"))).toDouble();
    job.creditsUsed = q.value(r.indexOf(QStringLiteral("credits_used"))).toDouble();
    job.previewUrl = QUrl(q.value(r.indexOf(QStringLiteral("preview_url"))).toString());
    job.mediaJob = q.value(r.indexOf(QStringLiteral("media_job"))).toString();
    job.createdAt = timeOf(q.value(r.indexOf(QStringLiteral("created_at"))));
    job.updatedAt = timeOf(q.value(r.indexOf(QStringLiteral("updated_at"))));
    return job;
}
} // namespace

qint64 Store::insertJob(const JobRecord &job)
{
    const QString stamp = now();
    const qint64 id = insertReturningId(
            m_connectionName,
            QStringLiteral("INSERT INTO jobs (kind, remote_id, link_id, template_id, name, "
                           "request, status, progress, failed_reason, estimated_credits, "
                           "credits_used, preview_url, media_job, created_at, updated_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {jobKindToString(job.kind), nullIfEmpty(job.remoteId), job.linkId, job.templateId,
             job.name, jsonText(job.request), job.status.name(), job.progress, job.failedReason,
             job.estimatedCredits, job.creditsUsed, job.previewUrl.toString(), job.mediaJob, stamp,
             stamp});
    if (id)
        Q_EMIT jobChanged(id);
    return id;
}

bool Store::updateJob(const JobRecord &job)
{
    if (execCount(QStringLiteral("UPDATE jobs SET remote_id = ?, link_id = ?, template_id = ?, "
                                 "name = ?, request = ?, status = ?, progress = ?, failed_reason = "
                                 "?, estimated_credits = ?, credits_used = ?, preview_url = ?, "
                                 "media_job = ?, updated_at = ? WHERE local_id = ?"),
                  {nullIfEmpty(job.remoteId), job.linkId, job.templateId, job.name,
                   jsonText(job.request), job.status.name(), job.progress, job.failedReason,
                   job.estimatedCredits, job.creditsUsed, job.previewUrl.toString(), job.mediaJob,
                   now(), job.localId})
        <= 0)
        return false;
    Q_EMIT jobChanged(job.localId);
    return true;
}

std::optional<JobRecord> Store::job(qint64 localId) const
{
    QSqlQuery q = select(m_connectionName, QStringLiteral("SELECT * FROM jobs WHERE local_id = ?"),
                         {localId});
    if (q.next())
        return jobFromQuery(q);
    return std::nullopt;
}

std::optional<JobRecord> Store::jobByRemoteId(const QString &remoteId) const
{
    QSqlQuery q = select(m_connectionName, QStringLiteral("SELECT * FROM jobs WHERE remote_id = ?"),
                         {remoteId});
    if (q.next())
        return jobFromQuery(q);
    return std::nullopt;
}

QList<JobRecord> Store::jobs() const
{
    QList<JobRecord> out;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM jobs ORDER BY local_id DESC"));
    while (q.next())
        out << jobFromQuery(q);
    return out;
}

QList<JobRecord> Store::unfinishedJobs(JobKind kind) const
{
    QList<JobRecord> out;
    const QVariantList finished = statusNames([](const JobStatus &s) { return s.isFinished(); });
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM jobs WHERE kind = ? AND remote_id IS NOT "
                                        "NULL AND status NOT IN (%1) ORDER BY local_id")
                                 .arg(placeholders(finished)),
                         QVariantList{jobKindToString(kind)} + finished);
    while (q.next())
        out << jobFromQuery(q);
    return out;
}

bool Store::removeJob(qint64 localId)
{
    if (execCount(QStringLiteral("DELETE FROM jobs WHERE local_id = ?"), {localId}) <= 0)
        return false;
    Q_EMIT jobRemoved(localId);
    return true;
}

bool Store::setPreviews(qint64 jobLocalId, const QList<PreviewRecord> &previews)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    for (int i = 0; i < previews.size(); ++i) {
        const PreviewRecord &p = previews.at(i);
        if (!exec(QStringLiteral("INSERT INTO previews (job_local_id, media_job, visual_style, "
                                 "aspect_ratio, url, position) VALUES (?, ?, ?, ?, ?, ?) ON "
                                 "CONFLICT(job_local_id, media_job) DO UPDATE SET visual_style "
                                 "= excluded.visual_style, aspect_ratio = excluded.aspect_ratio, "
                                 "url = excluded.url, position = excluded.position"),
                  {jobLocalId, p.mediaJob, p.visualStyle, p.aspectRatio, p.url.toString(), i})) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QList<PreviewRecord> Store::previews(qint64 jobLocalId) const
{
    QList<PreviewRecord> out;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT media_job, visual_style, aspect_ratio, url, "
                                        "position FROM previews WHERE job_local_id = ? ORDER BY "
                                        "position"),
                         {jobLocalId});
    while (q.next()) {
        PreviewRecord p;
        p.jobLocalId = jobLocalId;
        p.mediaJob = q.value(0).toString();
        p.visualStyle = q.value(1).toString();
        p.aspectRatio = q.value(2).toString();
        p.url = QUrl(q.value(3).toString());
        p.position = q.value(4).toInt();
        out << p;
    }
    return out;
}

} // namespace PreviewDeck

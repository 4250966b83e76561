#include "store.h"

#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace PreviewDeck {

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

QString spendStateToString(SpendState state)
{
    switch (state) {
    case SpendState::Pending:
        return QStringLiteral("pending");
    case SpendState::Confirmed:
        return QStringLiteral("confirmed");
    case SpendState::Refused:
        return QStringLiteral("refused");
    case SpendState::Unknown:
        return QStringLiteral("unknown");
    case SpendState::Absent:
        return QStringLiteral("absent");
    case SpendState::Unsure:
        return QStringLiteral("unsure");
    }
    return QString();
}

SpendState spendStateFromString(const QString &text)
{
    if (text == QLatin1String("confirmed"))
        return SpendState::Confirmed;
    if (text == QLatin1String("refused"))
        return SpendState::Refused;
    if (text == QLatin1String("unknown"))
        return SpendState::Unknown;
    if (text == QLatin1String("absent"))
        return SpendState::Absent;
    if (text == QLatin1String("unsure"))
        return SpendState::Unsure;
    return SpendState::Pending;
}

QString spendKindToString(SpendKind kind)
{
    switch (kind) {
    case SpendKind::CreateLink:
        return QStringLiteral("create_link");
    case SpendKind::PreviewList:
        return QStringLiteral("preview_list");
    case SpendKind::RenderPreview:
        return QStringLiteral("render_preview");
    case SpendKind::TemplatePreview:
        return QStringLiteral("template_preview");
    case SpendKind::TemplateRender:
        return QStringLiteral("template_render");
    }
    return QString();
}

SpendKind spendKindFromString(const QString &text)
{
    if (text == QLatin1String("preview_list"))
        return SpendKind::PreviewList;
    if (text == QLatin1String("render_preview"))
        return SpendKind::RenderPreview;
    if (text == QLatin1String("template_preview"))
        return SpendKind::TemplatePreview;
    if (text == QLatin1String("template_render"))
        return SpendKind::TemplateRender;
    return SpendKind::CreateLink;
}

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime timeOf(const QVariant &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// The stored names of the statuses `pick` selects, as bind values for an SQL "IN (…)" list:
// the queries ask JobStatus which statuses are finished rather than listing them again.
template<typename Pick>
QVariantList statusNames(Pick pick)
{
    QVariantList names;
    const QList<JobStatus> known = JobStatus::knownValues();
    for (const JobStatus &status : known) {
        if (pick(status))
            names << status.name();
    }
    return names;
}

QString placeholders(const QVariantList &values)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), values.size());
    return marks.join(QLatin1String(", "));
}

// The schema, one list of statements per version; never edit a released step, add one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
            {
                    QStringLiteral("CREATE TABLE links (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                                   "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
                    QStringLiteral("CREATE TABLE spends (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                   "kind TEXT NOT "
                                   "NULL, dedup_key TEXT NOT NULL, request TEXT NOT NULL, "
                                   "estimated_credits "
                                   "REAL NOT NULL DEFAULT 0, state TEXT NOT NULL, result_id TEXT, "
                                   "error TEXT, "
                                   "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
                    QStringLiteral("CREATE INDEX spends_dedup ON spends(dedup_key)"),
                    QStringLiteral(
                            "CREATE TABLE jobs (local_id INTEGER PRIMARY KEY AUTOINCREMENT, kind "
                            "TEXT "
                            "NOT NULL, remote_id TEXT UNIQUE, link_id TEXT, template_id TEXT, name "
                            "TEXT, request TEXT NOT NULL, status TEXT NOT NULL, progress REAL NOT "
                            "NULL "
                            "DEFAULT 0, failed_reason TEXT, estimated_credits REAL NOT NULL "
                            "DEFAULT "
                            "0, credits_used REAL NOT NULL DEFAULT 0, preview_url TEXT, media_job "
                            "TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
                    QStringLiteral(
                            "CREATE TABLE previews (job_local_id INTEGER NOT NULL REFERENCES "
                            "jobs(local_id) ON DELETE CASCADE, media_job TEXT NOT NULL, "
                            "visual_style TEXT, aspect_ratio TEXT, url TEXT, position "
                            "INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job_local_id, "
                            "media_job))"),
                    QStringLiteral(
                            "CREATE TABLE renders (local_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            "job_local_id INTEGER NOT NULL REFERENCES jobs(local_id) ON DELETE "
                            "CASCADE, media_job TEXT, visual_style TEXT, status TEXT NOT NULL, "
                            "progress REAL NOT NULL DEFAULT 0, video_output TEXT, video_thumbnail "
                            "TEXT, failed_reason TEXT, estimated_credits REAL NOT NULL DEFAULT 0, "
                            "spend_id INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT "
                            "NULL)"),
                    QStringLiteral(
                            "CREATE TABLE downloads (local_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            "render_local_id INTEGER NOT NULL UNIQUE REFERENCES renders(local_id) "
                            "ON "
                            "DELETE CASCADE, url TEXT NOT NULL, target_path TEXT NOT NULL, status "
                            "TEXT NOT NULL, bytes_received INTEGER NOT NULL DEFAULT 0, bytes_total "
                            "INTEGER NOT NULL DEFAULT -1, error TEXT, updated_at TEXT NOT NULL)"),
            },
            // 2: the comparison as the user left it (previewmarks.cpp).
            {
                    QStringLiteral("ALTER TABLE previews ADD COLUMN mark TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE jobs ADD COLUMN hide_rejected INTEGER NOT NULL "
                                   "DEFAULT 0"),
            },
    };
    return steps;
}

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

SpendRecord spendFromQuery(const QSqlQuery &q)
{
    const QSqlRecord r = q.record();
    SpendRecord spend;
    spend.id = q.value(r.indexOf(QStringLiteral("id"))).toLongLong();
    spend.kind = spendKindFromString(q.value(r.indexOf(QStringLiteral("kind"))).toString());
    spend.dedupKey = q.value(r.indexOf(QStringLiteral("dedup_key"))).toString();
    spend.request = jsonObject(q.value(r.indexOf(QStringLiteral("request"))));
    spend.estimatedCredits = q.value(r.indexOf(QStringLiteral("estimated_credits"))).toDouble();
    spend.state = spendStateFromString(q.value(r.indexOf(QStringLiteral("state"))).toString());
    spend.resultId = q.value(r.indexOf(QStringLiteral("result_id"))).toString();
    spend.error = q.value(r.indexOf(QStringLiteral("error"))).toString();
    spend.createdAt = timeOf(q.value(r.indexOf(QStringLiteral("created_at"))));
    spend.updatedAt = timeOf(q.value(r.indexOf(QStringLiteral("updated_at"))));
    return spend;
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

Store::Store(QObject *parent)
    : QObject(parent),
      m_connectionName(QStringLiteral("previewdeck-store-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Store::~Store()
{
    close();
}

bool Store::open(const QString &path, QString *error)
{
    close();
    if (path != QLatin1String(":memory:"))
        QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        if (error)
            *error = tr("Could not open the job history at %1: %2").arg(path, db.lastError().text());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    m_path = path;
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    // Every write must be on disk before we act on it (record the intent, then send).
    exec(QStringLiteral("PRAGMA synchronous = FULL"));
    if (!migrate(error)) {
        close();
        return false;
    }
    return true;
}

void Store::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
}

bool Store::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
            && QSqlDatabase::database(m_connectionName, false).isOpen();
}

int Store::schemaVersion() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool Store::migrate(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const int current = schemaVersion();
    if (current > SchemaVersion) {
        if (error)
            *error = tr("The job history was written by a newer PreviewDeck (schema %1); "
                        "update PreviewDeck to open it.")
                             .arg(current);
        return false;
    }
    for (int version = current; version < SchemaVersion; ++version) {
        db.transaction();
        for (const QString &statement : migrations().at(version)) {
            QSqlQuery q(db);
            if (!q.exec(statement)) {
                if (error)
                    *error = tr("Could not upgrade the job history: %1").arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        db.commit();
        qCDebug(lcStorage) << "store schema upgraded to" << version + 1;
    }
    return true;
}

bool Store::exec(const QString &sql, const QVariantList &values) const
{
    return execCount(sql, values) >= 0;
}

int Store::execCount(const QString &sql, const QVariantList &values) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "query failed:" << q.lastError().text() << sql;
        return -1;
    }
    return q.numRowsAffected();
}

namespace {
QSqlQuery select(const QString &connection, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec())
        qCWarning(lcStorage).noquote() << "select failed:" << q.lastError().text() << sql;
    return q;
}

qint64 insertReturningId(const QString &connection, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "insert failed:" << q.lastError().text() << sql;
        return 0;
    }
    return q.lastInsertId().toLongLong();
}
} // namespace

bool Store::saveLink(const Link &link)
{
    const QString stamp = now();
    if (!exec(QStringLiteral(
                      "INSERT INTO links (id, data, created_at, updated_at) VALUES (?, ?, ?, "
                      "?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
                      "updated_at = excluded.updated_at"),
              {link.id, jsonText(link.toJson()), stamp, stamp}))
        return false;
    Q_EMIT linkChanged(link.id);
    return true;
}

std::optional<Link> Store::link(const QString &id) const
{
    QSqlQuery q = select(m_connectionName, QStringLiteral("SELECT data FROM links WHERE id = ?"),
                         {id});
    Link link;
    if (q.next() && Link::fromWrapperJson(jsonObject(q.value(0)), &link))
        return link;
    return std::nullopt;
}

QList<Link> Store::links() const
{
    QList<Link> out;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT data FROM links ORDER BY created_at DESC"));
    while (q.next()) {
        Link link;
        if (Link::fromWrapperJson(jsonObject(q.value(0)), &link))
            out << link;
    }
    return out;
}

qint64 Store::recordSpendIntent(SpendKind kind, const QString &dedupKey, const QJsonObject &request,
                                double estimatedCredits)
{
    const QString stamp = now();
    return insertReturningId(
            m_connectionName,
            QStringLiteral("INSERT INTO spends (kind, dedup_key, request, estimated_credits, "
                           "state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {spendKindToString(kind), dedupKey, jsonText(request), estimatedCredits,
             spendStateToString(SpendState::Pending), stamp, stamp});
}

bool Store::setSpendState(qint64 id, SpendState state, const QString &resultId, const QString &error)
{
    return execCount(QStringLiteral("UPDATE spends SET state = ?, result_id = COALESCE(?, "
                                    "result_id), error = ?, updated_at = ? WHERE id = ?"),
                     {spendStateToString(state), nullIfEmpty(resultId), nullIfEmpty(error), now(),
                      id})
            > 0;
}

std::optional<SpendRecord> Store::spend(qint64 id) const
{
    QSqlQuery q = select(m_connectionName, QStringLiteral("SELECT * FROM spends WHERE id = ?"),
                         {id});
    if (q.next())
        return spendFromQuery(q);
    return std::nullopt;
}

std::optional<SpendRecord> Store::blockingSpend(const QString &dedupKey) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM spends WHERE dedup_key = ? AND state IN "
                                        "('pending', 'unknown', 'confirmed', 'unsure') ORDER BY "
                                        "id DESC LIMIT 1"),
                         {dedupKey});
    if (q.next())
        return spendFromQuery(q);
    return std::nullopt;
}

QList<SpendRecord> Store::unresolvedSpends() const
{
    QList<SpendRecord> out;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT * FROM spends WHERE state IN ('pending', "
                                        "'unknown') ORDER BY id"));
    while (q.next())
        out << spendFromQuery(q);
    return out;
}

QList<SpendRecord> Store::spends() const
{
    QList<SpendRecord> out;
    QSqlQuery q = select(m_connectionName, QStringLiteral("SELECT * FROM spends ORDER BY id"));
    while (q.next())
        out << spendFromQuery(q);
    return out;
}

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

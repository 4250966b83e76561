// The Store's links and spends (the intent recorded before any credit-spending request).

#include "store.h"

#include "storesql_p.h"

#include <QSqlRecord>

namespace PreviewDeck {

using namespace StoreSql;

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
            // A purchase without a key (a link from hand-entered data) stores an empty one.
            {spendKindToString(kind), text(dedupKey), jsonText(request), estimatedCredits,
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

double Store::linkCreditsOfJob(qint64 jobLocalId) const
{
    QSqlQuery q = select(
            m_connectionName,
            // The link's first job Creatify took: one it never took (a 429, a lost request)
            // left a row of its own, but no previews the link's price could go with.
            QStringLiteral("SELECT COALESCE(SUM(s.estimated_credits), 0) FROM jobs j JOIN spends s "
                           "ON s.result_id = j.link_id AND s.kind = ? AND s.state = ? WHERE "
                           "j.local_id = ? AND j.local_id = (SELECT MIN(local_id) FROM jobs "
                           "WHERE link_id = j.link_id AND status <> ?)"),
            {spendKindToString(SpendKind::CreateLink), spendStateToString(SpendState::Confirmed),
             jobLocalId, JobStatus(JobStatus::NotCreated).name()});
    return q.next() ? q.value(0).toDouble() : 0.0;
}

} // namespace PreviewDeck

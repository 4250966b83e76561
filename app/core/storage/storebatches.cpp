// The Store's batches of products (schema versions 4 and 5).

#include "store.h"

#include "logging.h"
#include "storesql_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>

namespace PreviewDeck {

using namespace StoreSql;

namespace {

const QList<QPair<BatchRowStage, QString>> &stageNames()
{
    static const QList<QPair<BatchRowStage, QString>> names = {
            {BatchRowStage::Queued, QStringLiteral("queued")},
            {BatchRowStage::Reading, QStringLiteral("reading")},
            {BatchRowStage::Read, QStringLiteral("read")},
            {BatchRowStage::Previewing, QStringLiteral("previewing")},
            {BatchRowStage::LinkFailed, QStringLiteral("link_failed")},
            {BatchRowStage::Failed, QStringLiteral("failed")},
            {BatchRowStage::Dropped, QStringLiteral("dropped")},
    };
    return names;
}

QString imagesText(const QStringList &urls)
{
    return urls.isEmpty()
            ? QStringLiteral("")
            : QString::fromUtf8(
                    QJsonDocument(QJsonArray::fromStringList(urls)).toJson(QJsonDocument::Compact));
}

QStringList imagesFrom(const QVariant &value)
{
    QStringList urls;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &url : array)
        urls << url.toString();
    return urls;
}

const QString kRowColumns = QStringLiteral(
        "batch_id, position, url, name, title, description, image_urls, link_id, link_spend_id, "
        "job_local_id, stage, error");

BatchRow rowFromQuery(const QSqlQuery &q)
{
    BatchRow row;
    row.batchId = q.value(0).toLongLong();
    row.position = q.value(1).toInt();
    row.url = q.value(2).toString();
    row.name = q.value(3).toString();
    row.title = q.value(4).toString();
    row.description = q.value(5).toString();
    row.imageUrls = imagesFrom(q.value(6));
    row.linkId = q.value(7).toString();
    row.linkSpendId = q.value(8).toLongLong();
    row.jobLocalId = q.value(9).toLongLong();
    row.stage = batchRowStageFromString(q.value(10).toString());
    row.error = q.value(11).toString();
    return row;
}

// The picks' columns: position first, then what pickFromQuery reads.
const QString kPickColumns = QStringLiteral(
        "position, visual_style, render_local_id, error, render_confirmed");

BatchPick pickFromQuery(const QSqlQuery &q)
{
    return BatchPick{q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString(),
                     q.value(4).toBool()};
}

QVariantList rowValues(const BatchRow &row)
{
    return {row.batchId,
            row.position,
            text(row.url),
            text(row.name),
            text(row.title),
            text(row.description),
            imagesText(row.imageUrls),
            text(row.linkId),
            row.linkSpendId,
            row.jobLocalId,
            batchRowStageToString(row.stage),
            text(row.error),
            now()};
}

const QString kInsertPick = QStringLiteral(
        "INSERT INTO batch_picks (batch_id, position, visual_style, render_local_id, error, "
        "render_confirmed) VALUES (?, ?, ?, ?, ?, ?)");

QVariantList pickValues(qint64 batchId, int position, const BatchPick &pick)
{
    return {batchId,          position,
            pick.visualStyle, pick.renderLocalId,
            text(pick.error), pick.renderConfirmed};
}

} // namespace

QString batchRowStageToString(BatchRowStage stage)
{
    for (const auto &[value, name] : stageNames())
        if (value == stage)
            return name;
    return QStringLiteral("queued");
}

BatchRowStage batchRowStageFromString(const QString &text)
{
    for (const auto &[value, name] : stageNames())
        if (name == text)
            return value;
    return BatchRowStage::Queued;
}

qint64 Store::insertBatch(const Batch &batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    const qint64 id = insertReturningId(
            m_connectionName,
            QStringLiteral("INSERT INTO batches (name, dedup_key, request, download_dir, "
                           "created_at) VALUES (?, ?, ?, ?, ?)"),
            {text(batch.name), text(batch.key), jsonText(batch.request),
             text(batch.downloadDirectory), now()});
    bool written = id != 0;
    for (int i = 0; written && i < batch.rows.size(); ++i) {
        BatchRow row = batch.rows.at(i);
        row.batchId = id;
        row.position = i;
        written = exec(QStringLiteral("INSERT INTO batch_rows (%1, updated_at) VALUES (?, ?, ?, "
                                      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                               .arg(kRowColumns),
                       rowValues(row));
        for (const BatchPick &pick : std::as_const(row.picks))
            written = written && exec(kInsertPick, pickValues(id, i, pick));
    }
    if (!written || !db.commit()) {
        db.rollback();
        return 0;
    }
    Q_EMIT batchChanged(id);
    return id;
}

std::optional<Batch> Store::batch(qint64 batchId) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT name, dedup_key, request, download_dir, "
                                        "created_at FROM batches WHERE id = ?"),
                         {batchId});
    if (!q.next())
        return std::nullopt;
    Batch batch;
    batch.id = batchId;
    batch.name = q.value(0).toString();
    batch.key = q.value(1).toString();
    batch.request = jsonObject(q.value(2));
    batch.downloadDirectory = q.value(3).toString();
    batch.createdAt = timeOf(q.value(4));
    QSqlQuery rows = select(
            m_connectionName,
            QStringLiteral("SELECT %1 FROM batch_rows WHERE batch_id = ? ORDER BY position")
                    .arg(kRowColumns),
            {batchId});
    while (rows.next())
        batch.rows << rowFromQuery(rows);
    QSqlQuery picks = select(m_connectionName,
                             QStringLiteral("SELECT %1 FROM batch_picks WHERE batch_id = ? ORDER "
                                            "BY position, rowid")
                                     .arg(kPickColumns),
                             {batchId});
    while (picks.next()) {
        const int position = picks.value(0).toInt();
        if (position >= 0 && position < batch.rows.size())
            batch.rows[position].picks << pickFromQuery(picks);
    }
    return batch;
}

std::optional<BatchRow> Store::batchRow(qint64 batchId, int position) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT %1 FROM batch_rows WHERE batch_id = ? AND "
                                        "position = ?")
                                 .arg(kRowColumns),
                         {batchId, position});
    if (!q.next())
        return std::nullopt;
    BatchRow row = rowFromQuery(q);
    QSqlQuery picks = select(m_connectionName,
                             QStringLiteral("SELECT %1 FROM batch_picks WHERE batch_id = ? AND "
                                            "position = ? ORDER BY rowid")
                                     .arg(kPickColumns),
                             {batchId, position});
    while (picks.next())
        row.picks << pickFromQuery(picks);
    return row;
}

std::optional<Batch> Store::batchByKey(const QString &key) const
{
    if (key.isEmpty())
        return std::nullopt;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT id FROM batches WHERE dedup_key = ? ORDER BY id "
                                        "DESC LIMIT 1"),
                         {key});
    return q.next() ? batch(q.value(0).toLongLong()) : std::nullopt;
}

QList<Batch> Store::batches() const
{
    QList<qint64> ids;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT id FROM batches ORDER BY id DESC"));
    while (q.next())
        ids << q.value(0).toLongLong();
    QList<Batch> out;
    for (qint64 id : std::as_const(ids))
        if (auto found = batch(id))
            out << *found;
    return out;
}

bool Store::updateBatchRow(const BatchRow &row)
{
    const auto current = batchRow(row.batchId, row.position);
    if (!current)
        return false;
    if (*current == row)
        return true; // already so: nothing to signal
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    QVariantList values = rowValues(row).mid(2); // url … updated_at
    values << row.batchId << row.position;
    bool written = execCount(QStringLiteral("UPDATE batch_rows SET url = ?, name = ?, title = ?, "
                                            "description = ?, image_urls = ?, link_id = ?, "
                                            "link_spend_id = ?, job_local_id = ?, stage = ?, "
                                            "error = ?, updated_at = ? WHERE batch_id = ? AND "
                                            "position = ?"),
                             values)
            == 1;
    written = written
            && exec(QStringLiteral("DELETE FROM batch_picks WHERE batch_id = ? AND position = ?"),
                    {row.batchId, row.position});
    for (const BatchPick &pick : row.picks)
        written = written && exec(kInsertPick, pickValues(row.batchId, row.position, pick));
    if (!written || !db.commit()) {
        db.rollback();
        qCWarning(lcStorage) << "batch row not written" << row.batchId << row.position;
        return false;
    }
    Q_EMIT batchChanged(row.batchId);
    return true;
}

bool Store::setBatchDownloadDirectory(qint64 batchId, const QString &directory)
{
    const auto current = batch(batchId);
    if (!current)
        return false;
    if (current->downloadDirectory == directory)
        return true;
    if (execCount(QStringLiteral("UPDATE batches SET download_dir = ? WHERE id = ?"),
                  {text(directory), batchId})
        != 1)
        return false;
    Q_EMIT batchChanged(batchId);
    return true;
}

std::optional<BatchRow> Store::batchRowOfJob(qint64 jobLocalId) const
{
    if (!jobLocalId)
        return std::nullopt;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT batch_id, position FROM batch_rows WHERE "
                                        "job_local_id = ? ORDER BY batch_id DESC LIMIT 1"),
                         {jobLocalId});
    return q.next() ? batchRow(q.value(0).toLongLong(), q.value(1).toInt()) : std::nullopt;
}

std::optional<BatchRow> Store::batchRowOfRender(qint64 renderLocalId) const
{
    if (!renderLocalId)
        return std::nullopt;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT batch_id, position FROM batch_picks WHERE "
                                        "render_local_id = ? ORDER BY batch_id DESC LIMIT 1"),
                         {renderLocalId});
    return q.next() ? batchRow(q.value(0).toLongLong(), q.value(1).toInt()) : std::nullopt;
}

QString Store::batchProductName(const BatchRow &row) const
{
    if (!row.name.isEmpty())
        return row.name;
    if (!row.title.isEmpty())
        return row.title;
    if (const auto found = link(row.linkId); found && !found->title.isEmpty())
        return found->title;
    return tr("Product %1").arg(row.position + 1);
}

} // namespace PreviewDeck

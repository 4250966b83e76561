// The comparison state of a job (schema version 2; compare picks share the mark column): kept apart
// from store.cpp so that it stays one small piece.

#include "store.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace PreviewDeck {

QString previewMarkToString(PreviewMark mark)
{
    switch (mark) {
    case PreviewMark::Favourite:
        return QStringLiteral("favourite");
    case PreviewMark::Rejected:
        return QStringLiteral("rejected");
    case PreviewMark::None:
        break;
    }
    return QStringLiteral(""); // not a null QString: that would be bound as SQL NULL
}

PreviewMark previewMarkFromString(const QString &text)
{
    if (text == QLatin1String("favourite"))
        return PreviewMark::Favourite;
    if (text == QLatin1String("rejected"))
        return PreviewMark::Rejected;
    return PreviewMark::None;
}

namespace {
// The first column of the first row, or an invalid QVariant when there is none.
QVariant selectValue(const QString &connection, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "select failed:" << q.lastError().text() << sql;
        return QVariant();
    }
    return q.next() ? q.value(0) : QVariant();
}

// The mark column keeps the mark and, after a space, "compare" when the preview is picked to
// compare in the focus view: a pick is not a mark (a favourite may be picked), yet it belongs
// with it, and one column needs no schema step.
const QLatin1String kPickedWord("compare");

QString markColumn(PreviewMark mark, bool picked)
{
    const QString text = previewMarkToString(mark);
    if (!picked)
        return text;
    return text.isEmpty() ? QString(kPickedWord) : text + QLatin1Char(' ') + kPickedWord;
}

PreviewMark markOf(const QString &column)
{
    return previewMarkFromString(column.section(QLatin1Char(' '), 0, 0));
}

bool pickedOf(const QString &column)
{
    return column.split(QLatin1Char(' ')).contains(kPickedWord);
}
} // namespace

bool Store::writeMarkColumn(qint64 jobLocalId, const QString &mediaJob, PreviewMark mark,
                            bool picked)
{
    const QString text = markColumn(mark, picked);
    if (!addTemplatePreviewRow(jobLocalId, mediaJob))
        return false;
    const int changed = execCount(QStringLiteral("UPDATE previews SET mark = ? WHERE job_local_id "
                                                 "= ? AND media_job = ? AND mark <> ?"),
                                  {text, jobLocalId, mediaJob, text});
    if (changed < 0)
        return false;
    if (changed == 0) // already so, or no such preview
        return selectValue(m_connectionName,
                           QStringLiteral("SELECT 1 FROM previews WHERE job_local_id = ? AND "
                                          "media_job = ?"),
                           {jobLocalId, mediaJob})
                .isValid();
    Q_EMIT previewMarkChanged(jobLocalId, mediaJob);
    return true;
}

// A template job's one preview lives on its job row (key: the job's id, as its tile's), so it has
// no previews row to keep a mark in until it is first marked or picked: then it gets one, and
// the comparison of a template's variants is kept like a link job's, with no schema step.
bool Store::addTemplatePreviewRow(qint64 jobLocalId, const QString &mediaJob)
{
    const auto owner = job(jobLocalId);
    if (!owner || owner->kind != JobKind::TemplatePreview || owner->remoteId != mediaJob
        || mediaJob.isEmpty())
        return true; // not a template job's preview: its row is the tracker's
    return exec(
            QStringLiteral("INSERT INTO previews (job_local_id, media_job, aspect_ratio, url, "
                           "position) VALUES (?, ?, ?, ?, 0) ON CONFLICT(job_local_id, "
                           "media_job) DO NOTHING"),
            {jobLocalId, mediaJob, owner->recorded().aspectRatio(), owner->previewUrl.toString()});
}

QString Store::markColumnOf(qint64 jobLocalId, const QString &mediaJob) const
{
    return selectValue(m_connectionName,
                       QStringLiteral("SELECT mark FROM previews WHERE job_local_id = ? AND "
                                      "media_job = ?"),
                       {jobLocalId, mediaJob})
            .toString();
}

bool Store::setPreviewMark(qint64 jobLocalId, const QString &mediaJob, PreviewMark mark)
{
    return writeMarkColumn(jobLocalId, mediaJob, mark, pickedOf(markColumnOf(jobLocalId, mediaJob)));
}

PreviewMark Store::previewMark(qint64 jobLocalId, const QString &mediaJob) const
{
    return markOf(markColumnOf(jobLocalId, mediaJob));
}

bool Store::setPickedToCompare(qint64 jobLocalId, const QString &mediaJob, bool picked)
{
    return writeMarkColumn(jobLocalId, mediaJob, markOf(markColumnOf(jobLocalId, mediaJob)), picked);
}

QHash<QString, PreviewMark> Store::previewMarks(qint64 jobLocalId) const
{
    QHash<QString, PreviewMark> marks;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT media_job, mark FROM previews WHERE job_local_id = ?"));
    q.addBindValue(jobLocalId);
    if (!q.exec())
        qCWarning(lcStorage).noquote() << "select failed:" << q.lastError().text();
    while (q.next())
        marks.insert(q.value(0).toString(), markOf(q.value(1).toString()));
    return marks;
}

QStringList Store::pickedToCompare(qint64 jobLocalId) const
{
    QStringList picked;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT media_job, mark FROM previews WHERE job_local_id = ? ORDER "
                             "BY position"));
    q.addBindValue(jobLocalId);
    if (!q.exec())
        qCWarning(lcStorage).noquote() << "select failed:" << q.lastError().text();
    while (q.next()) {
        if (pickedOf(q.value(1).toString()))
            picked << q.value(0).toString();
    }
    return picked;
}

bool Store::setHideRejected(qint64 jobLocalId, bool hide)
{
    const int changed = execCount(QStringLiteral("UPDATE jobs SET hide_rejected = ? WHERE "
                                                 "local_id = ? AND hide_rejected <> ?"),
                                  {int(hide), jobLocalId, int(hide)});
    if (changed < 0)
        return false;
    if (changed == 0)
        return selectValue(m_connectionName,
                           QStringLiteral("SELECT 1 FROM jobs WHERE local_id = ?"), {jobLocalId})
                .isValid();
    Q_EMIT hideRejectedChanged(jobLocalId);
    return true;
}

bool Store::hidesRejected(qint64 jobLocalId) const
{
    return selectValue(m_connectionName,
                       QStringLiteral("SELECT hide_rejected FROM jobs WHERE local_id = ?"),
                       {jobLocalId})
                   .toInt()
            != 0;
}

} // namespace PreviewDeck

// The comparison state of a job (schema version 2): kept apart from store.cpp so that it stays
// one small piece.

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
} // namespace

bool Store::setPreviewMark(qint64 jobLocalId, const QString &mediaJob, PreviewMark mark)
{
    const QString text = previewMarkToString(mark);
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

PreviewMark Store::previewMark(qint64 jobLocalId, const QString &mediaJob) const
{
    return previewMarkFromString(
            selectValue(m_connectionName,
                        QStringLiteral("SELECT mark FROM previews WHERE job_local_id = ? AND "
                                       "media_job = ?"),
                        {jobLocalId, mediaJob})
                    .toString());
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
        marks.insert(q.value(0).toString(), previewMarkFromString(q.value(1).toString()));
    return marks;
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

#pragma once

// Helpers the Store's .cpp files share (one class, one file per responsibility). Private to
// app/core/storage.

#include "records.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace PreviewDeck::StoreSql {

QString now();
QDateTime timeOf(const QVariant &value);
QString jsonText(const QJsonObject &object);
QJsonObject jsonObject(const QVariant &value);
QVariant nullIfEmpty(const QString &text);
// An empty text, never SQL NULL: a null QString binds as NULL, and these columns are NOT NULL.
QString text(const QString &value);

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

QString placeholders(const QVariantList &values);

// A forward-only query, already run (a failure is logged; the query then has no rows).
QSqlQuery select(const QString &connection, const QString &sql, const QVariantList &values = {});
// The new row's id, or 0 when the insert failed.
qint64 insertReturningId(const QString &connection, const QString &sql, const QVariantList &values);

// The schema, one list of statements per version (storeschema.cpp).
const QList<QStringList> &migrations();

} // namespace PreviewDeck::StoreSql

// The SQL and JSON helpers the Store's files share.

#include "storesql_p.h"

#include "logging.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>

namespace PreviewDeck::StoreSql {

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

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString placeholders(const QVariantList &values)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), values.size());
    return marks.join(QLatin1String(", "));
}

QSqlQuery select(const QString &connection, const QString &sql, const QVariantList &values)
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

} // namespace PreviewDeck::StoreSql

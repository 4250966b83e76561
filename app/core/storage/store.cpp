#include "store.h"

#include "logging.h"
#include "storesql_p.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

// The Store's lifecycle and schema upgrades; the tables are read and written in
// storelinks.cpp (links, spends), storejobs.cpp (jobs, previews), storerenders.cpp (renders,
// downloads) and previewmarks.cpp (the comparison state).

namespace PreviewDeck {

using namespace StoreSql;

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

} // namespace PreviewDeck

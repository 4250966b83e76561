#include "connectionprofile.h"

#include "apiclient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace PreviewDeck::ConnectionProfile {

QString sandboxName()
{
    return QStringLiteral("sandbox");
}

QString nameFor(const QUrl &apiBase)
{
    if (apiBase == ApiClient::liveApiBase())
        return QStringLiteral("live");
    const QByteArray hash = QCryptographicHash::hash(apiBase.toString().toUtf8(),
                                                     QCryptographicHash::Sha1);
    return QLatin1String("server-") + QString::fromLatin1(hash.toHex().left(10));
}

QString databasePath(const QString &dataDirectory, const QString &profile)
{
    return dataDirectory + QLatin1Char('/') + profile + QLatin1String(".sqlite");
}

QString sandboxStateFile(const QString &databasePath)
{
    const QFileInfo database(databasePath);
    const QString path = database.path() + QLatin1Char('/') + database.completeBaseName()
            + QLatin1String("-state.json");
    const QString earlier = databasePath + QLatin1String(".sandbox-state.json");
    if (!QFileInfo::exists(path) && QFileInfo::exists(earlier))
        QFile::rename(earlier, path);
    return path;
}

} // namespace PreviewDeck::ConnectionProfile

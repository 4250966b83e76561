#pragma once

#include <QString>
#include <QUrl>

namespace PreviewDeck {

// "/api/<collection>/<id>/<action>/" with the id percent-encoded, so a malformed id can never
// change which endpoint is called.
inline QString resourcePath(const char *collection, const QString &id = QString(),
                            const char *action = nullptr)
{
    QString path = QLatin1String("/api/") + QLatin1String(collection) + QLatin1Char('/');
    if (!id.isEmpty())
        path += QString::fromLatin1(QUrl::toPercentEncoding(id)) + QLatin1Char('/');
    if (action)
        path += QLatin1String(action) + QLatin1Char('/');
    return path;
}

} // namespace PreviewDeck

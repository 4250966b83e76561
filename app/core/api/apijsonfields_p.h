#pragma once

// Lenient readers (and a writer) for API JSON fields, shared by the parsers of each resource
// family (apitypes.cpp, templatetypes.cpp). Internal to app/core/api.

#include "apitypes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace PreviewDeck::ApiJsonFields {

inline QString str(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    return QString();
}

inline QUrl urlOf(const QJsonObject &object, const char *key)
{
    const QString text = str(object, key);
    return text.isEmpty() ? QUrl() : QUrl(text);
}

inline QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        if (item.isString())
            out << item.toString();
    return out;
}

inline QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

inline int integer(const QJsonObject &object, const char *key)
{
    const double number = jsonNumber(object.value(QLatin1String(key)), 0);
    return int(number);
}

inline QDateTime dateTime(const QJsonObject &object, const char *key)
{
    return QDateTime::fromString(str(object, key), Qt::ISODateWithMs);
}

inline void putIfNotEmpty(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(key), value);
}

} // namespace PreviewDeck::ApiJsonFields

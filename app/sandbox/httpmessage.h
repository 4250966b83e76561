#pragma once

// Plain request/response values passed between the HTTP front, the router and the writer.

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <memory>

namespace Sandbox {

struct HttpRequest
{
    QByteArray method;
    QString path;
    QString rawQuery;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty when absent
};

// A body produced piece by piece so large files never sit whole in memory.
class BodySource
{
public:
    virtual ~BodySource() = default;
    virtual qint64 size() const = 0;
    virtual QByteArray read(qint64 offset, qint64 length) const = 0;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // used when source is null
    std::shared_ptr<BodySource> source; // streamed body
    qint64 sourceOffset = 0;
    qint64 sourceLength = 0;
    bool headOnly = false; // HEAD: headers with the real length, no body

    qint64 contentLength() const { return source ? sourceLength : body.size(); }
    void setHeader(const QByteArray &name, const QByteArray &value);

    static HttpResponse json(int status, const QJsonValue &value);
    static HttpResponse detail(int status, const QString &message);
    static HttpResponse html(int status, const QByteArray &page);
};

QByteArray reasonPhrase(int status);

} // namespace Sandbox

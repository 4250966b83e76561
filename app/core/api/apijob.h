#pragma once

#include "apierror.h"

#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

class QNetworkReply;

namespace PreviewDeck {

class ApiClient;

// One HTTP exchange with the API. Owns auth headers, the per-attempt timeout, cancel, the
// status/content-type/JSON checks and the mapping to a typed result or ApiError. Emits
// finished() exactly once and then deletes itself (like KJob): connect before start().
//
// Only GET is ever retried (with backoff, honouring Retry-After). A POST is sent once: whether
// a lost answer took effect is for the caller (the spend guard) to find out.
class ApiJob : public QObject
{
    Q_OBJECT
public:
    ~ApiJob() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    QByteArray verb() const { return m_verb; }
    QString path() const { return m_path; }
    int attempts() const { return m_attempt; }

    // For GETs only; POST/PUT are never repeated by the job itself.
    void setMaxAttempts(int attempts) { m_maxAttempts = qMax(1, attempts); }
    // Tests and the CLI keep a finished job around to read it; default true.
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished(PreviewDeck::ApiJob *job);

protected:
    ApiJob(ApiClient *client, const QByteArray &verb, const QString &path,
           QObject *parent = nullptr);

    void setQuery(const QUrlQuery &query) { m_query = query; }
    void setJsonBody(const QJsonDocument &body) { m_body = body.toJson(QJsonDocument::Compact); }

    // Reads a 2xx body into the typed result. Return false (with a reason for the log) when
    // the JSON does not have the shape the endpoint promises.
    virtual bool parseResult(const QJsonDocument &document, QString *whyNot) = 0;

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void finishWith(const ApiError &error);
    bool shouldRetry(const ApiError &error) const;
    int retryDelayMs(const ApiError &error) const;
    ApiError errorFromReply(QNetworkReply *reply, const QByteArray &body) const;

    ApiClient *m_client;
    QByteArray m_verb;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_body;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeoutTimer;
    QTimer m_waitTimer; // rate-limit pause or retry backoff
    ApiError m_error;
    int m_httpStatus = 0;
    int m_attempt = 0;
    int m_maxAttempts = 1;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
    bool m_started = false;
    bool m_autoDelete = true;
};

} // namespace PreviewDeck

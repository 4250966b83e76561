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

enum class HttpVerb { Get, Post, Put, Delete };
QByteArray verbName(HttpVerb verb);

// One HTTP exchange with the API. Owns auth headers, the per-attempt timeout, cancel, the
// status/content-type/JSON checks and the mapping to a typed result or ApiError. Follows the
// job contract of docs/decisions.md ("One job contract"): finished(this) exactly once, then
// deleted unless setAutoDelete(false); cancel() finishes with ApiError::Kind::Cancelled.
//
// GETs are retried with backoff, honouring Retry-After. A POST is sent again only after a 429,
// which says the request was not processed; any other failure of a POST is final here, and
// whether a lost answer took effect is for the caller (the spend guard) to find out.
class ApiJob : public QObject
{
    Q_OBJECT
public:
    ~ApiJob() override;

    void start();
    // Finishes at once with Kind::Cancelled (outcomeUnknown when a POST/PUT was on the wire);
    // a no-op once finished.
    void cancel();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    HttpVerb verb() const { return m_verb; }
    QString path() const { return m_path; }
    int attempts() const { return m_attempt; }

    // For GETs; a POST/PUT is repeated only after a 429 (see setMaxRateLimitedAttempts).
    void setMaxAttempts(int attempts) { m_maxAttempts = qMax(1, attempts); }
    // How many times a request answered 429 is sent in all before the 429 is final.
    void setMaxRateLimitedAttempts(int attempts) { m_maxRateLimitedAttempts = qMax(1, attempts); }
    static constexpr int DefaultRateLimitedAttempts = 4;
    // Tests and the CLI keep a finished job around to read it; default true.
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished(PreviewDeck::ApiJob *job);
    // The last attempt failed with `error` and the same request goes out again in `delayMs`.
    void retrying(PreviewDeck::ApiJob *job, int delayMs, const PreviewDeck::ApiError &error);

protected:
    ApiJob(ApiClient *client, HttpVerb verb, const QString &path, QObject *parent = nullptr);

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
    HttpVerb m_verb;
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
    int m_rateLimitedAttempts = 0;
    int m_maxRateLimitedAttempts = DefaultRateLimitedAttempts;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
    bool m_started = false;
    bool m_autoDelete = true;
};

} // namespace PreviewDeck

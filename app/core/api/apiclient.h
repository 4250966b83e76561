#pragma once

#include "apierror.h"

#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;

namespace PreviewDeck {

// Connection settings shared by every ApiJob: where the API is, who we are, how long we
// wait, and the rate-limit pause that a 429 imposes on all requests at once.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    static QUrl liveApiBase() { return QUrl(QStringLiteral("https://api.creatify.ai")); }

    void setBaseUrl(const QUrl &baseUrl);
    QUrl baseUrl() const { return m_baseUrl; }
    // Creatify's own servers (not the sandbox or another server): they read only public pages.
    bool isCreatify() const { return m_baseUrl.host() == liveApiBase().host(); }

    // Kept in memory only; never logged.
    void setCredentials(const QString &apiId, const QString &apiKey);

    // Per-attempt limit for one exchange.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    // First delay between retries of a safe (GET) request; doubles per attempt.
    void setRetryBaseDelayMs(int ms) { m_retryBaseDelayMs = ms; }
    int retryBaseDelayMs() const { return m_retryBaseDelayMs; }

    // A 429 pauses every request of this client until the server's Retry-After has passed.
    void pauseFor(int seconds);
    int msUntilResume() const;
    bool isPaused() const { return msUntilResume() > 0; }

    QNetworkRequest makeRequest(const QString &path, const QUrlQuery &query) const;

Q_SIGNALS:
    void rateLimited(int seconds);
    // True while requests fail for lack of a network, false again on the next answer.
    void offlineChanged(bool offline);
    // A read (GET) failed and goes out again in `delayMs`; answering() when one succeeds again.
    void retrying(int delayMs, const PreviewDeck::ApiError &error);
    void answering();

public:
    // Called by jobs after each exchange so the client can tell when we go offline/online.
    void reportReachability(bool reachedServer);
    // By jobs that retry a read, and by the job tracker, whose next round is its retry.
    void reportRetrying(int delayMs, const ApiError &error);
    void reportAnswered();

private:
    // Only the API's own jobs send through the client's connection; pictures and files go
    // through MediaFetcher and DownloadManager.
    friend class ApiJob;
    QNetworkAccessManager *network() const { return m_network; }

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl = liveApiBase();
    QByteArray m_apiId;
    QByteArray m_apiKey;
    int m_timeoutMs = 30000;
    int m_retryBaseDelayMs = 1000;
    QDeadlineTimer m_pausedUntil;
    bool m_offline = false;
    bool m_retrying = false; // a read is being retried; no request has succeeded since
};

} // namespace PreviewDeck

#include "apiclient.h"

#include "logging.h"
#include "networkfactory.h"

#include <QNetworkAccessManager>

namespace PreviewDeck {

ApiClient::ApiClient(QObject *parent)
    : QObject(parent), m_network(createNetworkAccessManager(this)), m_pausedUntil(0)
{
}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl;
}

void ApiClient::setCredentials(const QString &apiId, const QString &apiKey)
{
    m_apiId = apiId.toUtf8();
    m_apiKey = apiKey.toUtf8();
}

void ApiClient::pauseFor(int seconds)
{
    const QDeadlineTimer until(qint64(qMax(0, seconds)) * 1000);
    if (until.deadline() > m_pausedUntil.deadline())
        m_pausedUntil = until;
    qCInfo(lcApi) << "rate limited: pausing all requests for" << seconds << "s";
    Q_EMIT rateLimited(seconds);
}

int ApiClient::msUntilResume() const
{
    return int(qMax<qint64>(0, m_pausedUntil.remainingTime()));
}

QNetworkRequest ApiClient::makeRequest(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    if (!query.isEmpty())
        url.setQuery(query);

    QNetworkRequest request(url);
    request.setRawHeader("X-API-ID", m_apiId);
    request.setRawHeader("X-API-KEY", m_apiKey);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("PreviewDeck/" PREVIEWDECK_VERSION));
    // Redirects must never turn a POST into a GET or send our keys to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    return request;
}

void ApiClient::reportReachability(bool reachedServer)
{
    const bool offline = !reachedServer;
    if (offline == m_offline)
        return;
    m_offline = offline;
    Q_EMIT offlineChanged(offline);
}

void ApiClient::reportRetrying(int delayMs, const ApiError &error)
{
    m_retrying = true;
    Q_EMIT retrying(delayMs, error);
}

void ApiClient::reportAnswered()
{
    if (!m_retrying)
        return;
    m_retrying = false;
    Q_EMIT answering();
}

} // namespace PreviewDeck

#include "mediafetcher.h"

#include "netlogging_p.h"
#include "networkfactory.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

Q_LOGGING_CATEGORY(lcMedia, "previewdeck.media", QtWarningMsg)

namespace PreviewDeck {

namespace {

bool isWebAddress(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty()
            && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

int costOf(const QByteArray &data)
{
    return int(qMax<qint64>(1, data.size() / 1024));
}

} // namespace

QString MediaResult::message() const
{
    switch (error) {
    case Error::None:
        return {};
    case Error::NotWebAddress:
        return QObject::tr("This is not a web address (it must start with http:// or "
                           "https://).");
    case Error::Unreachable:
        return QObject::tr("This address could not be reached.");
    case Error::HttpError:
        if (httpStatus == 404 || httpStatus == 410)
            return QObject::tr("Nothing was found at this address (HTTP %1).").arg(httpStatus);
        return QObject::tr("The server refused this address (HTTP %1).").arg(httpStatus);
    case Error::TooLarge:
        return QObject::tr("The file at this address is too large.");
    case Error::TimedOut:
        return QObject::tr("This address did not answer in time.");
    }
    return {};
}

MediaFetch::MediaFetch(const MediaRequest &request, QObject *parent)
    : QObject(parent), m_request(request)
{
}

void MediaFetch::start(QNetworkAccessManager *network)
{
    QNetworkRequest request(m_request.url);
    request.setTransferTimeout(m_request.timeoutMs);
    request.setMaximumRedirectsAllowed(m_request.maxRedirects);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    m_reply = m_request.method == MediaRequest::Method::Head ? network->head(request)
                                                             : network->get(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &MediaFetch::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &MediaFetch::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &MediaFetch::onReplyFinished);
}

void MediaFetch::cancel()
{
    if (m_done)
        return;
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    deleteLater();
}

void MediaFetch::onMetaData()
{
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_request.method == MediaRequest::Method::Get && announced > m_request.maxBytes)
        fail(MediaResult::Error::TooLarge,
             QStringLiteral("announced %1 bytes, limit %2").arg(announced).arg(m_request.maxBytes));
}

void MediaFetch::onReadyRead()
{
    if (m_done || !m_reply->isOpen())
        return;
    // Read as it comes so a server that sends more than it announced is stopped at the cap.
    m_data += m_reply->read(m_request.maxBytes + 1 - m_data.size());
    if (m_data.size() > m_request.maxBytes)
        fail(MediaResult::Error::TooLarge,
             QStringLiteral("more than %1 bytes").arg(m_request.maxBytes));
}

void MediaFetch::onReplyFinished()
{
    if (m_done)
        return;
    onReadyRead();
    if (m_done)
        return;
    MediaResult result;
    result.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = m_reply->header(QNetworkRequest::ContentTypeHeader).toString();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    result.contentLength = length.isValid() ? length.toLongLong() : -1;
    result.transportError = m_reply->error() == QNetworkReply::NoError ? QString()
                                                                       : m_reply->errorString();
    if (result.httpStatus >= 400) {
        result.error = MediaResult::Error::HttpError;
    } else if (m_reply->error() == QNetworkReply::OperationCanceledError
               || m_reply->error() == QNetworkReply::TimeoutError) {
        // Only the transfer timeout aborts a reply we did not cancel ourselves.
        result.error = MediaResult::Error::TimedOut;
    } else if (m_reply->error() != QNetworkReply::NoError || result.httpStatus == 0) {
        result.error = MediaResult::Error::Unreachable;
    } else {
        result.data = m_data;
    }
    m_reply->deleteLater();
    finish(result);
}

void MediaFetch::fail(MediaResult::Error error, const QString &detail)
{
    if (m_done)
        return;
    qCDebug(lcMedia) << "fetch of" << m_request.url.toDisplayString() << "failed:" << detail;
    MediaResult result;
    result.error = error;
    result.httpStatus = m_reply
            ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
            : 0;
    result.transportError = detail;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    finish(result);
}

void MediaFetch::finish(const MediaResult &result)
{
    m_done = true;
    Q_EMIT finished(result);
    deleteLater();
}

MediaFetcher::MediaFetcher(QObject *parent)
    : QObject(parent), m_network(createNetworkAccessManager(this))
{
    setCacheLimit(16 * 1024 * 1024);
}

void MediaFetcher::setCacheLimit(qint64 bytes)
{
    m_cache.setMaxCost(int(qMax<qint64>(0, bytes / 1024)));
}

qint64 MediaFetcher::cachedBytes() const
{
    return qint64(m_cache.totalCost()) * 1024;
}

MediaFetch *MediaFetcher::fetch(const MediaRequest &request, QObject *context)
{
    auto *fetch = new MediaFetch(request, this);
    if (context)
        connect(context, &QObject::destroyed, fetch, &MediaFetch::cancel);
    const bool get = request.method == MediaRequest::Method::Get;
    MediaResult early;
    bool answered = false;
    if (!isWebAddress(request.url)) {
        early.error = MediaResult::Error::NotWebAddress;
        answered = true;
    } else if (const CachedMedia *cached = get ? m_cache.object(request.url) : nullptr;
               cached && cached->data.size() <= request.maxBytes) {
        early.httpStatus = 200;
        early.data = cached->data;
        early.contentType = cached->contentType;
        early.contentLength = cached->data.size();
        answered = true;
    }
    if (answered) {
        // Callers connect after fetch() returns: answer from the event loop, like the network.
        QTimer::singleShot(0, fetch, [fetch, early] {
            if (!fetch->m_done)
                fetch->finish(early);
        });
        return fetch;
    }
    if (get) {
        connect(fetch, &MediaFetch::finished, this, [this, url = request.url](const MediaResult &r) {
            if (r.ok() && !r.data.isEmpty())
                m_cache.insert(url, new CachedMedia{r.data, r.contentType}, costOf(r.data));
        });
    }
    fetch->start(m_network);
    return fetch;
}

} // namespace PreviewDeck

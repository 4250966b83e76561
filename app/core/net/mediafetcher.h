#pragma once

#include <QByteArray>
#include <QCache>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace PreviewDeck {

// What to fetch: a picture, a sound sample or just a look at an address (HEAD).
struct MediaRequest
{
    enum class Method { Get, Head };

    QUrl url;
    Method method = Method::Get;
    qint64 maxBytes = 8 * 1024 * 1024; // a larger answer is refused, not read into memory
    int timeoutMs = 15000;
    int maxRedirects = 5;
};

struct MediaResult
{
    enum class Error {
        None,
        NotWebAddress, // not http(s): nothing was requested
        Unreachable, // no answer (no connection, unknown host, refused, TLS)
        HttpError, // an answer, with a status of 400 or more
        TooLarge, // larger than the request's maxBytes
        TimedOut,
    };

    Error error = Error::None;
    int httpStatus = 0; // 0 when no answer came
    QByteArray data; // empty for HEAD
    QString contentType;
    qint64 contentLength = -1; // as announced by the server
    QString transportError; // the network stack's words, for logs and details

    bool ok() const { return error == Error::None; }
    // What went wrong, in words a user understands.
    QString message() const;
};

// One fetch under way. It reports finished() exactly once, unless cancelled, and deletes
// itself afterwards; keep it in a QPointer.
class MediaFetch : public QObject
{
    Q_OBJECT
public:
    const MediaRequest &request() const { return m_request; }
    // Stops the fetch; finished() does not follow.
    void cancel();

Q_SIGNALS:
    void finished(const PreviewDeck::MediaResult &result);

private:
    friend class MediaFetcher;
    MediaFetch(const MediaRequest &request, QObject *parent);
    void start(QNetworkAccessManager *network);
    void finish(const MediaResult &result);
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void fail(MediaResult::Error error, const QString &detail);

    MediaRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_data;
    bool m_done = false;
};

// Fetches media for the windows: pictures of avatars and products, video thumbnails, and the
// address checks before a template job. Widgets ask here instead of running their own network
// requests, so every fetch has the same limits: http(s) only, a byte cap, a timeout, no
// redirect from https to http, and a small memory cache of recent pictures.
class MediaFetcher : public QObject
{
    Q_OBJECT
public:
    explicit MediaFetcher(QObject *parent = nullptr);

    // Starts a fetch. It is cancelled when `context` is destroyed, so a closed window's fetches
    // stop. finished() always comes later, from the event loop, also for cached or refused
    // requests.
    MediaFetch *fetch(const MediaRequest &request, QObject *context);

    void setCacheLimit(qint64 bytes);
    qint64 cachedBytes() const;

private:
    struct CachedMedia
    {
        QByteArray data;
        QString contentType;
    };

    QNetworkAccessManager *m_network;
    QCache<QUrl, CachedMedia> m_cache; // cost in KiB
};

} // namespace PreviewDeck

Q_DECLARE_METATYPE(PreviewDeck::MediaResult)

#include "apijob.h"

#include "apiclient.h"
#include "logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace PreviewDeck {

namespace {

constexpr int kDefaultRetryAfterSeconds = 5;
constexpr int kMaxBackoffMs = 60000;

int parseRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (ok)
        return qMax(0, seconds);
    QString text = QString::fromLatin1(value.trimmed());
    // Qt 6.4 reads RFC 2822 dates only with a numeric zone; HTTP dates say "GMT".
    if (text.endsWith(QLatin1String(" GMT")))
        text = text.chopped(4) + QLatin1String(" +0000");
    const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (when.isValid())
        return int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    return kDefaultRetryAfterSeconds;
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    if (value.isString()) {
        out << value.toString();
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (item.isString())
                out << item.toString();
            else if (item.isObject() || item.isArray())
                out << QString::fromUtf8(QJsonDocument(item.isObject()
                                                               ? QJsonDocument(item.toObject())
                                                               : QJsonDocument(item.toArray()))
                                                 .toJson(QJsonDocument::Compact));
        }
    } else if (value.isObject()) {
        out << QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return out;
}

// DRF bodies: {"detail": "…"}, {"field": ["…"]}, {"non_field_errors": […]}, or a bare ["…"].
// Other services use {"error": "…"}.
void readErrorBody(const QByteArray &body, ApiError *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return;
    if (document.isArray()) {
        error->messages = stringsOf(document.array());
        return;
    }
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("detail") || key == QLatin1String("error")
            || key == QLatin1String("message")) {
            error->detail = stringsOf(it.value()).join(QLatin1Char(' '));
        } else if (key == QLatin1String("non_field_errors")) {
            error->messages << stringsOf(it.value());
        } else {
            error->fieldErrors.insert(key, stringsOf(it.value()));
        }
    }
}

bool mentionsCredits(const ApiError &error)
{
    QStringList all = error.messages;
    all << error.detail;
    for (const QStringList &list : error.fieldErrors)
        all << list;
    return all.join(QLatin1Char(' ')).contains(QLatin1String("credit"), Qt::CaseInsensitive);
}

// Errors after which the request cannot have reached the server's application.
bool neverSent(QNetworkReply::NetworkError code)
{
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProtocolUnknownError:
        return true;
    default:
        return false;
    }
}

// A request body that can be sent only once. Qt's HTTP stack silently sends a request again
// when a kept-alive connection closes before the answer; for a POST that spends credits that
// would be a second purchase. A body that refuses to rewind once it was read makes Qt give up
// with an error instead, which the spend guard then reconciles.
class OneShotBody : public QIODevice
{
public:
    OneShotBody(const QByteArray &data, QObject *parent)
        : QIODevice(parent), m_data(data), m_sent(data.isEmpty())
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    qint64 size() const override { return m_data.size(); }
    bool reset() override { return !m_sent && QIODevice::reset(); }
    bool seek(qint64 pos) override
    {
        return (!m_sent || pos == this->pos()) && QIODevice::seek(pos);
    }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = qMin(max, qint64(m_data.size()) - pos());
        if (n <= 0)
            return n < 0 ? -1 : 0;
        memcpy(out, m_data.constData() + pos(), size_t(n));
        if (pos() + n >= m_data.size())
            m_sent = true;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    bool m_sent;
};

} // namespace

QByteArray verbName(HttpVerb verb)
{
    switch (verb) {
    case HttpVerb::Get:
        return QByteArrayLiteral("GET");
    case HttpVerb::Post:
        return QByteArrayLiteral("POST");
    case HttpVerb::Put:
        return QByteArrayLiteral("PUT");
    case HttpVerb::Delete:
        return QByteArrayLiteral("DELETE");
    }
    return QByteArray();
}

ApiJob::ApiJob(ApiClient *client, HttpVerb verb, const QString &path, QObject *parent)
    : QObject(parent), m_client(client), m_verb(verb), m_path(path)
{
    m_timeoutTimer.setSingleShot(true);
    m_waitTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &ApiJob::onTimeout);
    connect(&m_waitTimer, &QTimer::timeout, this, &ApiJob::sendAttempt);
    if (m_verb == HttpVerb::Get)
        m_maxAttempts = 3;
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::start()
{
    if (m_started)
        return;
    m_started = true;
    // Deferred so that a caller connecting after start() still sees every signal.
    QTimer::singleShot(0, this, &ApiJob::sendAttempt);
}

void ApiJob::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_waitTimer.stop();
    if (m_reply) {
        m_reply->abort(); // onReplyFinished reports Cancelled
        return;
    }
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    finishWith(error);
}

void ApiJob::sendAttempt()
{
    if (m_finished || m_cancelled)
        return;
    // Everything waits while a 429's Retry-After runs.
    if (const int wait = m_client->msUntilResume(); wait > 0) {
        m_waitTimer.start(wait);
        return;
    }
    ++m_attempt;
    m_timedOut = false;
    m_httpStatus = 0;
    QNetworkRequest request = m_client->makeRequest(m_path, m_query);
    if (!m_body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    qCDebug(lcApi).noquote() << verbName(m_verb) << request.url().toString(QUrl::RemoveUserInfo)
                             << "attempt" << m_attempt;
    if (m_verb == HttpVerb::Get) {
        m_reply = m_client->network()->sendCustomRequest(request, verbName(m_verb));
    } else {
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_body.size());
        auto *body = new OneShotBody(m_body, nullptr);
        m_reply = m_client->network()->sendCustomRequest(request, verbName(m_verb), body);
        body->setParent(m_reply);
    }
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    m_timeoutTimer.start(m_client->timeoutMs());
}

void ApiJob::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    m_timeoutTimer.stop();

    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    ApiError error = errorFromReply(reply, body);
    m_client->reportReachability(m_httpStatus != 0 || error.kind == ApiError::Kind::Cancelled);

    if (!error.isError()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        QString whyNot;
        if (parseError.error != QJsonParseError::NoError) {
            whyNot = parseError.errorString();
        } else if (parseResult(document, &whyNot)) {
            m_client->reportAnswered();
            finishWith(ApiError());
            return;
        }
        qCWarning(lcApi).noquote() << verbName(m_verb) << m_path << "unreadable answer:" << whyNot;
        error.kind = ApiError::Kind::BadResponse;
        error.outcomeUnknown = m_verb != HttpVerb::Get; // it took effect, but we cannot read what
    }

    if (error.kind == ApiError::Kind::RateLimited) {
        m_client->pauseFor(error.retryAfterSeconds);
        ++m_rateLimitedAttempts;
    }

    if (shouldRetry(error)) {
        const int delay = retryDelayMs(error);
        qCInfo(lcApi).noquote() << verbName(m_verb) << m_path << "failed (" << error.kindName()
                                << "), retrying in" << delay << "ms";
        m_waitTimer.start(delay);
        Q_EMIT retrying(this, delay, error);
        // Purchases say their own waits; the reads behind the scenes are said by the window.
        if (m_verb == HttpVerb::Get)
            m_client->reportRetrying(delay, error);
        return;
    }
    finishWith(error);
}

ApiError ApiJob::errorFromReply(QNetworkReply *reply, const QByteArray &body) const
{
    ApiError error;
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const_cast<ApiJob *>(this)->m_httpStatus = statusAttribute.isValid() ? statusAttribute.toInt()
                                                                         : 0;
    error.httpStatus = m_httpStatus;
    const bool spends = m_verb != HttpVerb::Get;

    if (m_cancelled) {
        error.kind = ApiError::Kind::Cancelled;
        error.outcomeUnknown = spends;
        return error;
    }
    if (m_timedOut) {
        error.kind = ApiError::Kind::Timeout;
        error.outcomeUnknown = spends;
        return error;
    }
    if (m_httpStatus == 0) {
        error.kind = ApiError::Kind::Network;
        error.detail = reply->errorString();
        error.outcomeUnknown = spends && !neverSent(reply->error());
        return error;
    }
    if (m_httpStatus >= 200 && m_httpStatus < 300) {
        // The connection broke after the headers: a network failure, not an unreadable answer.
        if (reply->error() != QNetworkReply::NoError
            && reply->error() < QNetworkReply::ContentAccessDenied) {
            error.kind = ApiError::Kind::Network;
            error.detail = reply->errorString();
            error.outcomeUnknown = spends;
            return error;
        }
        const QByteArray contentType
                = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
        if (!contentType.contains("json")) {
            error.kind = ApiError::Kind::BadResponse;
            error.detail = QStringLiteral("content type %1").arg(QString::fromLatin1(contentType));
            error.outcomeUnknown = spends;
        }
        return error;
    }

    readErrorBody(body, &error);
    if (m_httpStatus == 401 || m_httpStatus == 403) {
        error.kind = mentionsCredits(error) ? ApiError::Kind::OutOfCredits : ApiError::Kind::Auth;
    } else if (m_httpStatus == 402) {
        error.kind = ApiError::Kind::OutOfCredits;
    } else if (m_httpStatus == 404) {
        error.kind = ApiError::Kind::NotFound;
    } else if (m_httpStatus == 429) {
        error.kind = ApiError::Kind::RateLimited;
        error.retryAfterSeconds = reply->hasRawHeader("Retry-After")
                ? parseRetryAfter(reply->rawHeader("Retry-After"))
                : kDefaultRetryAfterSeconds;
    } else if (m_httpStatus >= 500) {
        error.kind = ApiError::Kind::Server;
        // A 5xx may come after the work was done (a proxy timing out, a crash while
        // answering): the effect of a POST is unknown.
        error.outcomeUnknown = spends;
    } else if (m_httpStatus >= 400) {
        error.kind = mentionsCredits(error) ? ApiError::Kind::OutOfCredits
                                            : ApiError::Kind::Validation;
    } else {
        error.kind = ApiError::Kind::BadResponse; // 1xx/3xx left unresolved
    }
    return error;
}

bool ApiJob::shouldRetry(const ApiError &error) const
{
    if (m_cancelled)
        return false;
    // A 429 means "not processed": the one answer after which any request, a credit-spending
    // POST included, may be sent again as it was.
    if (error.kind == ApiError::Kind::RateLimited
        && m_rateLimitedAttempts < m_maxRateLimitedAttempts)
        return true;
    if (m_verb != HttpVerb::Get || m_attempt >= m_maxAttempts)
        return false;
    return error.isTransient();
}

int ApiJob::retryDelayMs(const ApiError &error) const
{
    const int base = m_client->retryBaseDelayMs();
    const int failures = error.kind == ApiError::Kind::RateLimited ? m_rateLimitedAttempts
                                                                   : m_attempt;
    const qint64 backoff = qMin<qint64>(kMaxBackoffMs, qint64(base) << qMin(failures - 1, 10));
    const int jitter = base > 0 ? int(QRandomGenerator::global()->bounded(base / 2 + 1)) : 0;
    const qint64 retryAfter = qint64(error.retryAfterSeconds) * 1000;
    return int(qMax(backoff + jitter, retryAfter));
}

void ApiJob::finishWith(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_timeoutTimer.stop();
    m_waitTimer.stop();
    if (error.isError() && error.kind != ApiError::Kind::Cancelled)
        qCInfo(lcApi).noquote() << verbName(m_verb) << m_path << "failed:" << error.kindName()
                                << "HTTP" << error.httpStatus;
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace PreviewDeck

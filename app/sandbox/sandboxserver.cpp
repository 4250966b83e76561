#include "sandboxserver.h"

#include "apirouter.h"
#include "faultinjector.h"
#include "httpmessage.h"
#include "mediastore.h"
#include "responsewriter.h"
#include "sandboxstate.h"
#include "statefile.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

} // namespace

// Receives parsed requests from Qt and hands them on; it writes responses itself (raw bytes) so
// answers can be delayed, streamed, cut short or withheld.
class HttpFront : public QAbstractHttpServer
{
public:
    std::function<void(HttpRequest, QTcpSocket *)> onRequest;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        HttpRequest r;
        r.method = methodName(request.method());
        const QUrl url = request.url();
        r.path = url.path();
        r.rawQuery = url.query(QUrl::FullyEncoded);
        r.query = QUrlQuery(url);
        r.headers = request.headers();
        r.body = request.body();
        onRequest(std::move(r), socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }
};

class SandboxServerPrivate
{
public:
    explicit SandboxServerPrivate(SandboxServer *q) : q(q), router(state, faults) { }

    void handle(HttpRequest request, QTcpSocket *socket);
    HttpResponse dispatch(const HttpRequest &request);
    void finish(qint64 serial, int status);
    void saveState();

    SandboxServer *q;
    HttpFront front;
    SandboxState state;
    FaultInjector faults;
    MediaStore media;
    ApiRouter router;
    QString apiId = QStringLiteral("sandbox");
    QString apiKey = QStringLiteral("sandbox-key");
    quint16 port = 0;
    QString host = QStringLiteral("127.0.0.1");
    QString stateFile;
    quint16 rememberedPort = 0; // as recorded in the state file
    QByteArray savedState; // what the state file holds, to skip rewriting it unchanged
    QList<RequestLogEntry> log;
    QList<bool> logFinished;
    qint64 logBase = 0; // absolute number of the first entry in `log` (clearing moves it)
};

HttpResponse SandboxServerPrivate::dispatch(const HttpRequest &request)
{
    const QString base = q->baseUrl().toString();
    if (request.path.startsWith(QLatin1String("/media/")))
        return media.respond(request);
    if (request.path == QLatin1String("/preview")) {
        HttpResponse r = router.handlePreviewPage(request, base);
        r.headOnly = request.method == "HEAD";
        return r;
    }
    if (request.path.startsWith(QLatin1String("/api/"))) {
        const QByteArray id = request.header("X-API-ID");
        const QByteArray key = request.header("X-API-KEY");
        if (id.isEmpty() || key.isEmpty())
            return HttpResponse::detail(
                    401, QStringLiteral("Authentication credentials were not provided."));
        if (QString::fromUtf8(id) != apiId || QString::fromUtf8(key) != apiKey)
            return HttpResponse::detail(401, QStringLiteral("Invalid API credentials."));
        return router.handleApi(request, base);
    }
    return HttpResponse::detail(404, QStringLiteral("Not found."));
}

void SandboxServerPrivate::finish(qint64 serial, int status)
{
    const qint64 logIndex = serial - logBase;
    if (logIndex < 0 || logIndex >= log.size() || logFinished.at(logIndex))
        return;
    log[logIndex].status = status;
    logFinished[logIndex] = true;
    Q_EMIT q->requestReceived(log.at(logIndex));
}

void SandboxServerPrivate::saveState()
{
    if (stateFile.isEmpty())
        return;
    const quint16 savedPort = port != 0 ? port : rememberedPort;
    const QByteArray data = StateFile::serialize(state, savedPort);
    if (data == savedState)
        return;
    QString error;
    if (!StateFile::write(stateFile, data, &error)) {
        qWarning("Sandbox: cannot save the state file %s: %s", qPrintable(stateFile),
                 qPrintable(error));
        return;
    }
    savedState = data;
    rememberedPort = savedPort;
}

void SandboxServerPrivate::handle(HttpRequest request, QTcpSocket *socket)
{
    RequestLogEntry entry;
    entry.method = request.method;
    entry.path = request.path;
    entry.query = request.rawQuery;
    entry.receivedAt = QDateTime::currentDateTimeUtc();
    const qint64 logIndex = logBase + log.size();
    log.append(entry);
    logFinished.append(false);

    Fault fault;
    int delayMs = 0;
    const bool faulted = faults.matchTransport(request.method, request.path, request.body, &fault,
                                               &delayMs);
    HttpResponse response;
    qint64 dropAfter = -1;
    bool lose = false;
    if (faulted && fault.kind == Fault::Kind::RateLimit) {
        response = HttpResponse::detail(
                429,
                QStringLiteral("Request was throttled. Expected available in %1 seconds.")
                        .arg(fault.retryAfterSeconds));
        response.setHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
    } else if (faulted && fault.kind == Fault::Kind::ServerError) {
        response = HttpResponse::detail(fault.status,
                                        QStringLiteral("A server error occurred (sandbox fault)."));
    } else if (faulted && fault.kind == Fault::Kind::HtmlError) {
        response = HttpResponse::html(
                fault.status == 503 ? 502 : fault.status,
                QByteArrayLiteral("<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
                                  "</head><body><h1>502 Bad Gateway</h1><hr><p>nginx</p>"
                                  "</body></html>\n"));
    } else {
        // The request takes full effect even when the answer will be cut, withheld or delayed
        // (a `slow` fault only postpones the answer below).
        response = dispatch(request);
        // Only requests that can change the workspace are worth a look (an unchanged workspace
        // is not written again).
        if (request.method != "GET" && request.method != "HEAD")
            saveState();
        if (faulted && fault.kind == Fault::Kind::DropConnection)
            dropAfter = fault.dropAfterBytes;
        if (faulted && fault.kind == Fault::Kind::LoseResponse)
            lose = true;
    }
    if (request.method == "HEAD")
        response.headOnly = true;
    const bool closeAfter = request.header("Connection").compare("close", Qt::CaseInsensitive) == 0;

    QPointer<QTcpSocket> guard(socket);
    auto send = [this, guard, logIndex, response = std::move(response), closeAfter, dropAfter,
                 lose]() mutable {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState) {
            finish(logIndex, 0);
            return;
        }
        if (lose) {
            finish(logIndex, 0);
            guard->abort();
            return;
        }
        finish(logIndex, response.status);
        ResponseWriter::start(guard, std::move(response), closeAfter, dropAfter);
    };
    if (delayMs > 0)
        QTimer::singleShot(delayMs, q, std::move(send));
    else
        send();
}

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent), d(std::make_unique<SandboxServerPrivate>(this))
{
    d->front.onRequest = [this](HttpRequest r, QTcpSocket *s) { d->handle(std::move(r), s); };
}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::listen(const QHostAddress &address, quint16 port)
{
    quint16 bound = 0;
    if (port == 0 && d->rememberedPort != 0) {
        // Our own QTcpServer: QAbstractHttpServer::listen() logs a critical message when the
        // port is taken, and a taken port is expected here.
        auto tcp = std::make_unique<QTcpServer>();
        if (tcp->listen(address, d->rememberedPort)) {
            bound = tcp->serverPort();
            d->front.bind(tcp.release());
        }
    }
    if (bound == 0)
        bound = d->front.listen(address, port);
    if (bound == 0)
        return false;
    d->port = bound;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6 || address.isNull())
        d->host = QStringLiteral("127.0.0.1");
    else if (address.protocol() == QAbstractSocket::IPv6Protocol)
        d->host = QLatin1Char('[') + address.toString() + QLatin1Char(']');
    else
        d->host = address.toString();
    d->saveState();
    return true;
}

quint16 SandboxServer::port() const
{
    return d->port;
}

QUrl SandboxServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://") + d->host + QLatin1Char(':') + QString::number(d->port));
}

bool SandboxServer::setStateFile(const QString &path)
{
    d->stateFile = path;
    d->rememberedPort = 0;
    d->savedState.clear();
    if (path.isEmpty())
        return false;
    quint16 port = 0;
    const bool loaded = StateFile::read(path, &d->state, &port) == StateFile::ReadResult::Loaded;
    if (loaded) {
        d->rememberedPort = port;
        d->savedState = StateFile::serialize(d->state, port);
    }
    if (d->port != 0)
        d->saveState(); // already listening: record this port
    return loaded;
}

QString SandboxServer::stateFile() const
{
    return d->stateFile;
}

quint16 SandboxServer::rememberedPort() const
{
    return d->rememberedPort;
}

void SandboxServer::setCredentials(const QString &apiId, const QString &apiKey)
{
    d->apiId = apiId;
    d->apiKey = apiKey;
}

QString SandboxServer::apiId() const
{
    return d->apiId;
}

QString SandboxServer::apiKey() const
{
    return d->apiKey;
}

void SandboxServer::setCredits(double credits)
{
    d->state.setCredits(credits);
    d->saveState();
}

double SandboxServer::credits() const
{
    return d->state.credits();
}

void SandboxServer::setStepIntervalMs(int ms)
{
    d->state.setStepMs(ms);
}

int SandboxServer::stepIntervalMs() const
{
    return d->state.stepMs();
}

void SandboxServer::addFault(const Fault &fault)
{
    d->faults.add(fault);
}

void SandboxServer::clearFaults()
{
    d->faults.clear();
}

void SandboxServer::setIgnoreRange(bool ignore)
{
    d->media.setIgnoreRange(ignore);
}

void SandboxServer::setDocumentedOnly(bool on)
{
    d->router.setDocumentedOnly(on);
}

bool SandboxServer::documentedOnly() const
{
    return d->router.documentedOnly();
}

QList<RequestLogEntry> SandboxServer::requestLog() const
{
    return d->log;
}

void SandboxServer::clearRequestLog()
{
    d->logBase += d->log.size();
    d->log.clear();
    d->logFinished.clear();
}

int SandboxServer::requestCount(const QByteArray &method, const QString &pathPattern) const
{
    const QRegularExpression re(pathPattern);
    int n = 0;
    for (const auto &e : d->log) {
        if ((method.isEmpty() || e.method == method) && re.match(e.path).hasMatch())
            ++n;
    }
    return n;
}

QUrl SandboxServer::addBlob(const QString &name, qint64 size)
{
    d->media.addBlob(name, size);
    return QUrl(baseUrl().toString() + QStringLiteral("/media/blob/") + name);
}

} // namespace Sandbox

#pragma once

// Public face of the sandbox: a local stand-in for the Creatify REST API.
// It shares no code and no types with app/core on purpose (see docs/decisions.md): each side is
// written from ../shared/creatify-api.md on its own, so a misread field cannot hide on both.

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace Sandbox {

// One request as the server saw it; tests count polling rounds and POSTs with it.
struct RequestLogEntry
{
    QByteArray method; // "GET", "POST", "PUT", ...
    QString path; // e.g. "/api/link_to_videos/" (no query)
    QString query; // raw query string without '?', e.g. "ids=a,b"
    int status = 0; // status the server answered (0 when no answer was sent)
    QDateTime receivedAt;
};

// A fault the server injects into matching requests. Set from tests with addFault() and from
// the command line with Fault::fromSpec().
struct Fault
{
    enum class Kind {
        RateLimit, // 429 with `Retry-After: retryAfterSeconds` and a DRF-style detail body
        ServerError, // `status` (5xx) with a JSON detail body
        HtmlError, // 502 with an HTML page (text/html) instead of JSON
        Slow, // the answer is delayed by `delayMs` (the request itself takes effect at once)
        DropConnection, // the socket is aborted after `dropAfterBytes` body bytes (media and API)
        LoseResponse, // the request takes full effect on the server, then the socket is aborted
                      // before any answer byte is written (the "lost POST answer")
        JobFailed, // the next job(s) created by a matching POST end `failed` with `reason`
        JobRejected, // the next job(s) created by a matching POST end `rejected`
    };

    Kind kind = Kind::ServerError;
    QByteArray method; // empty matches any method
    QString pathPattern; // QRegularExpression matched (partial match) against the path;
                         // empty matches any path
    QString bodyPattern; // the same against the request body (e.g. one product's name)
    int skip = 0; // let this many matching requests through first
    int count = 1; // how many matching requests the fault hits; -1 = every one
    int every = 1; // hit only every Nth matching request (1 = each); a "schedule"
    int retryAfterSeconds = 1; // RateLimit
    int status = 503; // ServerError
    int delayMs = 1000; // Slow
    qint64 dropAfterBytes = 0; // DropConnection
    QString reason = QStringLiteral("The renderer could not finish this video."); // JobFailed

    // "kind[,key=value...]" e.g. "rate-limit,path=^/api/link_to_videos/,every=3,retry-after=2",
    // "server-error,status=500,count=2", "html,method=GET", "slow,delay-ms=3000",
    // "drop,path=^/media/,after=65536", "lose-response,method=POST,path=render",
    // "job-failed,reason=Out of GPUs", "job-rejected". Returns false and fills *error on bad input.
    static bool fromSpec(const QString &spec, Fault *out, QString *error);
};

class SandboxServerPrivate;

class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on address:port (port 0 picks a free one). Returns false if binding failed.
    // With a state file and port 0, the remembered port is tried first (see setStateFile()).
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const; // e.g. http://127.0.0.1:41234 — API paths are appended to it

    // Keeps the workspace (credits, links, jobs with their previews and renders, template jobs)
    // in a file, as a real account keeps it across restarts. If `path` exists its workspace
    // replaces the current one (credits included; the step interval, credentials, faults and
    // blobs are settings and stay); a missing file starts from the current workspace, an
    // unreadable one too, after a warning, with the bad file kept as `<path>.bad`. From then on
    // the file is rewritten atomically after every request that changes the workspace, after
    // setCredits() and after listen() (it records the port). An empty path turns this off.
    // Returns true when a saved workspace was loaded. Call it before listen() so that the
    // remembered port can be reused, and before setCredits() unless that should override the
    // saved balance. Format: docs/sandbox.md.
    bool setStateFile(const QString &path);
    QString stateFile() const;
    // The port the state file remembers (the one the server last listened on), 0 if none. Callers
    // that pass their own preferred port to listen() can prefer this one.
    quint16 rememberedPort() const;

    // Accepted credentials (X-API-ID / X-API-KEY). Defaults: "sandbox" / "sandbox-key".
    void setCredentials(const QString &apiId, const QString &apiKey);
    QString apiId() const;
    QString apiKey() const;

    // Credit balance, charged at the documented prices. Default 100.
    void setCredits(double credits);
    double credits() const;

    // Time for each status step of a job (pending -> in_queue -> running -> done).
    // Default 1500 ms (a demo); tests use ~20 ms.
    void setStepIntervalMs(int ms);
    int stepIntervalMs() const;

    // Faults.
    void addFault(const Fault &fault);
    void clearFaults();
    // When on, media ignores `Range` and always answers 200 with the whole file.
    void setIgnoreRange(bool ignore);
    // When on, only endpoints that Creatify's docs list are served; the others (e.g. the list
    // GET /api/custom_template_jobs/) answer as unknown paths do: 404 {"detail": "Not found."}.
    // Default off (every route is served). See docs/sandbox.md.
    void setDocumentedOnly(bool on);
    bool documentedOnly() const;

    // Every request received, in order.
    QList<RequestLogEntry> requestLog() const;
    void clearRequestLog();
    // Number of logged requests with this method whose path matches the regex (partial match).
    int requestCount(const QByteArray &method, const QString &pathPattern) const;

    // A synthetic binary file of `size` bytes (deterministic content, byte i == (i * 31 + 7) % 251)
    // served with Range support under /media/blob/<name>. Used by download tests/benchmarks.
    QUrl addBlob(const QString &name, qint64 size);

Q_SIGNALS:
    void requestReceived(const Sandbox::RequestLogEntry &entry);

private:
    std::unique_ptr<SandboxServerPrivate> d;
};

} // namespace Sandbox

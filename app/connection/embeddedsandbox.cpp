#include "embeddedsandbox.h"

#include "sandboxserver.h"

#include <QTcpServer>
#include <QTimer>

namespace PreviewDeck {

namespace {
constexpr int kPortWaitMs = 1500;
constexpr int kPortLookMs = 100;

bool isFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}
} // namespace

EmbeddedSandbox::EmbeddedSandbox() = default;

EmbeddedSandbox::~EmbeddedSandbox() = default;

void EmbeddedSandbox::start(const Request &request, const Done &done)
{
    stop();
    m_server = std::make_unique<Sandbox::SandboxServer>();
    m_server->setStepIntervalMs(request.stepMs);
    if (!request.stateFile.isEmpty())
        m_server->setStateFile(request.stateFile);
    // The remembered port keeps the preview addresses in the history valid between runs.
    const quint16 port = m_server->rememberedPort() ? m_server->rememberedPort()
                                                    : request.preferredPort;
    if (port == 0) {
        finish(m_server->listen(QHostAddress::LocalHost, 0), done);
        return;
    }
    // The previous run may still hold it for a moment while it exits; another port is taken
    // only after that (ServerConnection then moves the history's addresses to it).
    listenWhenFree(port, QDeadlineTimer(kPortWaitMs), done);
}

void EmbeddedSandbox::listenWhenFree(quint16 port, const QDeadlineTimer &deadline, const Done &done)
{
    if (!isFree(port) && !deadline.hasExpired()) {
        // Looked at again from the event loop: the window and the sandbox's own work go on.
        if (!m_lookAgain) {
            m_lookAgain = std::make_unique<QTimer>();
            m_lookAgain->setSingleShot(true);
        }
        m_lookAgain->disconnect();
        QObject::connect(m_lookAgain.get(), &QTimer::timeout, m_lookAgain.get(),
                         [this, port, deadline, done] {
                             // Copies: a new start() from `done` replaces this connection.
                             const Done then = done;
                             listenWhenFree(port, QDeadlineTimer(deadline), then);
                         });
        m_lookAgain->start(kPortLookMs);
        return;
    }
    finish(m_server->listen(QHostAddress::LocalHost, port)
                   || m_server->listen(QHostAddress::LocalHost, 0),
           done);
}

void EmbeddedSandbox::finish(bool listening, const Done &done)
{
    Started started;
    if (!listening) {
        m_server.reset();
        done(false, started, tr("Could not start the built-in sandbox."));
        return;
    }
    started.baseUrl = m_server->baseUrl();
    started.credentials = ApiCredentials(m_server->apiId(), m_server->apiKey());
    done(true, started, QString());
}

void EmbeddedSandbox::stop()
{
    if (m_lookAgain) {
        m_lookAgain->stop();
        m_lookAgain->disconnect();
    }
    m_server.reset();
}

} // namespace PreviewDeck

#include "embeddedsandbox.h"

#include "sandboxserver.h"

#include <QDeadlineTimer>
#include <QTcpServer>
#include <QThread>

namespace PreviewDeck {

namespace {
constexpr int kPortWaitMs = 1500;

void waitUntilFree(quint16 port, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, port) || deadline.hasExpired())
            return;
        QThread::msleep(100);
    }
}
} // namespace

EmbeddedSandbox::EmbeddedSandbox() = default;

EmbeddedSandbox::~EmbeddedSandbox() = default;

bool EmbeddedSandbox::start(const Request &request, Started *started, QString *error)
{
    m_server = std::make_unique<Sandbox::SandboxServer>();
    m_server->setStepIntervalMs(request.stepMs);
    if (!request.stateFile.isEmpty())
        m_server->setStateFile(request.stateFile);
    // The remembered port keeps the preview addresses in the history valid between runs.
    const quint16 port = m_server->rememberedPort() ? m_server->rememberedPort()
                                                    : request.preferredPort;
    // The previous run may still hold it for a moment while it exits; another port is taken
    // only after that (ServerConnection then moves the history's addresses to it).
    if (port != 0)
        waitUntilFree(port, kPortWaitMs);
    if (!m_server->listen(QHostAddress::LocalHost, port)
        && !(port != 0 && m_server->listen(QHostAddress::LocalHost, 0))) {
        m_server.reset();
        *error = tr("Could not start the built-in sandbox.");
        return false;
    }
    started->baseUrl = m_server->baseUrl();
    started->credentials = ApiCredentials(m_server->apiId(), m_server->apiKey());
    return true;
}

void EmbeddedSandbox::stop()
{
    m_server.reset();
}

} // namespace PreviewDeck

#pragma once

#include "sandboxstarter.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <memory>

class QTimer;

namespace Sandbox {
class SandboxServer;
}

namespace PreviewDeck {

// The built-in sandbox in this process, on loopback: what the composition roots hand to
// ServerConnection. Its own target (previewdeck_embeddedsandbox), so only executables and tests
// that choose to carry the fake server link it.
class EmbeddedSandbox final : public SandboxStarter
{
    Q_DECLARE_TR_FUNCTIONS(PreviewDeck::EmbeddedSandbox)
public:
    EmbeddedSandbox();
    ~EmbeddedSandbox() override;

    void start(const Request &request, const Done &done) override;
    void stop() override;

    // The running sandbox, null when stopped; tests read its request log and balance.
    Sandbox::SandboxServer *server() const { return m_server.get(); }

private:
    // Listens on `port` once nothing holds it any more, looking again every so often until
    // `deadline`; then on any free port.
    void listenWhenFree(quint16 port, const QDeadlineTimer &deadline, const Done &done);
    void finish(bool listening, const Done &done);

    std::unique_ptr<Sandbox::SandboxServer> m_server;
    std::unique_ptr<QTimer> m_lookAgain; // the next look at a port still taken
};

} // namespace PreviewDeck

#pragma once

#include "sandboxstarter.h"

#include <QCoreApplication>

#include <memory>

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

    bool start(const Request &request, Started *started, QString *error) override;
    void stop() override;

    // The running sandbox, null when stopped; tests read its request log and balance.
    Sandbox::SandboxServer *server() const { return m_server.get(); }

private:
    std::unique_ptr<Sandbox::SandboxServer> m_server;
};

} // namespace PreviewDeck

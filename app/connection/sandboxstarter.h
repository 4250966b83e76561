#pragma once

#include "apicredentials.h"

#include <QString>
#include <QUrl>

#include <functional>

namespace PreviewDeck {

// Starts the built-in sandbox for ServerConnection. The composition roots (app/gui, app/cli)
// supply it (EmbeddedSandbox), so neither the connection library nor the widgets link the fake
// server: it stays a separate box, and a build or a test decides whether it is in.
class SandboxStarter
{
public:
    struct Request
    {
        int stepMs = 1500; // each job step takes this long
        // Keeps the workspace (links, jobs, balance, port) across runs; empty: forget it on exit.
        QString stateFile;
        // Tried after the port the state file remembers; any free port when both are taken.
        quint16 preferredPort = 0;
    };
    struct Started
    {
        QUrl baseUrl;
        ApiCredentials credentials; // what the sandbox accepts
    };

    // ok false: `error` says in a plain sentence why it could not listen.
    using Done = std::function<void(bool ok, const Started &started, const QString &error)>;

    virtual ~SandboxStarter() = default;

    // Starts a sandbox, replacing one this starter started (or was starting) before, and calls
    // `done` once, as its last step: before returning when the sandbox can listen at once,
    // later from the event loop when it first waits for its port (the GUI thread never sleeps).
    virtual void start(const Request &request, const Done &done) = 0;
    // Stops the sandbox started last, if any (its workspace is saved already); one still
    // starting is given up, and its `done` never called.
    virtual void stop() = 0;
};

} // namespace PreviewDeck

#pragma once

#include "apicredentials.h"

#include <QString>
#include <QUrl>

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

    virtual ~SandboxStarter() = default;

    // Starts a sandbox, replacing one this starter started before. False, with *error in a
    // plain sentence, when it cannot listen.
    virtual bool start(const Request &request, Started *started, QString *error) = 0;
    // Stops the sandbox started last, if any; its workspace is saved already.
    virtual void stop() = 0;
};

} // namespace PreviewDeck

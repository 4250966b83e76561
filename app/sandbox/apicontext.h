#pragma once

// What every /api/ handler works on: the workspace, the configured job faults, and the server's
// own URL (scheme://host:port) for the absolute URLs in answers.

#include <QString>

namespace Sandbox {

class SandboxState;
class FaultInjector;

struct ApiContext
{
    SandboxState &state;
    FaultInjector &faults;
    QString base;
};

} // namespace Sandbox

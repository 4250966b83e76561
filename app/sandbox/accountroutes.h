#pragma once

// The workspace's supporting lists: personas (avatars), voices and the credit balance.

#include "apicontext.h"
#include "httpmessage.h"

namespace Sandbox::AccountRoutes {

HttpResponse personasPaginated(const ApiContext &ctx, const HttpRequest &r);
HttpResponse personaList(const ApiContext &ctx);
HttpResponse personaDetail(const ApiContext &ctx, const QString &id);
HttpResponse voices(const ApiContext &ctx);
HttpResponse remainingCredits(const ApiContext &ctx);

} // namespace Sandbox::AccountRoutes

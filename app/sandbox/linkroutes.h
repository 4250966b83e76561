#pragma once

// /api/links/: scraping a product page into a link, a link from the caller's own fields, and
// reading and editing links.

#include "apicontext.h"
#include "httpmessage.h"

namespace Sandbox::LinkRoutes {

HttpResponse create(ApiContext &ctx, const HttpRequest &r);
HttpResponse createWithParams(ApiContext &ctx, const HttpRequest &r);
HttpResponse get(const ApiContext &ctx, const QString &id);
HttpResponse put(ApiContext &ctx, const HttpRequest &r, const QString &id);
HttpResponse list(const ApiContext &ctx, const HttpRequest &r);

} // namespace Sandbox::LinkRoutes

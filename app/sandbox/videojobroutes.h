#pragma once

// /api/link_to_videos/: preview batches for a link, their progress, and rendering one preview.

#include "apicontext.h"
#include "httpmessage.h"

namespace Sandbox::VideoJobRoutes {

HttpResponse createPreviewList(ApiContext &ctx, const HttpRequest &r);
HttpResponse get(const ApiContext &ctx, const QString &id);
HttpResponse list(const ApiContext &ctx, const HttpRequest &r);
HttpResponse renderSinglePreview(ApiContext &ctx, const HttpRequest &r, const QString &id);

} // namespace Sandbox::VideoJobRoutes

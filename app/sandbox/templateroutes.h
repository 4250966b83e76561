#pragma once

// /api/custom_templates/ and /api/custom_template_jobs/: the template catalogue, a preview from
// a template and its variables, and rendering it.

#include "apicontext.h"
#include "httpmessage.h"

namespace Sandbox::TemplateRoutes {

HttpResponse listTemplates(const ApiContext &ctx);
HttpResponse getTemplate(const ApiContext &ctx, const QString &id);
HttpResponse createPreview(ApiContext &ctx, const HttpRequest &r);
HttpResponse getJob(const ApiContext &ctx, const QString &id);
HttpResponse listJobs(const ApiContext &ctx, const HttpRequest &r);
HttpResponse renderJob(ApiContext &ctx, const HttpRequest &r, const QString &id);

} // namespace Sandbox::TemplateRoutes

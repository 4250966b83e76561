#include "apirouter.h"

#include "accountroutes.h"
#include "linkroutes.h"
#include "previewlookup.h"
#include "requestchecks.h"
#include "templateroutes.h"
#include "videojobroutes.h"

#include <QUrl>

namespace Sandbox {

ApiRouter::ApiRouter(SandboxState &state, FaultInjector &faults) : m_context{state, faults, {}}
{
    const QString id = QStringLiteral("([^/]+)");
    ApiContext &c = m_context;
    route(QStringLiteral("/api/links/"), "POST",
          [&c](auto &r, auto &) { return LinkRoutes::create(c, r); });
    route(QStringLiteral("/api/links/"), "GET",
          [&c](auto &r, auto &) { return LinkRoutes::list(c, r); });
    route(QStringLiteral("/api/links/link_with_params/"), "POST",
          [&c](auto &r, auto &) { return LinkRoutes::createWithParams(c, r); });
    route(QStringLiteral("/api/links/") + id + QLatin1Char('/'), "GET",
          [&c](auto &, auto &a) { return LinkRoutes::get(c, a.at(0)); });
    route(QStringLiteral("/api/links/") + id + QLatin1Char('/'), "PUT",
          [&c](auto &r, auto &a) { return LinkRoutes::put(c, r, a.at(0)); });

    route(QStringLiteral("/api/link_to_videos/preview_list_async/"), "POST",
          [&c](auto &r, auto &) { return VideoJobRoutes::createPreviewList(c, r); });
    route(QStringLiteral("/api/link_to_videos/"), "GET",
          [&c](auto &r, auto &) { return VideoJobRoutes::list(c, r); });
    route(QStringLiteral("/api/link_to_videos/") + id + QLatin1Char('/'), "GET",
          [&c](auto &, auto &a) { return VideoJobRoutes::get(c, a.at(0)); });
    route(QStringLiteral("/api/link_to_videos/") + id + QStringLiteral("/render_single_preview/"),
          "POST",
          [&c](auto &r, auto &a) { return VideoJobRoutes::renderSinglePreview(c, r, a.at(0)); });

    route(QStringLiteral("/api/custom_templates/"), "GET",
          [&c](auto &, auto &) { return TemplateRoutes::listTemplates(c); });
    route(QStringLiteral("/api/custom_templates/") + id + QLatin1Char('/'), "GET",
          [&c](auto &, auto &a) { return TemplateRoutes::getTemplate(c, a.at(0)); });
    route(QStringLiteral("/api/custom_template_jobs/preview_async/"), "POST",
          [&c](auto &r, auto &) { return TemplateRoutes::createPreview(c, r); });
    // Only GET .../{id}/ is documented; the list (and its `ids` filter) is inferred from the
    // sibling endpoints (creatify-api.md §3.5).
    route(
            QStringLiteral("/api/custom_template_jobs/"), "GET",
            [&c](auto &r, auto &) { return TemplateRoutes::listJobs(c, r); }, Documented::No);
    route(QStringLiteral("/api/custom_template_jobs/") + id + QLatin1Char('/'), "GET",
          [&c](auto &, auto &a) { return TemplateRoutes::getJob(c, a.at(0)); });
    route(QStringLiteral("/api/custom_template_jobs/") + id + QStringLiteral("/render/"), "POST",
          [&c](auto &r, auto &a) { return TemplateRoutes::renderJob(c, r, a.at(0)); });

    route(QStringLiteral("/api/personas/paginated/"), "GET",
          [&c](auto &r, auto &) { return AccountRoutes::personasPaginated(c, r); });
    route(QStringLiteral("/api/personas/"), "GET",
          [&c](auto &, auto &) { return AccountRoutes::personaList(c); });
    route(QStringLiteral("/api/personas/") + id + QLatin1Char('/'), "GET",
          [&c](auto &, auto &a) { return AccountRoutes::personaDetail(c, a.at(0)); });
    route(QStringLiteral("/api/voices/"), "GET",
          [&c](auto &, auto &) { return AccountRoutes::voices(c); });
    route(QStringLiteral("/api/remaining_credits/"), "GET",
          [&c](auto &, auto &) { return AccountRoutes::remainingCredits(c); });
}

void ApiRouter::route(const QString &pattern, const QByteArray &method, Handler handler,
                      Documented documented)
{
    m_routes.append(Route{QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$')), method,
                          std::move(handler), documented});
}

HttpResponse ApiRouter::handleApi(const HttpRequest &request, const QString &base)
{
    m_context.base = base;
    QList<QByteArray> allowed;
    // A literal path (e.g. .../preview_list_async/) owns its URL for every method, as DRF's
    // router does, so a wrong method there is a 405 and never falls through to an {id} route.
    // In documented-only mode an undocumented route does not exist at all.
    auto served = [this](const Route &r) {
        return !m_documentedOnly || r.documented == Documented::Yes;
    };
    bool literal = false;
    for (const Route &r : std::as_const(m_routes))
        literal = literal
                || (served(r) && r.pattern.captureCount() == 0
                    && r.pattern.match(request.path).hasMatch());
    for (const Route &r : std::as_const(m_routes)) {
        if (!served(r) || (literal && r.pattern.captureCount() > 0))
            continue;
        const auto m = r.pattern.match(request.path);
        if (!m.hasMatch())
            continue;
        if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
            Args args = m.capturedTexts().mid(1);
            return r.handler(request, args);
        }
        if (!allowed.contains(r.method))
            allowed.append(r.method);
    }
    if (allowed.isEmpty())
        return notFound();
    HttpResponse resp = HttpResponse::detail(405,
                                             QStringLiteral("Method \"")
                                                     + QString::fromLatin1(request.method)
                                                     + QStringLiteral("\" not allowed."));
    resp.setHeader("Allow", allowed.join(", "));
    return resp;
}

HttpResponse ApiRouter::handlePreviewPage(const HttpRequest &request, const QString &base)
{
    PreviewContent content;
    if (!findPreviewContent(
                m_context.state,
                request.query.queryItemValue(QStringLiteral("layout"), QUrl::FullyDecoded), base,
                &content))
        return HttpResponse::html(404, PreviewPage::notFound());
    return HttpResponse::html(200, PreviewPage::render(content));
}

} // namespace Sandbox

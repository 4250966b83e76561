#pragma once

// The /api/ endpoints and /preview pages: the route table and its dispatch. The handlers live
// by resource family (linkroutes, videojobroutes, templateroutes, accountroutes; shared checks
// in requestchecks, the /preview lookup in previewlookup).

#include "apicontext.h"
#include "httpmessage.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

namespace Sandbox {

class ApiRouter
{
public:
    ApiRouter(SandboxState &state, FaultInjector &faults);

    // `base` is the server's own URL (scheme://host:port), used in absolute URLs.
    HttpResponse handleApi(const HttpRequest &request, const QString &base);
    HttpResponse handlePreviewPage(const HttpRequest &request, const QString &base);

    // When on, routes that Creatify's docs do not list are treated as absent (404, or 405 when
    // another method of the same URL is documented). Default off.
    void setDocumentedOnly(bool on) { m_documentedOnly = on; }
    bool documentedOnly() const { return m_documentedOnly; }

private:
    // Whether Creatify's docs list a route (creatify-api.md marks the others [inf] or 3p only).
    enum class Documented { Yes, No };
    using Args = QStringList;
    using Handler = std::function<HttpResponse(const HttpRequest &, const Args &)>;
    struct Route
    {
        QRegularExpression pattern;
        QByteArray method;
        Handler handler;
        Documented documented;
    };
    void route(const QString &pattern, const QByteArray &method, Handler handler,
               Documented documented = Documented::Yes);

    ApiContext m_context;
    QList<Route> m_routes;
    bool m_documentedOnly = false;
};
} // namespace Sandbox

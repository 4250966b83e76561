#pragma once

// The /api/ endpoints and /preview pages: routing, validation, charging and job creation.

#include "httpmessage.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

namespace Sandbox {

class SandboxState;
class FaultInjector;

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

    HttpResponse createLink(const HttpRequest &r);
    HttpResponse createLinkWithParams(const HttpRequest &r);
    HttpResponse getLink(const QString &id);
    HttpResponse putLink(const HttpRequest &r, const QString &id);
    HttpResponse listLinks(const HttpRequest &r);

    HttpResponse createPreviewList(const HttpRequest &r);
    HttpResponse getVideoJob(const QString &id);
    HttpResponse listVideoJobs(const HttpRequest &r);
    HttpResponse renderSinglePreview(const HttpRequest &r, const QString &id);

    HttpResponse listTemplates();
    HttpResponse getTemplate(const QString &id);
    HttpResponse createTemplatePreview(const HttpRequest &r);
    HttpResponse getTemplateJob(const QString &id);
    HttpResponse listTemplateJobs(const HttpRequest &r);
    HttpResponse renderTemplateJob(const HttpRequest &r, const QString &id);

    HttpResponse personasPaginated(const HttpRequest &r);
    HttpResponse personaList();
    HttpResponse personaDetail(const QString &id);
    HttpResponse voices();
    HttpResponse remainingCredits();

    // Returns a 402 response in *error when the balance cannot cover `cost`.
    bool affordable(double cost, HttpResponse *error) const;
    // Parses the `ids` filter; false with a 400 in *error when malformed or too long.
    static bool parseIds(const HttpRequest &r, QStringList *ids, bool *present, HttpResponse *error);

    SandboxState &m_state;
    FaultInjector &m_faults;
    QList<Route> m_routes;
    QString m_base;
    bool m_documentedOnly = false;
};

} // namespace Sandbox

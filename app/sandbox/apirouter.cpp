#include "apirouter.h"

#include "catalog.h"
#include "faultinjector.h"
#include "jsonviews.h"
#include "previewpage.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QUrl>
#include <QUuid>

#include <cmath>

namespace Sandbox {

namespace {

const QString Required = QStringLiteral("This field is required.");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isUuid(const QString &s)
{
    return !QUuid::fromString(s).isNull() && s.size() == 36;
}

QString choiceError(const QJsonValue &v)
{
    const QString text = v.isString()
            ? v.toString()
            : (v.isDouble() ? QString::number(v.toDouble())
                            : QStringLiteral("%1").arg(v.toVariant().toString()));
    return QStringLiteral("\"%1\" is not a valid choice.").arg(text);
}

bool isHttpUrl(const QString &s)
{
    const QUrl url(s, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

class Errors
{
public:
    void add(const QString &field, const QString &message)
    {
        QJsonArray list = m_obj.value(field).toArray();
        list.append(message);
        m_obj.insert(field, list);
    }
    bool isEmpty() const { return m_obj.isEmpty(); }
    HttpResponse response() const { return HttpResponse::json(400, m_obj); }

private:
    QJsonObject m_obj;
};

bool parseJsonBody(const HttpRequest &r, QJsonObject *out, HttpResponse *error)
{
    if (r.body.trimmed().isEmpty()) {
        *out = {};
        return true;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = HttpResponse::detail(400,
                                      QStringLiteral("JSON parse error - ")
                                              + (pe.error != QJsonParseError::NoError
                                                         ? pe.errorString()
                                                         : QStringLiteral("expected an object")));
        return false;
    }
    *out = doc.object();
    return true;
}

HttpResponse notFound()
{
    return HttpResponse::detail(404, QStringLiteral("Not found."));
}

int blocks30(int seconds)
{
    return (seconds + 29) / 30;
}

// Price of rendering `seconds` of video with a model (creatify-api.md §2.3).
double renderCost(const QString &model, int seconds)
{
    if (model == QLatin1String("aurora_v1"))
        return seconds;
    if (model == QLatin1String("aurora_v1_fast"))
        return std::ceil(seconds * 0.5);
    return 4.0 * blocks30(seconds);
}

QString titleFromUrl(const QUrl &url)
{
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString raw = segments.isEmpty() ? url.host() : segments.last();
    const int dot = raw.lastIndexOf(QLatin1Char('.'));
    if (dot > 0 && !segments.isEmpty())
        raw = raw.left(dot);
    raw.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    QStringList words = raw.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &w : words)
        w[0] = w[0].toUpper();
    return words.isEmpty() ? QStringLiteral("Untitled product") : words.join(QLatin1Char(' '));
}

void applyJobFault(FaultInjector &faults, const HttpRequest &r, Phase *phase)
{
    Fault f;
    if (faults.matchJob(r.method, r.path, &f)) {
        phase->outcome = f.kind == Fault::Kind::JobRejected ? Outcome::Rejected : Outcome::Failed;
        phase->failedReason = f.kind == Fault::Kind::JobRejected
                ? QStringLiteral("The video was rejected by content review.")
                : f.reason;
    }
}

} // namespace

ApiRouter::ApiRouter(SandboxState &state, FaultInjector &faults) : m_state(state), m_faults(faults)
{
    const QString id = QStringLiteral("([^/]+)");
    route(QStringLiteral("/api/links/"), "POST", [this](auto &r, auto &) { return createLink(r); });
    route(QStringLiteral("/api/links/"), "GET", [this](auto &r, auto &) { return listLinks(r); });
    route(QStringLiteral("/api/links/link_with_params/"), "POST",
          [this](auto &r, auto &) { return createLinkWithParams(r); });
    route(QStringLiteral("/api/links/") + id + QLatin1Char('/'), "GET",
          [this](auto &, auto &a) { return getLink(a.at(0)); });
    route(QStringLiteral("/api/links/") + id + QLatin1Char('/'), "PUT",
          [this](auto &r, auto &a) { return putLink(r, a.at(0)); });

    route(QStringLiteral("/api/link_to_videos/preview_list_async/"), "POST",
          [this](auto &r, auto &) { return createPreviewList(r); });
    route(QStringLiteral("/api/link_to_videos/"), "GET",
          [this](auto &r, auto &) { return listVideoJobs(r); });
    route(QStringLiteral("/api/link_to_videos/") + id + QLatin1Char('/'), "GET",
          [this](auto &, auto &a) { return getVideoJob(a.at(0)); });
    route(QStringLiteral("/api/link_to_videos/") + id + QStringLiteral("/render_single_preview/"),
          "POST", [this](auto &r, auto &a) { return renderSinglePreview(r, a.at(0)); });

    route(QStringLiteral("/api/custom_templates/"), "GET",
          [this](auto &, auto &) { return listTemplates(); });
    route(QStringLiteral("/api/custom_templates/") + id + QLatin1Char('/'), "GET",
          [this](auto &, auto &a) { return getTemplate(a.at(0)); });
    route(QStringLiteral("/api/custom_template_jobs/preview_async/"), "POST",
          [this](auto &r, auto &) { return createTemplatePreview(r); });
    // Only GET .../{id}/ is documented; the list (and its `ids` filter) is inferred from the
    // sibling endpoints (creatify-api.md §3.5).
    route(
            QStringLiteral("/api/custom_template_jobs/"), "GET",
            [this](auto &r, auto &) { return listTemplateJobs(r); }, Documented::No);
    route(QStringLiteral("/api/custom_template_jobs/") + id + QLatin1Char('/'), "GET",
          [this](auto &, auto &a) { return getTemplateJob(a.at(0)); });
    route(QStringLiteral("/api/custom_template_jobs/") + id + QStringLiteral("/render/"), "POST",
          [this](auto &r, auto &a) { return renderTemplateJob(r, a.at(0)); });

    route(QStringLiteral("/api/personas/paginated/"), "GET",
          [this](auto &r, auto &) { return personasPaginated(r); });
    route(QStringLiteral("/api/personas/"), "GET", [this](auto &, auto &) { return personaList(); });
    route(QStringLiteral("/api/personas/") + id + QLatin1Char('/'), "GET",
          [this](auto &, auto &a) { return personaDetail(a.at(0)); });
    route(QStringLiteral("/api/voices/"), "GET", [this](auto &, auto &) { return voices(); });
    route(QStringLiteral("/api/remaining_credits/"), "GET",
          [this](auto &, auto &) { return remainingCredits(); });
}

void ApiRouter::route(const QString &pattern, const QByteArray &method, Handler handler,
                      Documented documented)
{
    m_routes.append(Route{QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$')), method,
                          std::move(handler), documented});
}

HttpResponse ApiRouter::handleApi(const HttpRequest &request, const QString &base)
{
    m_base = base;
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

bool ApiRouter::affordable(double cost, HttpResponse *error) const
{
    if (m_state.canAfford(cost))
        return true;
    *error = HttpResponse::detail(
            402,
            QStringLiteral("Not enough credits: this request needs %1, the workspace has %2.")
                    .arg(QString::number(cost), QString::number(m_state.credits())));
    return false;
}

bool ApiRouter::parseIds(const HttpRequest &r, QStringList *ids, bool *present, HttpResponse *error)
{
    *present = r.query.hasQueryItem(QStringLiteral("ids"));
    if (!*present)
        return true;
    const QString raw = r.query.queryItemValue(QStringLiteral("ids"), QUrl::FullyDecoded);
    const QStringList parts = raw.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.size() > 100) {
        *error = HttpResponse::json(
                400,
                QJsonObject{{QStringLiteral("ids"),
                             QJsonArray{QStringLiteral(
                                     "Ensure this field has no more than 100 elements.")}}});
        return false;
    }
    for (const QString &p : parts) {
        const QString id = p.trimmed();
        if (!isUuid(id)) {
            *error = HttpResponse::json(
                    400,
                    QJsonObject{
                            {QStringLiteral("ids"),
                             QJsonArray{QStringLiteral("\"%1\" is not a valid UUID.").arg(id)}}});
            return false;
        }
        if (!ids->contains(id))
            ids->append(id);
    }
    return true;
}

// ---- links ---------------------------------------------------------------------------------

HttpResponse ApiRouter::createLink(const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    Errors errors;
    const QJsonValue urlValue = body.value(QStringLiteral("url"));
    const QString urlText = urlValue.toString().trimmed();
    if (urlValue.isUndefined() || urlValue.isNull())
        errors.add(QStringLiteral("url"), Required);
    else if (!urlValue.isString() || !isHttpUrl(urlText))
        errors.add(QStringLiteral("url"), QStringLiteral("Enter a valid URL."));
    else if (urlText.size() > 1000)
        errors.add(QStringLiteral("url"),
                   QStringLiteral("Ensure this field has no more than 1000 characters."));
    if (!errors.isEmpty())
        return errors.response();
    // Scrape failures come back as a bare array of strings (creatify-api.md §1.1).
    if (urlText.contains(QLatin1String("blocked"), Qt::CaseInsensitive))
        return HttpResponse::json(
                400,
                QJsonArray{QStringLiteral("Failed to scrape url: the site refused the "
                                          "request (403 from %1)")
                                   .arg(QUrl(urlText).host())});
    if (urlText.contains(QLatin1String("no-media"), Qt::CaseInsensitive))
        return HttpResponse::json(
                400, QJsonArray{QStringLiteral("Link must have at least one image or one video.")});
    if (!affordable(1, &error))
        return error;

    const QUrl url(urlText);
    Link link;
    link.id = newId();
    link.innerId = newId();
    link.url = urlText;
    link.title = titleFromUrl(url);
    link.description = QStringLiteral("%1 is a thoughtfully made product from %2. It is built to "
                                      "last, easy to use and loved by its customers.")
                               .arg(link.title, url.host());
    link.aiSummary = QStringLiteral("%1: a well-reviewed product from %2, aimed at people who "
                                    "value quality and convenience.")
                             .arg(link.title, url.host());
    const int images = 3 + int(qHash(urlText) % 2);
    for (int i = 1; i <= images; ++i)
        link.imageUrls.append(m_base + QStringLiteral("/media/products/") + link.id
                              + QLatin1Char('-') + QString::number(i) + QStringLiteral(".jpg"));
    link.reviews = QJsonValue::Null;
    link.logoUrl = QJsonValue::Null;
    link.aiTargetAudiences = QJsonArray{QStringLiteral("Busy professionals"),
                                        QStringLiteral("Gift shoppers")};
    m_state.charge(1);
    m_state.links.insert(link.id, link);
    m_state.linkOrder.append(link.id);
    return HttpResponse::json(200, JsonViews::link(link));
}

HttpResponse ApiRouter::createLinkWithParams(const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    Errors errors;
    auto stringList = [&](const QString &key, QStringList *out) {
        const QJsonValue v = body.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isArray()) {
            errors.add(key,
                       QStringLiteral("Expected a list of items but got type \"%1\".")
                               .arg(v.isString() ? QStringLiteral("str") : QStringLiteral("dict")));
            return;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString() || !isHttpUrl(item.toString())) {
                errors.add(key, QStringLiteral("Enter a valid URL."));
                return;
            }
            out->append(item.toString());
        }
    };
    QStringList images, videos;
    stringList(QStringLiteral("image_urls"), &images);
    stringList(QStringLiteral("video_urls"), &videos);
    for (const char *key : {"title", "description"}) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull() || v.toString().trimmed().isEmpty())
            errors.add(QLatin1String(key), Required);
    }
    if (errors.isEmpty() && videos.isEmpty() && images.size() < 3)
        errors.add(QStringLiteral("image_urls"),
                   QStringLiteral("Provide at least 3 images when no videos are given."));
    const QJsonValue logo = body.value(QStringLiteral("logo_url"));
    if (!logo.isUndefined() && !logo.isNull() && !isHttpUrl(logo.toString()))
        errors.add(QStringLiteral("logo_url"), QStringLiteral("Enter a valid URL."));
    if (!errors.isEmpty())
        return errors.response();
    if (!affordable(1, &error))
        return error;

    Link link;
    link.id = newId();
    link.innerId = newId();
    link.url = body.value(QStringLiteral("url")).toString();
    link.title = body.value(QStringLiteral("title")).toString();
    link.description = body.value(QStringLiteral("description")).toString();
    link.aiSummary = link.description.section(QLatin1Char('.'), 0, 0);
    link.imageUrls = images;
    link.videoUrls = videos;
    link.reviews = body.value(QStringLiteral("reviews")).isUndefined()
            ? QJsonValue(QJsonValue::Null)
            : body.value(QStringLiteral("reviews"));
    link.logoUrl = logo.isUndefined() ? QJsonValue(QJsonValue::Null) : logo;
    link.aiTargetAudiences = QJsonValue::Null;
    m_state.charge(1);
    m_state.links.insert(link.id, link);
    m_state.linkOrder.append(link.id);
    return HttpResponse::json(200, JsonViews::link(link));
}

HttpResponse ApiRouter::getLink(const QString &id)
{
    auto it = m_state.links.constFind(id);
    if (it == m_state.links.constEnd())
        return notFound();
    return HttpResponse::json(200, JsonViews::link(it.value()));
}

HttpResponse ApiRouter::putLink(const HttpRequest &r, const QString &id)
{
    auto it = m_state.links.find(id);
    if (it == m_state.links.end())
        return notFound();
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    Errors errors;
    Link updated = it.value();
    for (const char *key : {"title", "description", "ai_summary", "url"}) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!v.isString()) {
            errors.add(QLatin1String(key), QStringLiteral("Not a valid string."));
            continue;
        }
        const QString s = v.toString();
        if (qstrcmp(key, "title") == 0)
            updated.title = s;
        else if (qstrcmp(key, "description") == 0)
            updated.description = s;
        else if (qstrcmp(key, "ai_summary") == 0)
            updated.aiSummary = s;
        else
            updated.url = s;
    }
    for (const char *key : {"image_urls", "video_urls"}) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        QStringList list;
        bool ok = v.isArray();
        for (const QJsonValue &item : v.toArray()) {
            ok = ok && item.isString() && isHttpUrl(item.toString());
            list.append(item.toString());
        }
        if (!ok) {
            errors.add(QLatin1String(key), QStringLiteral("Enter a valid URL."));
            continue;
        }
        if (qstrcmp(key, "image_urls") == 0)
            updated.imageUrls = list;
        else
            updated.videoUrls = list;
    }
    if (body.contains(QStringLiteral("logo_url"))) {
        const QJsonValue logo = body.value(QStringLiteral("logo_url"));
        if (!logo.isNull() && !isHttpUrl(logo.toString()))
            errors.add(QStringLiteral("logo_url"), QStringLiteral("Enter a valid URL."));
        else
            updated.logoUrl = logo;
    }
    if (body.contains(QStringLiteral("reviews")))
        updated.reviews = body.value(QStringLiteral("reviews"));
    if (!errors.isEmpty())
        return errors.response();
    it.value() = updated;
    return HttpResponse::json(200, JsonViews::innerLink(updated));
}

HttpResponse ApiRouter::listLinks(const HttpRequest &r)
{
    QStringList ids;
    bool present = false;
    HttpResponse error;
    if (!parseIds(r, &ids, &present, &error))
        return error;
    QJsonArray out;
    for (const QString &id : present ? ids : m_state.linkOrder) {
        auto it = m_state.links.constFind(id);
        if (it != m_state.links.constEnd())
            out.append(JsonViews::link(it.value()));
    }
    return HttpResponse::json(200, out);
}

// ---- link_to_videos ------------------------------------------------------------------------

HttpResponse ApiRouter::createPreviewList(const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    Errors errors;

    const QJsonValue linkValue = body.value(QStringLiteral("link"));
    const QString linkId = linkValue.toString();
    if (linkValue.isUndefined() || linkValue.isNull())
        errors.add(QStringLiteral("link"), Required);
    else if (!linkValue.isString() || !isUuid(linkId))
        errors.add(QStringLiteral("link"), QStringLiteral("Must be a valid UUID."));
    else if (!m_state.links.contains(linkId))
        errors.add(QStringLiteral("link"),
                   QStringLiteral("Invalid pk \"%1\" - object does not exist.").arg(linkId));

    auto choiceList = [&](const QString &key, const QStringList &choices, bool required,
                          QStringList *out) {
        const QJsonValue v = body.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                errors.add(key, Required);
            return;
        }
        if (!v.isArray()) {
            errors.add(key,
                       QStringLiteral("Expected a list of items but got type \"%1\".")
                               .arg(v.isString() ? QStringLiteral("str") : QStringLiteral("dict")));
            return;
        }
        if (v.toArray().isEmpty()) {
            if (required)
                errors.add(key, QStringLiteral("This list may not be empty."));
            return;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString() || !choices.contains(item.toString()))
                errors.add(key, choiceError(item));
            else if (!out->contains(item.toString()))
                out->append(item.toString());
        }
    };
    auto choice = [&](const QString &key, const QStringList &choices, const QString &def) {
        const QJsonValue v = body.value(key);
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isString() || !choices.contains(v.toString())) {
            errors.add(key, choiceError(v));
            return def;
        }
        return v.toString();
    };
    QStringList styles, ratios;
    choiceList(QStringLiteral("visual_styles"), Catalog::visualStyles(), true, &styles);
    choiceList(QStringLiteral("aspect_ratios"), Catalog::aspectRatios(), false, &ratios);
    const QString aspectRatio = choice(QStringLiteral("aspect_ratio"), Catalog::aspectRatios(),
                                       QStringLiteral("16x9"));
    const QString language = choice(QStringLiteral("language"), Catalog::languages(),
                                    QStringLiteral("en"));
    const QString model = choice(QStringLiteral("model_version"), Catalog::modelVersions(),
                                 QStringLiteral("standard"));
    int videoLength = 30;
    const QJsonValue lengthValue = body.value(QStringLiteral("video_length"));
    if (!lengthValue.isUndefined() && !lengthValue.isNull()) {
        const double d = lengthValue.isString() ? lengthValue.toString().toDouble()
                                                : lengthValue.toDouble(-1);
        if (!Catalog::videoLengths().contains(int(d)) || d != int(d))
            errors.add(QStringLiteral("video_length"), choiceError(lengthValue));
        else
            videoLength = int(d);
    }
    const QList<QPair<QString, int>> maxLengths = {{QStringLiteral("name"), 255},
                                                   {QStringLiteral("webhook_url"), 200},
                                                   {QStringLiteral("background_music_url"), 255}};
    for (const auto &ml : maxLengths) {
        if (body.value(ml.first).toString().size() > ml.second)
            errors.add(ml.first,
                       QStringLiteral("Ensure this field has no more than %1 characters.")
                               .arg(ml.second));
    }
    if (!errors.isEmpty())
        return errors.response();
    if (ratios.isEmpty())
        ratios.append(aspectRatio);

    const int previewCount = int(styles.size() * ratios.size());
    const double cost = double(previewCount) * blocks30(videoLength);
    if (!affordable(cost, &error))
        return error;

    VideoJob job;
    job.id = newId();
    job.linkId = linkId;
    job.videoLength = videoLength;
    job.modelVersion = model;
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.scriptStyle
            = body.value(QStringLiteral("script_style")).toString(QStringLiteral("DiscoveryWriter"));
    auto echo = [&](const QString &key, const QJsonValue &def) {
        const QJsonValue v = body.value(key);
        job.echo.insert(key, v.isUndefined() ? def : v);
    };
    const QJsonValue null(QJsonValue::Null);
    job.echo.insert(QStringLiteral("link"), linkId);
    echo(QStringLiteral("name"), null);
    echo(QStringLiteral("target_platform"), null);
    echo(QStringLiteral("target_audience"), null);
    job.echo.insert(QStringLiteral("language"), language);
    job.echo.insert(QStringLiteral("video_length"), videoLength);
    job.echo.insert(QStringLiteral("aspect_ratio"), aspectRatio);
    job.echo.insert(QStringLiteral("script_style"), job.scriptStyle);
    echo(QStringLiteral("visual_style"), null);
    job.echo.insert(QStringLiteral("model_version"), model);
    for (const char *key :
         {"override_avatar", "override_voice", "override_script", "background_music_url",
          "background_music_volume", "voiceover_volume", "webhook_url", "caption_style",
          "caption_offset_x", "caption_offset_y", "caption_setting"})
        echo(QLatin1String(key), null);
    for (const char *key : {"no_background_music", "no_caption", "no_emotion", "no_cta",
                            "no_stock_broll", "is_hidden"})
        echo(QLatin1String(key), false);
    job.echo.insert(QStringLiteral("visual_styles"), QJsonArray::fromStringList(styles));
    job.echo.insert(QStringLiteral("aspect_ratios"), QJsonArray::fromStringList(ratios));

    for (const QString &style : std::as_const(styles)) {
        for (const QString &ratio : std::as_const(ratios)) {
            Preview p{newId(), style, ratio, videoLength};
            m_state.previewOwner.insert(p.mediaJob, job.id);
            job.previews.append(p);
        }
    }
    job.previewPhase.startMs = SandboxState::nowMs();
    job.previewPhase.steps = previewCount + 2;
    applyJobFault(m_faults, r, &job.previewPhase);
    job.creditsUsed = int(std::ceil(cost));
    m_state.charge(cost);
    m_state.videoJobs.insert(job.id, job);
    m_state.videoJobOrder.append(job.id);
    return HttpResponse::json(200, JsonViews::videoJob(m_state, job, m_base, SandboxState::nowMs()));
}

HttpResponse ApiRouter::getVideoJob(const QString &id)
{
    auto it = m_state.videoJobs.constFind(id);
    if (it == m_state.videoJobs.constEnd())
        return notFound();
    return HttpResponse::json(
            200, JsonViews::videoJob(m_state, it.value(), m_base, SandboxState::nowMs()));
}

HttpResponse ApiRouter::listVideoJobs(const HttpRequest &r)
{
    QStringList ids;
    bool present = false;
    HttpResponse error;
    if (!parseIds(r, &ids, &present, &error))
        return error;
    const qint64 now = SandboxState::nowMs();
    QJsonArray out;
    for (const QString &id : present ? ids : m_state.videoJobOrder) {
        auto it = m_state.videoJobs.constFind(id);
        if (it != m_state.videoJobs.constEnd())
            out.append(JsonViews::videoJob(m_state, it.value(), m_base, now));
    }
    return HttpResponse::json(200, out);
}

HttpResponse ApiRouter::renderSinglePreview(const HttpRequest &r, const QString &id)
{
    auto it = m_state.videoJobs.find(id);
    if (it == m_state.videoJobs.end())
        return notFound();
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    VideoJob &job = it.value();
    const QJsonValue mj = body.value(QStringLiteral("media_job"));
    Errors errors;
    const Preview *preview = nullptr;
    const qint64 now = SandboxState::nowMs();
    const int visible = m_state.visiblePreviews(job, now);
    for (int i = 0; i < visible; ++i) {
        if (job.previews.at(i).mediaJob == mj.toString())
            preview = &job.previews.at(i);
    }
    if (mj.isUndefined() || mj.isNull() || mj.toString().isEmpty())
        errors.add(QStringLiteral("media_job"), Required);
    else if (!preview)
        errors.add(QStringLiteral("media_job"),
                   QStringLiteral("\"%1\" is not a preview of this job.").arg(mj.toString()));
    if (!errors.isEmpty())
        return errors.response();

    const double cost = renderCost(job.modelVersion, job.videoLength);
    if (!affordable(cost, &error))
        return error;
    Render render{newId(), preview->visualStyle, preview->aspectRatio, job.videoLength, Phase{}};
    render.phase.startMs = now;
    render.phase.steps = 3;
    applyJobFault(m_faults, r, &render.phase);
    job.renders.append(render);
    job.creditsUsed += int(std::ceil(cost));
    m_state.charge(cost);
    return HttpResponse::json(200, JsonViews::videoJob(m_state, job, m_base, now));
}

// ---- templates -----------------------------------------------------------------------------

HttpResponse ApiRouter::listTemplates()
{
    QJsonArray out;
    for (const auto &t : Catalog::templates())
        out.append(JsonViews::templateSummary(t, m_base));
    return HttpResponse::json(200, out);
}

HttpResponse ApiRouter::getTemplate(const QString &id)
{
    const Catalog::Template *t = Catalog::findTemplate(id);
    if (!t)
        return notFound();
    return HttpResponse::json(200, JsonViews::templateDetail(*t, m_base));
}

HttpResponse ApiRouter::createTemplatePreview(const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    Errors errors;
    const QString V = QStringLiteral("variables");

    const QJsonValue tid = body.value(QStringLiteral("template_id"));
    const Catalog::Template *tmpl = nullptr;
    if (tid.isUndefined() || tid.isNull())
        errors.add(QStringLiteral("template_id"), Required);
    else if (!tid.isString() || !isUuid(tid.toString()))
        errors.add(QStringLiteral("template_id"), QStringLiteral("Must be a valid UUID."));
    else if (!(tmpl = Catalog::findTemplate(tid.toString())))
        errors.add(QStringLiteral("template_id"),
                   QStringLiteral("Invalid pk \"%1\" - object does not exist.").arg(tid.toString()));

    const QJsonValue varsValue = body.value(V);
    if (varsValue.isUndefined() || varsValue.isNull())
        errors.add(V, Required);
    else if (!varsValue.isObject())
        errors.add(
                V,
                QStringLiteral("Expected a dictionary of items but got type \"%1\".")
                        .arg(varsValue.isArray() ? QStringLiteral("list") : QStringLiteral("str")));
    const QJsonObject vars = varsValue.toObject();
    if (tmpl && varsValue.isObject()) {
        for (auto it = vars.constBegin(); it != vars.constEnd(); ++it) {
            const Catalog::TemplateVariable *def = nullptr;
            for (const auto &v : tmpl->variables) {
                if (v.name == it.key())
                    def = &v;
            }
            if (!def) {
                errors.add(V,
                           QStringLiteral("Unknown variable \"%1\" for template \"%2\".")
                                   .arg(it.key(), tmpl->name));
                continue;
            }
            const QJsonObject var = it.value().toObject();
            if (!it.value().isObject()
                || var.value(QStringLiteral("type")).toString() != def->type) {
                errors.add(V,
                           QStringLiteral("Variable \"%1\" must have type \"%2\".")
                                   .arg(it.key(), def->type));
                continue;
            }
            const QString key = Catalog::propertyKey(def->type);
            const QJsonValue prop = var.value(QStringLiteral("properties")).toObject().value(key);
            if (!prop.isString()) {
                errors.add(V,
                           QStringLiteral("Variable \"%1\" needs properties.%2 (a string).")
                                   .arg(it.key(), key));
                continue;
            }
            const QString value = prop.toString();
            if (key == QLatin1String("url") && !isHttpUrl(value))
                errors.add(V,
                           QStringLiteral("Variable \"%1\": \"%2\" is not a valid http(s) URL.")
                                   .arg(it.key(), value));
            else if (key == QLatin1String("avatar_id") && !Catalog::isPersona(value))
                errors.add(V,
                           QStringLiteral("Variable \"%1\": avatar \"%2\" does not exist.")
                                   .arg(it.key(), value));
            else if (key == QLatin1String("voice_id") && !Catalog::isAccent(value))
                errors.add(V,
                           QStringLiteral("Variable \"%1\": voice \"%2\" does not exist.")
                                   .arg(it.key(), value));
        }
        for (const auto &v : tmpl->variables) {
            if (v.required && !vars.contains(v.name))
                errors.add(V, QStringLiteral("Variable \"%1\" is required.").arg(v.name));
        }
    }
    const QJsonValue modelValue = body.value(QStringLiteral("model_version"));
    QString model = QStringLiteral("standard");
    if (!modelValue.isUndefined() && !modelValue.isNull()) {
        if (!Catalog::modelVersions().contains(modelValue.toString()))
            errors.add(QStringLiteral("model_version"), choiceError(modelValue));
        else
            model = modelValue.toString();
    }
    if (body.value(QStringLiteral("name")).toString().size() > 255)
        errors.add(QStringLiteral("name"),
                   QStringLiteral("Ensure this field has no more than 255 characters."));
    if (body.value(QStringLiteral("webhook_url")).toString().size() > 200)
        errors.add(QStringLiteral("webhook_url"),
                   QStringLiteral("Ensure this field has no more than 200 characters."));
    if (!errors.isEmpty())
        return errors.response();

    const double cost = blocks30(tmpl->duration);
    if (!affordable(cost, &error))
        return error;
    TemplateJob job;
    job.id = newId();
    job.templateId = tmpl->id;
    job.variables = vars;
    job.name = body.value(QStringLiteral("name")).isUndefined()
            ? QJsonValue(QJsonValue::Null)
            : body.value(QStringLiteral("name"));
    job.webhookUrl = body.value(QStringLiteral("webhook_url")).isUndefined()
            ? QJsonValue(QJsonValue::Null)
            : body.value(QStringLiteral("webhook_url"));
    job.modelVersion = model;
    job.isHidden = body.value(QStringLiteral("is_hidden")).toBool(false);
    job.duration = tmpl->duration;
    job.previewMediaJob = newId();
    job.previewPhase.startMs = SandboxState::nowMs();
    job.previewPhase.steps = 3;
    applyJobFault(m_faults, r, &job.previewPhase);
    job.creditsUsed = int(cost);
    job.createdAt = QDateTime::currentDateTimeUtc();
    m_state.charge(cost);
    m_state.previewOwner.insert(job.previewMediaJob, job.id);
    m_state.templateJobs.insert(job.id, job);
    m_state.templateJobOrder.append(job.id);
    return HttpResponse::json(201,
                              JsonViews::templateJob(m_state, job, m_base, SandboxState::nowMs()));
}

HttpResponse ApiRouter::getTemplateJob(const QString &id)
{
    auto it = m_state.templateJobs.constFind(id);
    if (it == m_state.templateJobs.constEnd())
        return notFound();
    return HttpResponse::json(
            200, JsonViews::templateJob(m_state, it.value(), m_base, SandboxState::nowMs()));
}

HttpResponse ApiRouter::listTemplateJobs(const HttpRequest &r)
{
    QStringList ids;
    bool present = false;
    HttpResponse error;
    if (!parseIds(r, &ids, &present, &error))
        return error;
    const qint64 now = SandboxState::nowMs();
    QJsonArray out;
    for (const QString &id : present ? ids : m_state.templateJobOrder) {
        auto it = m_state.templateJobs.constFind(id);
        if (it != m_state.templateJobs.constEnd())
            out.append(JsonViews::templateJob(m_state, it.value(), m_base, now));
    }
    return HttpResponse::json(200, out);
}

HttpResponse ApiRouter::renderTemplateJob(const HttpRequest &r, const QString &id)
{
    auto it = m_state.templateJobs.find(id);
    if (it == m_state.templateJobs.end())
        return notFound();
    TemplateJob &job = it.value();
    const qint64 now = SandboxState::nowMs();
    if (m_state.status(job.previewPhase, now) != QLatin1String("done"))
        return HttpResponse::detail(
                400,
                QStringLiteral("The preview of this job is not done yet; render it once its "
                               "status is done."));
    const double cost = renderCost(job.modelVersion, job.duration);
    HttpResponse error;
    if (!affordable(cost, &error))
        return error;
    job.rendered = true;
    job.renderMediaJob = newId();
    job.renderPhase = Phase{};
    job.renderPhase.startMs = now;
    job.renderPhase.steps = 3;
    applyJobFault(m_faults, r, &job.renderPhase);
    job.creditsUsed += int(std::ceil(cost));
    m_state.charge(cost);
    return HttpResponse::json(200, JsonViews::templateJob(m_state, job, m_base, now));
}

// ---- supporting lists ----------------------------------------------------------------------

HttpResponse ApiRouter::personasPaginated(const HttpRequest &r)
{
    auto intParam = [&](const QString &key, int def, bool *ok) {
        if (!r.query.hasQueryItem(key))
            return def;
        const int v = r.query.queryItemValue(key).toInt(ok);
        if (v < 1)
            *ok = false;
        return v;
    };
    bool pageOk = true, sizeOk = true;
    const int page = intParam(QStringLiteral("page"), 1, &pageOk);
    const int pageSize = qMin(100, intParam(QStringLiteral("page_size"), 10, &sizeOk));
    if (!sizeOk)
        return HttpResponse::json(
                400,
                QJsonObject{{QStringLiteral("page_size"),
                             QJsonArray{QStringLiteral("A valid integer is required.")}}});
    const int count = Catalog::personaCount();
    const int first = (page - 1) * pageSize;
    if (!pageOk || (first >= count && page != 1))
        return HttpResponse::detail(404, QStringLiteral("Invalid page."));
    QJsonArray results;
    for (int i = first; i < qMin(count, first + pageSize); ++i)
        results.append(Catalog::persona(i, m_base));
    auto pageUrl = [&](int p) {
        return QJsonValue(m_base
                          + QStringLiteral("/api/personas/paginated/?page=%1&page_size=%2")
                                    .arg(p)
                                    .arg(pageSize));
    };
    return HttpResponse::json(
            200,
            QJsonObject{
                    {QStringLiteral("count"), count},
                    {QStringLiteral("next"),
                     first + pageSize < count ? pageUrl(page + 1) : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("previous"),
                     page > 1 ? pageUrl(page - 1) : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("results"), results}});
}

HttpResponse ApiRouter::personaList()
{
    QJsonArray out;
    for (int i = 0; i < Catalog::personaCount(); ++i)
        out.append(Catalog::persona(i, m_base));
    return HttpResponse::json(200, out);
}

HttpResponse ApiRouter::personaDetail(const QString &id)
{
    for (int i = 0; i < Catalog::personaCount(); ++i) {
        const QJsonObject p = Catalog::persona(i, m_base);
        if (p.value(QStringLiteral("id")).toString() == id)
            return HttpResponse::json(200, p);
    }
    return notFound();
}

HttpResponse ApiRouter::voices()
{
    return HttpResponse::json(200, Catalog::voices(m_base));
}

HttpResponse ApiRouter::remainingCredits()
{
    return HttpResponse::json(
            200, QJsonObject{{QStringLiteral("remaining_credits"), m_state.credits()}});
}

// ---- preview pages -------------------------------------------------------------------------

HttpResponse ApiRouter::handlePreviewPage(const HttpRequest &request, const QString &base)
{
    static const QRegularExpression layoutRe(
            QStringLiteral("^videos/\\d{8}/([0-9a-fA-F-]{36})\\.json$"));
    const auto m = layoutRe.match(
            request.query.queryItemValue(QStringLiteral("layout"), QUrl::FullyDecoded));
    const QString mediaJob = m.captured(1);
    const QString owner = m.hasMatch() ? m_state.previewOwner.value(mediaJob) : QString();
    PreviewContent c;
    bool found = false;
    if (auto it = m_state.videoJobs.constFind(owner); it != m_state.videoJobs.constEnd()) {
        const VideoJob &job = it.value();
        const Link link = m_state.links.value(job.linkId);
        for (const Preview &p : job.previews) {
            if (p.mediaJob != mediaJob)
                continue;
            c.title = link.title;
            c.description = link.description;
            c.imageUrls = link.imageUrls;
            c.visualStyle = p.visualStyle;
            c.aspectRatio = p.aspectRatio;
            c.scriptStyle = job.scriptStyle;
            c.duration = p.duration;
            c.videoUrl = JsonViews::renderUrl(base, p.aspectRatio, p.mediaJob);
            found = true;
        }
    } else if (auto tj = m_state.templateJobs.constFind(owner);
               tj != m_state.templateJobs.constEnd()) {
        const TemplateJob &job = tj.value();
        const Catalog::Template *t = Catalog::findTemplate(job.templateId);
        if (t) {
            c.title = t->name;
            c.visualStyle = t->name;
            c.aspectRatio = t->aspectRatio;
            c.duration = t->duration;
            c.scriptStyle = QStringLiteral("Template");
            c.videoUrl = JsonViews::renderUrl(base, t->aspectRatio, mediaJob);
            for (const auto &v : t->variables) {
                QString value = job.variables.value(v.name)
                                        .toObject()
                                        .value(QStringLiteral("properties"))
                                        .toObject()
                                        .value(Catalog::propertyKey(v.type))
                                        .toString(v.defaultValue);
                if (value.startsWith(QLatin1Char('/')))
                    value = base + value;
                if (v.type == QLatin1String("text")) {
                    c.textVariables.append({v.name, value});
                    if (c.description.isEmpty())
                        c.description = value;
                } else if (v.type == QLatin1String("image")) {
                    c.imageUrls.append(value);
                } else {
                    c.textVariables.append({v.name, v.type + QStringLiteral(": ") + value});
                }
            }
            found = true;
        }
    }
    if (!found)
        return HttpResponse::html(404, PreviewPage::notFound());
    HttpResponse resp = HttpResponse::html(200, PreviewPage::render(c));
    return resp;
}

} // namespace Sandbox

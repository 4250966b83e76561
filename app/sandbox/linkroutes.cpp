#include "linkroutes.h"

#include "jsonviews.h"
#include "requestchecks.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QUrl>

namespace Sandbox::LinkRoutes {

namespace {

// A readable product name from the page URL, as the scraper would find in the page title.
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

} // namespace

HttpResponse create(ApiContext &ctx, const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    FieldErrors errors;
    const QJsonValue urlValue = body.value(QStringLiteral("url"));
    const QString urlText = urlValue.toString().trimmed();
    if (urlValue.isUndefined() || urlValue.isNull())
        errors.add(QStringLiteral("url"), RequiredMessage);
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
    if (!affordable(ctx.state, 1, &error))
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
        link.imageUrls.append(ctx.base + QStringLiteral("/media/products/") + link.id
                              + QLatin1Char('-') + QString::number(i) + QStringLiteral(".jpg"));
    link.reviews = QJsonValue::Null;
    link.logoUrl = QJsonValue::Null;
    link.aiTargetAudiences = QJsonArray{QStringLiteral("Busy professionals"),
                                        QStringLiteral("Gift shoppers")};
    ctx.state.charge(1);
    ctx.state.links.insert(link.id, link);
    ctx.state.linkOrder.append(link.id);
    return HttpResponse::json(200, JsonViews::link(link));
}

HttpResponse createWithParams(ApiContext &ctx, const HttpRequest &r)
{
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    FieldErrors errors;
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
            errors.add(QLatin1String(key), RequiredMessage);
    }
    if (errors.isEmpty() && videos.isEmpty() && images.size() < 3)
        errors.add(QStringLiteral("image_urls"),
                   QStringLiteral("Provide at least 3 images when no videos are given."));
    const QJsonValue logo = body.value(QStringLiteral("logo_url"));
    if (!logo.isUndefined() && !logo.isNull() && !isHttpUrl(logo.toString()))
        errors.add(QStringLiteral("logo_url"), QStringLiteral("Enter a valid URL."));
    if (!errors.isEmpty())
        return errors.response();
    if (!affordable(ctx.state, 1, &error))
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
    ctx.state.charge(1);
    ctx.state.links.insert(link.id, link);
    ctx.state.linkOrder.append(link.id);
    return HttpResponse::json(200, JsonViews::link(link));
}

HttpResponse get(const ApiContext &ctx, const QString &id)
{
    return showOne(ctx.state.links, id, [&](const Link &item) { return JsonViews::link(item); });
}

HttpResponse put(ApiContext &ctx, const HttpRequest &r, const QString &id)
{
    auto it = ctx.state.links.find(id);
    if (it == ctx.state.links.end())
        return notFound();
    QJsonObject body;
    HttpResponse error;
    if (!parseJsonBody(r, &body, &error))
        return error;
    FieldErrors errors;
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

HttpResponse list(const ApiContext &ctx, const HttpRequest &r)
{
    return listFiltered(r, ctx.state.links, ctx.state.linkOrder,
                        [&](const Link &item) { return JsonViews::link(item); });
}

} // namespace Sandbox::LinkRoutes

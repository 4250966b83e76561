#include "accountroutes.h"

#include "catalog.h"
#include "requestchecks.h"
#include "sandboxstate.h"

#include <QJsonArray>

namespace Sandbox::AccountRoutes {

HttpResponse personasPaginated(const ApiContext &ctx, const HttpRequest &r)
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
        results.append(Catalog::persona(i, ctx.base));
    auto pageUrl = [&](int p) {
        return QJsonValue(ctx.base
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

HttpResponse personaList(const ApiContext &ctx)
{
    QJsonArray out;
    for (int i = 0; i < Catalog::personaCount(); ++i)
        out.append(Catalog::persona(i, ctx.base));
    return HttpResponse::json(200, out);
}

HttpResponse personaDetail(const ApiContext &ctx, const QString &id)
{
    for (int i = 0; i < Catalog::personaCount(); ++i) {
        const QJsonObject p = Catalog::persona(i, ctx.base);
        if (p.value(QStringLiteral("id")).toString() == id)
            return HttpResponse::json(200, p);
    }
    return notFound();
}

HttpResponse voices(const ApiContext &ctx)
{
    return HttpResponse::json(200, Catalog::voices(ctx.base));
}

HttpResponse remainingCredits(const ApiContext &ctx)
{
    return HttpResponse::json(
            200, QJsonObject{{QStringLiteral("remaining_credits"), ctx.state.credits()}});
}

} // namespace Sandbox::AccountRoutes

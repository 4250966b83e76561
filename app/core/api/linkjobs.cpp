#include "linkjobs.h"

#include "endpointpaths.h"

#include <QJsonArray>
#include <QJsonObject>

namespace PreviewDeck {

namespace {
bool parseWrapper(const QJsonDocument &document, Link *link, QString *whyNot)
{
    if (!document.isObject() || !Link::fromWrapperJson(document.object(), link)) {
        *whyNot = QStringLiteral("expected a link object with an id");
        return false;
    }
    return true;
}

QUrlQuery idsQuery(const QStringList &ids)
{
    QUrlQuery query;
    if (!ids.isEmpty())
        query.addQueryItem(QStringLiteral("ids"), ids.join(QLatin1Char(',')));
    return query;
}
} // namespace

CreateLinkJob::CreateLinkJob(ApiClient *client, const QUrl &productUrl, QObject *parent)
    : ApiJob(client, HttpVerb::Post, resourcePath("links"), parent)
{
    setJsonBody(QJsonDocument(
            QJsonObject{{QStringLiteral("url"), productUrl.toString(QUrl::FullyEncoded)}}));
}

bool CreateLinkJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseWrapper(document, &m_link, whyNot);
}

CreateLinkWithParamsJob::CreateLinkWithParamsJob(ApiClient *client, const LinkParams &params,
                                                 QObject *parent)
    : ApiJob(client, HttpVerb::Post, resourcePath("links", QString(), "link_with_params"), parent)
{
    setJsonBody(QJsonDocument(params.toJson()));
}

bool CreateLinkWithParamsJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseWrapper(document, &m_link, whyNot);
}

GetLinkJob::GetLinkJob(ApiClient *client, const QString &linkId, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("links", linkId), parent)
{
}

bool GetLinkJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    return parseWrapper(document, &m_link, whyNot);
}

UpdateLinkJob::UpdateLinkJob(ApiClient *client, const Link &link, const LinkParams &changes,
                             QObject *parent)
    : ApiJob(client, HttpVerb::Put, resourcePath("links", link.id), parent), m_link(link)
{
    // Only what `changes` sets is replaced; everything else is sent back as it is, since a PUT
    // replaces the whole object.
    LinkParams merged = changes;
    if (merged.title.isEmpty())
        merged.title = link.title;
    if (merged.description.isEmpty())
        merged.description = link.description;
    if (merged.imageUrls.isEmpty())
        merged.imageUrls = link.imageUrls;
    if (merged.videoUrls.isEmpty())
        merged.videoUrls = link.videoUrls;
    if (merged.logoUrl.isEmpty())
        merged.logoUrl = link.logoUrl;
    QJsonObject body = merged.toJson();
    body.insert(QStringLiteral("url"), link.url.toString());
    setJsonBody(QJsonDocument(body));
}

bool UpdateLinkJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    if (!document.isObject()) {
        *whyNot = QStringLiteral("expected the edited link");
        return false;
    }
    QJsonObject inner = document.object();
    // Tolerate a server that answers the wrapper after all.
    if (inner.value(QLatin1String("link")).isObject())
        inner = inner.value(QLatin1String("link")).toObject();
    m_link.updateFromInnerJson(inner);
    return true;
}

ListLinksJob::ListLinksJob(ApiClient *client, const QStringList &ids, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("links"), parent)
{
    setQuery(idsQuery(ids));
}

bool ListLinksJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    QJsonArray array = document.array();
    if (document.isObject()) // a paginated answer
        array = document.object().value(QLatin1String("results")).toArray();
    else if (!document.isArray()) {
        *whyNot = QStringLiteral("expected a list of links");
        return false;
    }
    for (const QJsonValue &value : array) {
        Link link;
        if (Link::fromWrapperJson(value.toObject(), &link))
            m_links << link;
    }
    return true;
}

} // namespace PreviewDeck

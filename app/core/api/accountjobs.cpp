#include "accountjobs.h"

#include "endpointpaths.h"

#include <QJsonArray>
#include <QJsonObject>

namespace PreviewDeck {

GetCreditsJob::GetCreditsJob(ApiClient *client, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("remaining_credits"), parent)
{
}

bool GetCreditsJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    m_credits = jsonNumber(document.object().value(QLatin1String("remaining_credits")));
    if (m_credits < 0) {
        *whyNot = QStringLiteral("no remaining_credits number");
        return false;
    }
    return true;
}

ListPersonasJob::ListPersonasJob(ApiClient *client, int page, int pageSize, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("personas", QString(), "paginated"), parent)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(qMax(1, page)));
    query.addQueryItem(QStringLiteral("page_size"), QString::number(qMax(1, pageSize)));
    setQuery(query);
}

bool ListPersonasJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    if (!document.isObject()) {
        *whyNot = QStringLiteral("expected a page of personas");
        return false;
    }
    const QJsonObject object = document.object();
    m_page.count = int(jsonNumber(object.value(QLatin1String("count")), 0));
    m_page.hasNext = object.value(QLatin1String("next")).isString();
    const QJsonArray results = object.value(QLatin1String("results")).toArray();
    for (const QJsonValue &value : results) {
        Persona persona;
        if (Persona::fromJson(value.toObject(), &persona) && persona.isActive)
            m_page.personas << persona;
    }
    return true;
}

ListVoicesJob::ListVoicesJob(ApiClient *client, QObject *parent)
    : ApiJob(client, HttpVerb::Get, resourcePath("voices"), parent)
{
}

bool ListVoicesJob::parseResult(const QJsonDocument &document, QString *whyNot)
{
    if (!document.isArray()) {
        *whyNot = QStringLiteral("expected a list of voices");
        return false;
    }
    const QJsonArray array = document.array();
    for (const QJsonValue &value : array) {
        Voice voice;
        if (Voice::fromJson(value.toObject(), &voice))
            m_voices << voice;
    }
    return true;
}

} // namespace PreviewDeck

#include "requestchecks.h"

#include "faultinjector.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>
#include <QUuid>

#include <cmath>

namespace Sandbox {

const QString RequiredMessage = QStringLiteral("This field is required.");

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

void FieldErrors::add(const QString &field, const QString &message)
{
    QJsonArray list = m_obj.value(field).toArray();
    list.append(message);
    m_obj.insert(field, list);
}

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

double renderCost(const QString &model, int seconds)
{
    if (model == QLatin1String("aurora_v1"))
        return seconds;
    if (model == QLatin1String("aurora_v1_fast"))
        return std::ceil(seconds * 0.5);
    return 4.0 * blocks30(seconds);
}

void applyJobFault(FaultInjector &faults, const HttpRequest &r, Phase *phase)
{
    Fault f;
    if (faults.matchJob(r.method, r.path, r.body, &f)) {
        phase->outcome = f.kind == Fault::Kind::JobRejected ? Outcome::Rejected : Outcome::Failed;
        phase->failedReason = f.kind == Fault::Kind::JobRejected
                ? QStringLiteral("The video was rejected by content review.")
                : f.reason;
    }
}

bool affordable(const SandboxState &state, double cost, HttpResponse *error)
{
    if (state.canAfford(cost))
        return true;
    *error = HttpResponse::detail(
            402,
            QStringLiteral("Not enough credits: this request needs %1, the workspace has %2.")
                    .arg(QString::number(cost), QString::number(state.credits())));
    return false;
}

bool parseIds(const HttpRequest &r, QStringList *ids, bool *present, HttpResponse *error)
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

} // namespace Sandbox

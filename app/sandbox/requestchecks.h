#pragma once

// Checks and answers shared by the /api/ handlers: DRF-shaped field errors, body and filter
// parsing, prices, and the job faults a request triggers.

#include "httpmessage.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Sandbox {

class FaultInjector;
class SandboxState;
struct Phase;

// DRF's "This field is required." for a missing or null field.
extern const QString RequiredMessage;

// Field errors collected the way DRF reports them: {"field": ["message", ...]}.
class FieldErrors
{
public:
    void add(const QString &field, const QString &message);
    bool isEmpty() const { return m_obj.isEmpty(); }
    HttpResponse response() const { return HttpResponse::json(400, m_obj); }

private:
    QJsonObject m_obj;
};

QString newId();
bool isUuid(const QString &s);
bool isHttpUrl(const QString &s);
// DRF's message for a value outside a field's choices.
QString choiceError(const QJsonValue &v);
HttpResponse notFound();

// An empty body is an empty object; anything else must be a JSON object (400 otherwise).
bool parseJsonBody(const HttpRequest &r, QJsonObject *out, HttpResponse *error);
// Parses the `ids` filter; false with a 400 in *error when malformed or too long.
bool parseIds(const HttpRequest &r, QStringList *ids, bool *present, HttpResponse *error);
// A detail endpoint's answer: the item with `id` shown by `view`, or a 404.
template<typename T, typename View>
HttpResponse showOne(const QHash<QString, T> &items, const QString &id, View view)
{
    auto it = items.constFind(id);
    return it == items.constEnd() ? notFound() : HttpResponse::json(200, view(it.value()));
}
// A list endpoint's answer: the items the `ids` filter names (unknown ones skipped) when it is
// given, else all of them in creation order; each item shown by `view`.
template<typename T, typename View>
HttpResponse listFiltered(const HttpRequest &r, const QHash<QString, T> &items,
                          const QStringList &order, View view)
{
    QStringList ids;
    bool present = false;
    HttpResponse error;
    if (!parseIds(r, &ids, &present, &error))
        return error;
    QJsonArray out;
    for (const QString &id : present ? ids : order) {
        auto it = items.constFind(id);
        if (it != items.constEnd())
            out.append(view(it.value()));
    }
    return HttpResponse::json(200, out);
}
// Returns a 402 response in *error when the balance cannot cover `cost`.
bool affordable(const SandboxState &state, double cost, HttpResponse *error);

// Number of started 30-second blocks (how previews are priced).
int blocks30(int seconds);
// Price of rendering `seconds` of video with a model (creatify-api.md §2.3).
double renderCost(const QString &model, int seconds);
// Lets a configured JobFailed/JobRejected fault decide how the phase this request starts ends.
void applyJobFault(FaultInjector &faults, const HttpRequest &r, Phase *phase);

} // namespace Sandbox

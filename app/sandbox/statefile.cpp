#include "statefile.h"

#include "sandboxstate.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>

#include <limits>

namespace Sandbox::StateFile {

namespace {

// ---- writing -------------------------------------------------------------------------------

QString outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Done:
        break;
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::Rejected:
        return QStringLiteral("rejected");
    }
    return QStringLiteral("done");
}

QJsonObject phaseToJson(const Phase &p)
{
    return QJsonObject{{QStringLiteral("startMs"), p.startMs},
                       {QStringLiteral("steps"), p.steps},
                       {QStringLiteral("outcome"), outcomeName(p.outcome)},
                       {QStringLiteral("failedReason"), p.failedReason}};
}

QJsonObject linkToJson(const Link &l)
{
    return QJsonObject{{QStringLiteral("id"), l.id},
                       {QStringLiteral("innerId"), l.innerId},
                       {QStringLiteral("url"), l.url},
                       {QStringLiteral("title"), l.title},
                       {QStringLiteral("description"), l.description},
                       {QStringLiteral("aiSummary"), l.aiSummary},
                       {QStringLiteral("imageUrls"), QJsonArray::fromStringList(l.imageUrls)},
                       {QStringLiteral("videoUrls"), QJsonArray::fromStringList(l.videoUrls)},
                       {QStringLiteral("reviews"), l.reviews},
                       {QStringLiteral("logoUrl"), l.logoUrl},
                       {QStringLiteral("aiTargetAudiences"), l.aiTargetAudiences}};
}

QJsonObject videoJobToJson(const VideoJob &job)
{
    QJsonArray previews;
    for (const Preview &p : job.previews)
        previews.append(QJsonObject{{QStringLiteral("mediaJob"), p.mediaJob},
                                    {QStringLiteral("visualStyle"), p.visualStyle},
                                    {QStringLiteral("aspectRatio"), p.aspectRatio},
                                    {QStringLiteral("duration"), p.duration}});
    QJsonArray renders;
    for (const Render &r : job.renders)
        renders.append(QJsonObject{{QStringLiteral("mediaJob"), r.mediaJob},
                                   {QStringLiteral("visualStyle"), r.visualStyle},
                                   {QStringLiteral("aspectRatio"), r.aspectRatio},
                                   {QStringLiteral("duration"), r.duration},
                                   {QStringLiteral("phase"), phaseToJson(r.phase)}});
    return QJsonObject{{QStringLiteral("id"), job.id},
                       {QStringLiteral("echo"), job.echo},
                       {QStringLiteral("linkId"), job.linkId},
                       {QStringLiteral("videoLength"), job.videoLength},
                       {QStringLiteral("modelVersion"), job.modelVersion},
                       {QStringLiteral("scriptStyle"), job.scriptStyle},
                       {QStringLiteral("previews"), previews},
                       {QStringLiteral("previewPhase"), phaseToJson(job.previewPhase)},
                       {QStringLiteral("renders"), renders},
                       {QStringLiteral("creditsUsed"), job.creditsUsed},
                       {QStringLiteral("createdAtMs"), job.createdAt.toMSecsSinceEpoch()}};
}

QJsonObject templateJobToJson(const TemplateJob &job)
{
    return QJsonObject{{QStringLiteral("id"), job.id},
                       {QStringLiteral("templateId"), job.templateId},
                       {QStringLiteral("variables"), job.variables},
                       {QStringLiteral("name"), job.name},
                       {QStringLiteral("webhookUrl"), job.webhookUrl},
                       {QStringLiteral("modelVersion"), job.modelVersion},
                       {QStringLiteral("isHidden"), job.isHidden},
                       {QStringLiteral("duration"), job.duration},
                       {QStringLiteral("previewMediaJob"), job.previewMediaJob},
                       {QStringLiteral("previewPhase"), phaseToJson(job.previewPhase)},
                       {QStringLiteral("rendered"), job.rendered},
                       {QStringLiteral("renderMediaJob"), job.renderMediaJob},
                       {QStringLiteral("renderPhase"), phaseToJson(job.renderPhase)},
                       {QStringLiteral("creditsUsed"), job.creditsUsed},
                       {QStringLiteral("createdAtMs"), job.createdAt.toMSecsSinceEpoch()}};
}

// Items in listing order; an item missing from the order list (never made by ApiRouter) still
// gets saved, after the listed ones and sorted by id so the output is stable.
template<typename T, typename ToJson>
QJsonArray orderedArray(const QHash<QString, T> &items, const QStringList &order, ToJson toJson)
{
    QJsonArray out;
    for (const QString &id : order) {
        auto it = items.constFind(id);
        if (it != items.constEnd())
            out.append(toJson(it.value()));
    }
    if (out.size() != items.size()) {
        QStringList rest;
        for (auto it = items.constBegin(); it != items.constEnd(); ++it) {
            if (!order.contains(it.key()))
                rest.append(it.key());
        }
        rest.sort();
        for (const QString &id : std::as_const(rest))
            out.append(toJson(items.value(id)));
    }
    return out;
}

// ---- reading -------------------------------------------------------------------------------

// Typed access to the fields of one JSON object; the first missing or mistyped field is kept in
// *error (with where it is), later ones are ignored.
class Fields
{
public:
    Fields(const QJsonValue &value, QString where, QString *error)
        : m_obj(value.toObject()), m_where(std::move(where)), m_error(error)
    {
        if (!value.isObject())
            fail(QStringLiteral("is not an object"));
    }

    QJsonValue any(const char *key)
    {
        const QJsonValue v = m_obj.value(QLatin1String(key));
        if (v.isUndefined())
            fail(QLatin1String(key) + QStringLiteral(" is missing"));
        return v.isUndefined() ? QJsonValue(QJsonValue::Null) : v;
    }
    QString string(const char *key)
    {
        return typed(key, &QJsonValue::isString, "a string").toString();
    }
    QString id(const char *key)
    {
        const QString s = string(key);
        if (s.isEmpty())
            fail(QLatin1String(key) + QStringLiteral(" is empty"));
        return s;
    }
    qint64 integer(const char *key, qint64 min, qint64 max)
    {
        constexpr qint64 invalid = std::numeric_limits<qint64>::min();
        const QJsonValue v = any(key);
        const qint64 n = v.toInteger(invalid);
        if (n == invalid || n < min || n > max) {
            fail(QLatin1String(key) + QStringLiteral(" is not an integer in range"));
            return 0;
        }
        return n;
    }
    int count(const char *key) { return int(integer(key, 0, std::numeric_limits<int>::max())); }
    double number(const char *key)
    {
        return typed(key, &QJsonValue::isDouble, "a number").toDouble();
    }
    bool boolean(const char *key) { return typed(key, &QJsonValue::isBool, "a boolean").toBool(); }
    QJsonObject object(const char *key)
    {
        return typed(key, &QJsonValue::isObject, "an object").toObject();
    }
    QJsonArray array(const char *key)
    {
        return typed(key, &QJsonValue::isArray, "an array").toArray();
    }
    QStringList strings(const char *key)
    {
        QStringList out;
        for (const QJsonValue &item : array(key)) {
            if (!item.isString())
                fail(QLatin1String(key) + QStringLiteral(" holds a non-string"));
            out.append(item.toString());
        }
        return out;
    }
    QString where(const char *key) const { return m_where + QLatin1Char('.') + QLatin1String(key); }

private:
    // The field, recorded as wrong unless `isType` holds for it ("key is not <what>").
    QJsonValue typed(const char *key, bool (QJsonValue::*isType)() const, const char *what)
    {
        const QJsonValue v = any(key);
        if (!(v.*isType)())
            fail(QLatin1String(key) + QStringLiteral(" is not ") + QLatin1String(what));
        return v;
    }
    void fail(const QString &what)
    {
        if (m_error->isEmpty())
            *m_error = m_where + QStringLiteral(": ") + what;
    }

    QJsonObject m_obj;
    QString m_where;
    QString *m_error;
};

Phase phaseFromJson(const QJsonValue &value, const QString &where, QString *error)
{
    Fields f(value, where, error);
    Phase p;
    p.startMs = f.integer("startMs", std::numeric_limits<qint64>::min() + 1,
                          std::numeric_limits<qint64>::max());
    p.steps = int(f.integer("steps", 1, std::numeric_limits<int>::max()));
    const QString outcome = f.string("outcome");
    if (outcome == QLatin1String("failed"))
        p.outcome = Outcome::Failed;
    else if (outcome == QLatin1String("rejected"))
        p.outcome = Outcome::Rejected;
    else if (outcome != QLatin1String("done") && error->isEmpty())
        *error = where + QStringLiteral(": unknown outcome \"") + outcome + QLatin1Char('"');
    p.failedReason = f.string("failedReason");
    return p;
}

Link linkFromJson(const QJsonValue &value, const QString &where, QString *error)
{
    Fields f(value, where, error);
    Link l;
    l.id = f.id("id");
    l.innerId = f.id("innerId");
    l.url = f.string("url");
    l.title = f.string("title");
    l.description = f.string("description");
    l.aiSummary = f.string("aiSummary");
    l.imageUrls = f.strings("imageUrls");
    l.videoUrls = f.strings("videoUrls");
    l.reviews = f.any("reviews");
    l.logoUrl = f.any("logoUrl");
    l.aiTargetAudiences = f.any("aiTargetAudiences");
    return l;
}

VideoJob videoJobFromJson(const QJsonValue &value, const QString &where, QString *error)
{
    Fields f(value, where, error);
    VideoJob job;
    job.id = f.id("id");
    job.echo = f.object("echo");
    job.linkId = f.string("linkId");
    job.videoLength = f.count("videoLength");
    job.modelVersion = f.string("modelVersion");
    job.scriptStyle = f.string("scriptStyle");
    const QJsonArray previews = f.array("previews");
    for (qsizetype i = 0; i < previews.size(); ++i) {
        Fields p(previews.at(i), f.where("previews") + QStringLiteral("[%1]").arg(i), error);
        job.previews.append(Preview{p.id("mediaJob"), p.string("visualStyle"),
                                    p.string("aspectRatio"), p.count("duration")});
    }
    job.previewPhase = phaseFromJson(f.object("previewPhase"), f.where("previewPhase"), error);
    const QJsonArray renders = f.array("renders");
    for (qsizetype i = 0; i < renders.size(); ++i) {
        const QString at = f.where("renders") + QStringLiteral("[%1]").arg(i);
        Fields r(renders.at(i), at, error);
        Render render{r.id("mediaJob"), r.string("visualStyle"), r.string("aspectRatio"),
                      r.count("duration"), Phase{}};
        render.phase = phaseFromJson(r.object("phase"), r.where("phase"), error);
        job.renders.append(render);
    }
    job.creditsUsed = f.count("creditsUsed");
    job.createdAt = QDateTime::fromMSecsSinceEpoch(
            f.integer("createdAtMs", 0, std::numeric_limits<qint64>::max()), Qt::UTC);
    return job;
}

TemplateJob templateJobFromJson(const QJsonValue &value, const QString &where, QString *error)
{
    Fields f(value, where, error);
    TemplateJob job;
    job.id = f.id("id");
    job.templateId = f.string("templateId");
    job.variables = f.object("variables");
    job.name = f.any("name");
    job.webhookUrl = f.any("webhookUrl");
    job.modelVersion = f.string("modelVersion");
    job.isHidden = f.boolean("isHidden");
    job.duration = f.count("duration");
    job.previewMediaJob = f.id("previewMediaJob");
    job.previewPhase = phaseFromJson(f.object("previewPhase"), f.where("previewPhase"), error);
    job.rendered = f.boolean("rendered");
    job.renderMediaJob = f.string("renderMediaJob");
    job.renderPhase = phaseFromJson(f.object("renderPhase"), f.where("renderPhase"), error);
    job.creditsUsed = f.count("creditsUsed");
    job.createdAt = QDateTime::fromMSecsSinceEpoch(
            f.integer("createdAtMs", 0, std::numeric_limits<qint64>::max()), Qt::UTC);
    return job;
}

// Reads the array `key` of the root into items (by id) in listing order: orderedArray() undone.
template<typename T, typename FromJson>
void readOrdered(Fields &root, const char *key, FromJson fromJson, QHash<QString, T> *items,
                 QStringList *order, QString *problem)
{
    const QJsonArray array = root.array(key);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const T item = fromJson(array.at(i), QLatin1String(key) + QStringLiteral("[%1]").arg(i),
                                problem);
        items->insert(item.id, item);
        order->append(item.id);
    }
}

} // namespace

QByteArray serialize(const SandboxState &state, quint16 port)
{
    QJsonObject owners;
    for (auto it = state.previewOwner.constBegin(); it != state.previewOwner.constEnd(); ++it)
        owners.insert(it.key(), it.value());
    const QJsonObject root{
            {QStringLiteral("version"), FormatVersion},
            {QStringLiteral("port"), int(port)},
            {QStringLiteral("credits"), state.credits()},
            {QStringLiteral("links"), orderedArray(state.links, state.linkOrder, linkToJson)},
            {QStringLiteral("videoJobs"),
             orderedArray(state.videoJobs, state.videoJobOrder, videoJobToJson)},
            {QStringLiteral("templateJobs"),
             orderedArray(state.templateJobs, state.templateJobOrder, templateJobToJson)},
            {QStringLiteral("previewOwner"), owners},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool deserialize(const QByteArray &data, SandboxState *state, quint16 *port, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return false;
    }
    QString problem;
    Fields root(doc.object(), QStringLiteral("state"), &problem);
    const qint64 version = root.integer("version", 0, std::numeric_limits<int>::max());
    if (problem.isEmpty() && version != FormatVersion) {
        *error = QStringLiteral("format version %1, this sandbox reads version %2")
                         .arg(version)
                         .arg(FormatVersion);
        return false;
    }

    SandboxState loaded;
    loaded.setStepMs(state->stepMs());
    const quint16 loadedPort = quint16(root.integer("port", 0, 65535));
    loaded.setCredits(root.number("credits"));

    readOrdered(root, "links", linkFromJson, &loaded.links, &loaded.linkOrder, &problem);
    readOrdered(root, "videoJobs", videoJobFromJson, &loaded.videoJobs, &loaded.videoJobOrder,
                &problem);
    readOrdered(root, "templateJobs", templateJobFromJson, &loaded.templateJobs,
                &loaded.templateJobOrder, &problem);
    const QJsonObject owners = root.object("previewOwner");
    for (auto it = owners.constBegin(); it != owners.constEnd(); ++it) {
        if (!it.value().isString() && problem.isEmpty())
            problem = QStringLiteral("previewOwner.") + it.key()
                    + QStringLiteral(" is not a string");
        loaded.previewOwner.insert(it.key(), it.value().toString());
    }

    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    *state = std::move(loaded);
    *port = loadedPort;
    return true;
}

ReadResult read(const QString &path, SandboxState *state, quint16 *port)
{
    QFile file(path);
    if (!file.exists())
        return ReadResult::Missing;
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = QStringLiteral("cannot read it (%1)").arg(file.errorString());
    else if (deserialize(file.readAll(), state, port, &error))
        return ReadResult::Loaded;
    file.close();

    const QString bad = path + QStringLiteral(".bad");
    QFile::remove(bad);
    const QString kept = QFile::rename(path, bad)
            ? QStringLiteral("the file was kept as ") + QFileInfo(bad).absoluteFilePath()
            : QStringLiteral("the file could not be moved aside");
    qWarning("Sandbox: the state file %s is unusable (%s); starting with a fresh workspace, %s.",
             qPrintable(QFileInfo(path).absoluteFilePath()), qPrintable(error), qPrintable(kept));
    return ReadResult::Corrupt;
}

bool write(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Sandbox::StateFile

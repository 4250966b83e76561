// The custom-template family of apitypes.h: variable types, templates, and template jobs.

#include "apijsonfields_p.h"
#include "apitypes.h"

namespace PreviewDeck {

using namespace ApiJsonFields;

VariableType variableTypeFromString(const QString &type)
{
    const QString t = type.trimmed().toLower();
    if (t == QLatin1String("text"))
        return VariableType::Text;
    if (t == QLatin1String("image"))
        return VariableType::Image;
    if (t == QLatin1String("video"))
        return VariableType::Video;
    if (t == QLatin1String("audio"))
        return VariableType::Audio;
    if (t == QLatin1String("avatar"))
        return VariableType::Avatar;
    if (t == QLatin1String("voiceover"))
        return VariableType::Voiceover;
    return VariableType::Unknown;
}

QString variableTypeToString(VariableType type)
{
    switch (type) {
    case VariableType::Text:
        return QStringLiteral("text");
    case VariableType::Image:
        return QStringLiteral("image");
    case VariableType::Video:
        return QStringLiteral("video");
    case VariableType::Audio:
        return QStringLiteral("audio");
    case VariableType::Avatar:
        return QStringLiteral("avatar");
    case VariableType::Voiceover:
        return QStringLiteral("voiceover");
    case VariableType::Unknown:
        break;
    }
    return QString();
}

QString valuePropertyFor(VariableType type)
{
    switch (type) {
    case VariableType::Text:
        return QStringLiteral("content");
    case VariableType::Image:
    case VariableType::Video:
    case VariableType::Audio:
        return QStringLiteral("url");
    case VariableType::Avatar:
        return QStringLiteral("avatar_id");
    case VariableType::Voiceover:
        return QStringLiteral("voice_id");
    case VariableType::Unknown:
        break;
    }
    return QString();
}

bool CustomTemplate::fromJson(const QJsonObject &object, CustomTemplate *out)
{
    CustomTemplate t;
    t.id = str(object, "template_id");
    if (t.id.isEmpty())
        t.id = str(object, "id");
    if (t.id.isEmpty())
        return false;
    t.name = str(object, "name");
    t.preview = urlOf(object, "preview");
    t.aspectRatio = str(object, "aspect_ratio");
    t.createdAt = dateTime(object, "created_at");
    t.updatedAt = dateTime(object, "updated_at");
    const QJsonObject variables = object.value(QLatin1String("variables")).toObject();
    for (auto it = variables.begin(); it != variables.end(); ++it) {
        const QJsonObject detail = it.value().toObject();
        TemplateVariable variable;
        variable.name = it.key();
        variable.type = variableTypeFromString(str(detail, "type"));
        variable.properties = detail.value(QLatin1String("properties")).toObject();
        variable.required = detail.value(QLatin1String("required")).toBool(false);
        t.variables << variable;
    }
    *out = t;
    return true;
}

QJsonObject TemplateJobRequest::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("template_id"), templateId);
    object.insert(QStringLiteral("variables"), variables);
    putIfNotEmpty(object, "name", name);
    putIfNotEmpty(object, "model_version", modelVersion);
    return object;
}

QJsonObject TemplateJobRequest::variable(VariableType type, const QString &value)
{
    return QJsonObject{{QStringLiteral("type"), variableTypeToString(type)},
                       {QStringLiteral("properties"), QJsonObject{{valuePropertyFor(type), value}}}};
}

bool TemplateJob::fromJson(const QJsonObject &object, TemplateJob *out)
{
    TemplateJob job;
    job.id = str(object, "id");
    if (job.id.isEmpty())
        return false;
    job.name = str(object, "name");
    job.status = JobStatus::fromApiName(str(object, "status"));
    job.progress = progressFraction(object.value(QLatin1String("progress")));
    job.failedReason = str(object, "failed_reason");
    job.mediaJob = str(object, "media_job");
    job.preview = urlOf(object, "preview");
    job.videoOutput = urlOf(object, "video_output");
    if (job.videoOutput.isEmpty())
        job.videoOutput = urlOf(object, "output");
    job.editorUrl = urlOf(object, "editor_url");
    job.creditsUsed = jsonNumber(object.value(QLatin1String("credits_used")), 0);
    job.duration = integer(object, "duration");
    job.modelVersion = str(object, "model_version");
    job.variables = object.value(QLatin1String("variables")).toObject();
    job.createdAt = dateTime(object, "created_at");
    job.updatedAt = dateTime(object, "updated_at");
    *out = job;
    return true;
}

} // namespace PreviewDeck

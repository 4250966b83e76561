#include "templatevalues.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>

namespace PreviewDeck {

namespace {
bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString host = url.host();
    // A real site name has a dot; an IP address or localhost serves a local or sandbox server.
    const bool realHost = host.contains(QLatin1Char('.')) || host == QLatin1String("localhost")
            || !QHostAddress(host).isNull();
    return url.isValid() && realHost
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}
} // namespace

TemplateValues TemplateValues::build(const CustomTemplate &customTemplate,
                                     const QMap<QString, QString> &values,
                                     const QMap<QString, VariableType> &declaredTypes)
{
    TemplateValues result;
    QMap<QString, const TemplateVariable *> byName;
    for (const TemplateVariable &variable : customTemplate.variables)
        byName.insert(variable.name, &variable);

    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!byName.contains(it.key()))
            result.fieldErrors.insert(it.key(), tr("This template has no variable of that name."));
    }

    for (const TemplateVariable &variable : customTemplate.variables) {
        if (declaredTypes.contains(variable.name)
            && declaredTypes.value(variable.name) != variable.type) {
            result.fieldErrors.insert(
                    variable.name,
                    tr("The file gives a value of kind \"%1\", but this variable takes \"%2\".")
                            .arg(variableTypeToString(declaredTypes.value(variable.name)),
                                 variableTypeToString(variable.type)));
            continue;
        }
        const QString property = valuePropertyFor(variable.type);
        QString value = values.value(variable.name).trimmed();
        if (value.isEmpty())
            value = variable.properties.value(property).toString();
        if (value.isEmpty()) {
            if (variable.required)
                result.fieldErrors.insert(variable.name, tr("A value is required."));
            continue;
        }
        switch (variable.type) {
        case VariableType::Image:
        case VariableType::Video:
        case VariableType::Audio:
            if (!isHttpUrl(value)) {
                result.fieldErrors.insert(variable.name,
                                          tr("Enter a web address starting with http:// or "
                                             "https://."));
                continue;
            }
            break;
        case VariableType::Avatar:
        case VariableType::Voiceover:
            if (!looksLikeUuid(value)) {
                result.fieldErrors.insert(variable.name,
                                          variable.type == VariableType::Avatar
                                                  ? tr("Choose an avatar from the list.")
                                                  : tr("Choose a voice from the list."));
                continue;
            }
            break;
        case VariableType::Text:
            break;
        case VariableType::Unknown:
            result.fieldErrors.insert(variable.name,
                                      tr("PreviewDeck does not know this kind of variable."));
            continue;
        }
        result.variables.insert(variable.name, TemplateJobRequest::variable(variable.type, value));
    }
    return result;
}

bool TemplateValues::parseJsonFile(const QByteArray &json, QMap<QString, QString> *values,
                                   QString *error, QMap<QString, VariableType> *declaredTypes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
                ? tr("The variables file is not valid JSON: %1.").arg(parseError.errorString())
                : tr("The variables file must hold a JSON object of name/value pairs.");
        return false;
    }
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isString()) {
            values->insert(it.key(), value.toString());
        } else if (value.isObject()) {
            const QJsonObject full = value.toObject();
            const VariableType type = variableTypeFromString(
                    full.value(QLatin1String("type")).toString());
            const QJsonValue inner = full.value(QLatin1String("properties"))
                                             .toObject()
                                             .value(valuePropertyFor(type));
            if (!inner.isString()) {
                *error = tr("Variable \"%1\" in the file has no value PreviewDeck can read.")
                                 .arg(it.key());
                return false;
            }
            values->insert(it.key(), inner.toString());
            if (declaredTypes)
                declaredTypes->insert(it.key(), type);
        } else {
            *error = tr("Variable \"%1\" in the file must be text.").arg(it.key());
            return false;
        }
    }
    return true;
}

QList<QPair<QString, QString>> TemplateValues::mediaAddresses(
        const CustomTemplate &customTemplate) const
{
    QList<QPair<QString, QString>> addresses;
    for (const TemplateVariable &variable : customTemplate.variables) {
        if (variable.type != VariableType::Image && variable.type != VariableType::Video
            && variable.type != VariableType::Audio)
            continue;
        const QString url = variables.value(variable.name)
                                    .toObject()
                                    .value(QLatin1String("properties"))
                                    .toObject()
                                    .value(valuePropertyFor(variable.type))
                                    .toString();
        if (!url.isEmpty())
            addresses.append(qMakePair(variable.name, url));
    }
    return addresses;
}

} // namespace PreviewDeck

#pragma once

// Fixed reference data: enums from §6 of the API doc, sample personas, voices and templates.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Sandbox::Catalog {

const QStringList &visualStyles();
const QStringList &languages();
const QStringList &aspectRatios();
const QList<int> &videoLengths();
const QStringList &modelVersions();

// A stable UUID derived from a name, so ids survive restarts.
QString stableId(const QString &name);

struct TemplateVariable
{
    QString name;
    QString type; // text, image, video, audio, avatar, voiceover
    bool required = false;
    QString defaultValue; // content / url / avatar_id / voice_id; URLs are paths under base
};

struct Template
{
    QString id;
    QString name;
    QString aspectRatio;
    int duration = 0;
    QList<TemplateVariable> variables;
};

const QList<Template> &templates();
const Template *findTemplate(const QString &id);
QString propertyKey(const QString &variableType); // "content", "url", "avatar_id", "voice_id"

int personaCount();
QJsonObject persona(int index, const QString &base);
bool isPersona(const QString &id);

QJsonArray voices(const QString &base);
bool isAccent(const QString &id);

} // namespace Sandbox::Catalog

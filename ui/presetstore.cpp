#include "presetstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace PreviewDeck {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("PreviewDeck::PresetStore", text);
}
} // namespace

PresetStore::PresetStore(const QString &path) : m_path(path) { }

QString PresetStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("template-presets.json"));
}

QList<TemplatePreset> PresetStore::presets(const QString &templateId) const
{
    QList<TemplatePreset> result;
    const QList<TemplatePreset> all = readAll();
    for (const TemplatePreset &preset : all)
        if (preset.templateId == templateId)
            result << preset;
    std::sort(result.begin(), result.end(), [](const TemplatePreset &a, const TemplatePreset &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return result;
}

std::optional<TemplatePreset> PresetStore::preset(const QString &templateId,
                                                  const QString &name) const
{
    const QList<TemplatePreset> all = readAll();
    for (const TemplatePreset &preset : all)
        if (preset.templateId == templateId && preset.name == name)
            return preset;
    return std::nullopt;
}

bool PresetStore::save(const TemplatePreset &preset, QString *error)
{
    if (preset.name.trimmed().isEmpty()) {
        if (error)
            *error = tr("Give the preset a name.");
        return false;
    }
    QString readError;
    QList<TemplatePreset> all = readAll(&readError);
    if (!readError.isEmpty()) {
        // Overwriting an unreadable file would throw away every other preset in it.
        if (error)
            *error = readError;
        return false;
    }
    auto same = [&preset](const TemplatePreset &p) {
        return p.templateId == preset.templateId && p.name == preset.name;
    };
    all.erase(std::remove_if(all.begin(), all.end(), same), all.end());
    all << preset;
    return writeAll(all, error);
}

bool PresetStore::remove(const QString &templateId, const QString &name, QString *error)
{
    QString readError;
    QList<TemplatePreset> all = readAll(&readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return false;
    }
    const auto before = all.size();
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const TemplatePreset &p) {
                                 return p.templateId == templateId && p.name == name;
                             }),
              all.end());
    return all.size() == before || writeAll(all, error);
}

QList<TemplatePreset> PresetStore::readAll(QString *error) const
{
    QList<TemplatePreset> result;
    QFile file(m_path);
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("The presets file %1 cannot be read: %2.").arg(m_path, file.errorString());
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = tr("The presets file %1 is damaged; move it away to save new presets.")
                             .arg(m_path);
        return result;
    }
    const QJsonArray presets = document.object().value(QLatin1String("presets")).toArray();
    for (const QJsonValue &value : presets) {
        const QJsonObject object = value.toObject();
        TemplatePreset preset;
        preset.name = object.value(QLatin1String("name")).toString();
        preset.templateId = object.value(QLatin1String("template_id")).toString();
        preset.modelVersion = object.value(QLatin1String("model_version")).toString();
        const QJsonObject values = object.value(QLatin1String("values")).toObject();
        for (auto it = values.begin(); it != values.end(); ++it)
            preset.values.insert(it.key(), it.value().toString());
        if (!preset.name.isEmpty() && !preset.templateId.isEmpty())
            result << preset;
    }
    return result;
}

bool PresetStore::writeAll(const QList<TemplatePreset> &presets, QString *error) const
{
    QJsonArray array;
    for (const TemplatePreset &preset : presets) {
        QJsonObject values;
        for (auto it = preset.values.cbegin(); it != preset.values.cend(); ++it)
            values.insert(it.key(), it.value());
        array.append(QJsonObject{{QStringLiteral("name"), preset.name},
                                 {QStringLiteral("template_id"), preset.templateId},
                                 {QStringLiteral("model_version"), preset.modelVersion},
                                 {QStringLiteral("values"), values}});
    }
    const QJsonDocument document(
            QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("presets"), array}});
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(document.toJson()) < 0 || !file.commit()) {
        if (error)
            *error = tr("The preset could not be saved to %1: %2.").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

} // namespace PreviewDeck

#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace PreviewDeck {

// Values of one template's variables saved under a name, to fill its form again later.
struct TemplatePreset
{
    QString name;
    QString templateId;
    QString modelVersion;
    QMap<QString, QString> values; // variable name -> text, as typed
};

// Named template presets in one small JSON file (AppDataLocation/template-presets.json). The
// file is read on every call and replaced atomically (QSaveFile) on every change, so two
// windows never see a half-written file and neither keeps a stale copy.
class PresetStore
{
public:
    explicit PresetStore(const QString &path = defaultPath());

    static QString defaultPath();
    QString path() const { return m_path; }

    // The presets of one template, sorted by name.
    QList<TemplatePreset> presets(const QString &templateId) const;
    std::optional<TemplatePreset> preset(const QString &templateId, const QString &name) const;
    // Adds the preset or replaces the one of the same template and name.
    bool save(const TemplatePreset &preset, QString *error = nullptr);
    bool remove(const QString &templateId, const QString &name, QString *error = nullptr);

private:
    QList<TemplatePreset> readAll(QString *error = nullptr) const;
    bool writeAll(const QList<TemplatePreset> &presets, QString *error) const;

    QString m_path;
};

} // namespace PreviewDeck

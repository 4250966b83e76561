#pragma once

#include <QComboBox>
#include <QHash>
#include <QIcon>
#include <QUrl>

namespace PreviewDeck {

class Engine;

// A combo box of the account's personas (GET /api/personas/paginated/), with each persona's
// preview image as its icon. The value is the persona id, which is what override_avatar and a
// template's avatar_id want. An id set before the list arrives (or one the list does not have)
// stays selected, shown as an unknown avatar, so a typed or saved value is never lost silently.
class PersonaPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit PersonaPicker(Engine *engine, QWidget *parent = nullptr);

    // Adds a first item with an empty id (e.g. "Matched automatically"); call before load().
    void setAutomaticText(const QString &text);
    void load();
    bool isLoaded() const { return m_loaded; }

    QString currentId() const;
    void setCurrentId(const QString &id);

Q_SIGNALS:
    void loaded();
    void currentIdChanged(const QString &id);

private:
    void rebuild();
    void selectWanted();

    struct Entry
    {
        QString id;
        QString label;
        QUrl image;
    };

    Engine *m_engine;
    QString m_automaticText;
    QString m_wanted;
    QList<Entry> m_entries;
    QHash<QString, QIcon> m_icons;
    bool m_loaded = false;
    bool m_rebuilding = false;
};

} // namespace PreviewDeck

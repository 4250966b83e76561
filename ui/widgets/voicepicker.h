#pragma once

#include <QUrl>
#include <QWidget>

class QComboBox;
class QMediaPlayer;
class QPushButton;

namespace PreviewDeck {

class Engine;

// A voice/accent picker (GET /api/voices/) with a button that plays the accent's sample. The
// value is the accent id, which is what override_voice and a template's voice_id want. Like
// PersonaPicker, an id the list does not (yet) have stays selected rather than being dropped.
class VoicePicker : public QWidget
{
    Q_OBJECT
public:
    explicit VoicePicker(Engine *engine, QWidget *parent = nullptr);

    // Adds a first item with an empty id (e.g. "The avatar's own voice"); call before load().
    void setAutomaticText(const QString &text);
    void load();
    bool isLoaded() const { return m_loaded; }

    QString currentId() const;
    void setCurrentId(const QString &id);
    QUrl currentSample() const;
    void playSample();

    QComboBox *comboBox() const { return m_combo; }
    QPushButton *playButton() const { return m_play; }

Q_SIGNALS:
    void loaded();
    void currentIdChanged(const QString &id);

private:
    void rebuild();

    struct Entry
    {
        QString id;
        QString label;
        QUrl sample;
    };

    Engine *m_engine;
    QComboBox *m_combo;
    QPushButton *m_play;
    QMediaPlayer *m_player = nullptr; // made on first play: audio output is opened only then
    QString m_automaticText;
    QString m_wanted;
    QList<Entry> m_entries;
    bool m_loaded = false;
    bool m_rebuilding = false;
};

} // namespace PreviewDeck

#pragma once

#include "records.h"

#include <QWidget>

class QComboBox;
class QPushButton;

namespace PreviewDeck {

class FieldMessage;
class Store;

// The preset row of the template page: a name box listing the open template's presets (from
// the store, kept current on its change signal), "Load preset" and "Save as preset". It holds
// no presets of its own; the page says which template is open, gives the values to save and
// applies a loaded preset (presetChosen).
class PresetBar : public QWidget
{
    Q_OBJECT
public:
    explicit PresetBar(Store *store, QWidget *parent = nullptr);

    // The template whose presets are listed; empty while none is open (buttons disabled).
    void setTemplate(const QString &templateId);
    // Saves these values under the typed name (replacing a preset of that name).
    void save(const QString &modelVersion, const QMap<QString, QString> &values);
    // Emits presetChosen for the preset of the typed name, or says there is none.
    void load();

    QComboBox *combo() const { return m_combo; }
    QPushButton *loadButton() const { return m_load; }
    QPushButton *saveButton() const { return m_save; }
    FieldMessage *message() const { return m_message; }

Q_SIGNALS:
    void saveRequested(); // the page answers with save(its current values)
    void presetChosen(const PreviewDeck::TemplatePreset &preset);

private:
    void refresh();

    Store *m_store;
    QString m_templateId;
    QComboBox *m_combo;
    QPushButton *m_load;
    QPushButton *m_save;
    FieldMessage *m_message;
};

} // namespace PreviewDeck

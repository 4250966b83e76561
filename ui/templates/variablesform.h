#pragma once

#include "apitypes.h"
#include "templatevalues.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QTimer;

namespace PreviewDeck {

class Engine;
class FieldMessage;
class MediaFetch;

// One filled-in copy of a template's form: what the user typed for each variable, plus the
// job's optional name and model version. A variable missing from `values` takes the template's
// default; one present but empty was cleared on purpose.
struct TemplateVariant
{
    QString name;
    QString modelVersion; // empty: the server's default
    QMap<QString, QString> values;
};

// The form generated from a template's variable definitions: a line edit (or a multi-line
// editor for long text) for text, an http(s) address with a thumbnail for images, an address
// for video and audio, a persona picker for avatars and a voice picker for voiceovers. Each
// field has its own message label, where validation problems are shown.
class VariablesForm : public QWidget
{
    Q_OBJECT
public:
    explicit VariablesForm(Engine *engine, QWidget *parent = nullptr);
    ~VariablesForm() override;

    // Rebuilds the fields for this template and fills in its defaults.
    void setTemplate(const CustomTemplate &customTemplate);
    const CustomTemplate &customTemplate() const { return m_template; }

    TemplateVariant variant() const;
    void setVariant(const TemplateVariant &variant);

    // TemplateValues::build, plus: a required variable the user cleared is an error rather than
    // silently falling back to the template's default.
    static TemplateValues check(const CustomTemplate &customTemplate,
                                const QMap<QString, QString> &values);
    static QString defaultValue(const TemplateVariable &variable);

    // Shows each message at its field; names the template does not have go to the general
    // message below the form.
    void showFieldErrors(const QMap<QString, QString> &errors);
    void clearMessages();

    QWidget *editor(const QString &variableName) const;
    FieldMessage *message(const QString &variableName) const;
    QLabel *thumbnail(const QString &variableName) const; // images only
    FieldMessage *generalMessage() const { return m_general; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *modelCombo() const { return m_model; }

Q_SIGNALS:
    void changed();

private:
    struct Field
    {
        TemplateVariable variable;
        QWidget *editor = nullptr;
        FieldMessage *message = nullptr;
        QLabel *thumbnail = nullptr;
        QTimer *thumbnailTimer = nullptr;
        QPointer<MediaFetch> thumbnailFetch;
    };

    Field *field(const QString &variableName) const;
    QWidget *createEditor(Field *field, QWidget *parent);
    QString valueOf(const Field *field) const;
    void setValueOf(Field *field, const QString &value);
    void loadThumbnail(Field *field);
    void emitChanged();

    Engine *m_engine;
    CustomTemplate m_template;
    QLineEdit *m_name;
    QComboBox *m_model;
    QWidget *m_fieldsBox = nullptr;
    FieldMessage *m_general;
    QList<Field *> m_fields;
    QMap<QString, QString> m_extra; // values for names the template lacks (from a preset)
    bool m_setting = false;
};

} // namespace PreviewDeck

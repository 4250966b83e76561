#pragma once

#include "apitypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace PreviewDeck {

class Engine;
class FieldMessage;
class PersonaPicker;
class VoicePicker;
class StyleSelector;
struct ApiError;

// The choices of a preview request, with the documented values, and what they will cost
// shown live next to the balance before anything is sent.
class OptionsForm : public QWidget
{
    Q_OBJECT
public:
    explicit OptionsForm(Engine *engine, QWidget *parent = nullptr);

    // The request for this link, as the form stands.
    PreviewListRequest request(const QString &linkId, const QString &name) const;
    double cost() const;
    bool isComplete() const;
    void showError(const ApiError &error, FieldMessage *general);
    StyleSelector *styleSelector() const { return m_styles; }
    // What the choices cost, or what is missing first; the page places it where it stays seen.
    QLabel *costLabel() const { return m_cost; }
    // Without a product nothing can be chosen yet, and the cost line says so.
    void setProductReady(bool ready);

Q_SIGNALS:
    void changed();

private:
    void updateCost();

    Engine *m_engine;
    QComboBox *m_platform;
    QLineEdit *m_audience;
    QComboBox *m_language;
    QComboBox *m_length;
    QComboBox *m_aspect;
    QComboBox *m_scriptStyle;
    QComboBox *m_model;
    PersonaPicker *m_avatar;
    VoicePicker *m_voice;
    QCheckBox *m_noMusic;
    QCheckBox *m_noCaption;
    QCheckBox *m_noCta;
    QCheckBox *m_noBroll;
    QCheckBox *m_noEmotion;
    StyleSelector *m_styles;
    FieldMessage *m_stylesMessage;
    FieldMessage *m_aspectMessage;
    FieldMessage *m_lengthMessage;
    FieldMessage *m_languageMessage;
    QLabel *m_cost;
    bool m_productReady = false;
};

} // namespace PreviewDeck

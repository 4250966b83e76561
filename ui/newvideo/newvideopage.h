#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QScrollArea;

namespace PreviewDeck {

class Engine;
class FieldMessage;
class LinkStep;
class OptionsForm;

// "New video": the product link, the options and the visual styles, then "Generate previews".
class NewVideoPage : public QWidget
{
    Q_OBJECT
public:
    explicit NewVideoPage(Engine *engine, QWidget *parent = nullptr);

    LinkStep *linkStep() const { return m_linkStep; }
    OptionsForm *options() const { return m_options; }
    QPushButton *generateButton() const { return m_generate; }
    // A new video starts empty: no product, no styles ticked, at the top, typing the address.
    void startOver();

Q_SIGNALS:
    // The preview job was created on Creatify (or found after a lost answer).
    // `note` says what the user should know first (e.g. that earlier previews were reused).
    void previewsRequested(qint64 jobLocalId, const QString &note);

private:
    void generate();
    void updateGenerateButton();

    Engine *m_engine;
    LinkStep *m_linkStep;
    OptionsForm *m_options;
    QLineEdit *m_name;
    QPushButton *m_generate;
    FieldMessage *m_message;
    QWidget *m_optionsArea;
    QScrollArea *m_scroll = nullptr;
    bool m_submitting = false;
};

} // namespace PreviewDeck

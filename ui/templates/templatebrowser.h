#pragma once

#include "apitypes.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace PreviewDeck {

class Engine;
class FieldMessage;

// The account's custom templates (GET /api/custom_templates/): name, aspect ratio and a link
// to the template's preview video. Choosing one emits templateSelected; the variable
// definitions are loaded by whoever listens (they come only from GET …/{id}/).
class TemplateBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit TemplateBrowser(Engine *engine, QWidget *parent = nullptr);

    void refresh();
    bool isLoading() const { return m_loading; }
    const QList<CustomTemplate> &templates() const { return m_templates; }
    QString currentTemplateId() const;
    // Selects the template in the list (emits templateSelected when it changes).
    void selectTemplate(const QString &templateId);

    QListWidget *listWidget() const { return m_list; }
    QPushButton *refreshButton() const { return m_refresh; }

    static QString aspectRatioText(const QString &aspectRatio);

Q_SIGNALS:
    void templateSelected(const QString &templateId);
    void loaded(); // the list arrived, or could not be fetched (see the message)

private:
    void openPreview();

    Engine *m_engine;
    QListWidget *m_list;
    QPushButton *m_refresh;
    QPushButton *m_watch;
    FieldMessage *m_message;
    QList<CustomTemplate> m_templates;
    bool m_loading = false;
    bool m_rebuilding = false; // the list is refilled: selection changes are not the user's
};

} // namespace PreviewDeck

#pragma once

#include "apitypes.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace PreviewDeck {

class Engine;
class FieldMessage;
class SpendOperation;

// Step one of a new video: a product page address (or product data typed by hand) becomes a
// Creatify link, whose scraped title, description and images the user can fix before anything
// costs more.
class LinkStep : public QWidget
{
    Q_OBJECT
public:
    explicit LinkStep(Engine *engine, QWidget *parent = nullptr);

    bool hasLink() const { return !m_link.id.isEmpty(); }
    const Link &link() const { return m_link; }
    void setLink(const Link &link);
    void reset();
    QCheckBox *manualToggle() const { return m_manualToggle; }

Q_SIGNALS:
    void linkReady(const PreviewDeck::Link &link);
    void linkCleared();

private:
    void readProductPage();
    void createFromDetails();
    void saveEdits();
    // Shows a link purchase's outcome; true when the link was created.
    bool onLinkSpendFinished(SpendOperation *operation, const QMap<QString, FieldMessage *> &fields,
                             FieldMessage *general);
    void showEditor();
    void loadThumbnails();
    void setBusy(bool busy, const QString &message = QString());

    Engine *m_engine;
    Link m_link;
    QStackedWidget *m_pages;
    // Entry page
    QLineEdit *m_url;
    FieldMessage *m_urlMessage;
    QPushButton *m_readButton;
    QLineEdit *m_manualTitle;
    FieldMessage *m_manualTitleMessage;
    QPlainTextEdit *m_manualDescription;
    QPlainTextEdit *m_manualImages;
    FieldMessage *m_manualImagesMessage;
    QPushButton *m_createButton;
    FieldMessage *m_entryMessage;
    QCheckBox *m_manualToggle;
    bool m_busy = false;
    // Editor page
    QLabel *m_source; // the address the product was read from
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QListWidget *m_images;
    QPushButton *m_saveButton;
    FieldMessage *m_editorMessage;
};

} // namespace PreviewDeck

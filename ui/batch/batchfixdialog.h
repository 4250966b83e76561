#pragma once

#include "apitypes.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;

namespace PreviewDeck {

class FieldMessage;
struct BatchRow;

// A product whose page could not be read, entered by hand: title, description and the
// addresses of its pictures (one a line). Problems are said next to their field; nothing is
// sent until they are fixed.
class BatchFixDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BatchFixDialog(const BatchRow &row, QWidget *parent = nullptr);

    QLineEdit *titleField() const { return m_title; }
    QPlainTextEdit *descriptionField() const { return m_description; }
    QPlainTextEdit *imagesField() const { return m_images; }
    LinkParams product() const;

    void accept() override;

Q_SIGNALS:
    void productEntered(const PreviewDeck::LinkParams &product);

private:
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QPlainTextEdit *m_images;
    FieldMessage *m_titleMessage;
    FieldMessage *m_imagesMessage;
    FieldMessage *m_generalMessage;
};

} // namespace PreviewDeck

#pragma once

#include "batchimport.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace PreviewDeck {

class BatchRunner;
class Engine;
class FieldMessage;
class OptionsForm;

// "New batch": product addresses pasted one a line or read from a CSV/TSV file, the same
// options and styles as a single video (OptionsForm), what the whole batch costs next to the
// balance, and one confirmation before anything is spent.
class NewBatchPage : public QWidget
{
    Q_OBJECT
public:
    NewBatchPage(Engine *engine, BatchRunner *runner, QWidget *parent = nullptr);

    QPlainTextEdit *productsField() const { return m_products; }
    QLineEdit *nameField() const { return m_name; }
    OptionsForm *options() const { return m_options; }
    QPushButton *startButton() const { return m_start; }
    FieldMessage *importMessage() const { return m_importMessage; }
    QLabel *costLabel() const { return m_cost; }
    const BatchImport::Result &imported() const { return m_import; }
    // Reads a CSV/TSV or text file into the products field (problems shown under it).
    bool openFile(const QString &path);
    void startOver();

Q_SIGNALS:
    void batchStarted(qint64 batchId);
    void confirmationShown(QWidget *box);
    // The file dialog of "Open a file…" is open (tests answer it).
    void fileDialogShown(QWidget *dialog);

private:
    void chooseFile();
    void reimport();
    // Shows what was made of the text (a count, the lines left out) and keeps it as the import.
    void showImport(const QString &text, const BatchImport::Result &result);
    void updateCost();
    void confirmStart();
    void start();

    Engine *m_engine;
    BatchRunner *m_runner;
    QLineEdit *m_name;
    QPlainTextEdit *m_products;
    QPushButton *m_openFile;
    FieldMessage *m_importMessage;
    OptionsForm *m_options;
    QLabel *m_cost;
    QPushButton *m_start;
    FieldMessage *m_message;
    QTimer *m_reimport;
    BatchImport::Result m_import;
};

} // namespace PreviewDeck

#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QTimer;

namespace PreviewDeck {

struct SpendQuestion;

class BatchBoard;
class BatchRunner;
class Engine;
class FieldMessage;
struct Batch;

// One batch: its header ("37 of 40 previews ready · 9 picked"), the board of its previews, and
// rendering the picks, with the progress of the whole and of each product. Everything shown is
// read from the store (re-read when the batch, its jobs, renders or downloads change); the
// runner does the work.
class BatchPage : public QWidget
{
    Q_OBJECT
public:
    BatchPage(Engine *engine, BatchRunner *runner, QWidget *parent = nullptr);

    bool openBatch(qint64 batchId);
    qint64 batchId() const { return m_batchId; }
    BatchBoard *board() const { return m_board; }
    QPushButton *renderButton() const { return m_render; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *summaryLabel() const { return m_summary; }
    QProgressBar *progressBar() const { return m_progress; }

Q_SIGNALS:
    // A spend confirmation (rendering the picks, trying a row again) is open (for tests and
    // screenshots).
    void renderConfirmationShown(QWidget *box);
    // The file dialog of "Export report…" is open (tests answer it).
    void fileDialogShown(QWidget *dialog);

private:
    void refresh();
    void scheduleRefresh();
    void confirmRender();
    void confirmRetry(int position);
    // The spend question, then `buy` on "yes"; the keys go back to the board either way.
    void askToSpend(const SpendQuestion &question, const std::function<void()> &buy);
    void exportReport();
    void fixRow(int position);
    void setPick(int position, const QString &visualStyle, bool picked);

    Engine *m_engine;
    BatchRunner *m_runner;
    qint64 m_batchId = 0;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_paused;
    QProgressBar *m_progress;
    QPushButton *m_render;
    QPushButton *m_export;
    QPushButton *m_openFolder;
    FieldMessage *m_message;
    BatchBoard *m_board;
    QTimer *m_refresh;
};

} // namespace PreviewDeck

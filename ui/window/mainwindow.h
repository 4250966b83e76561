#pragma once

#include <QMainWindow>

class QLabel;
class QTimer;
class QMessageBox;
class QSplitter;
class QStackedWidget;

namespace PreviewDeck {

class BatchPage;
class BatchRunner;
class Engine;
class HistoryModel;
class NewBatchPage;
class HistoryView;
class JobPage;
class NewVideoPage;
class TemplatePage;

// The window: the history on the left, a new video or one job on the right, the connection
// (sandbox or live), the balance and the network state in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Connection
    {
        bool sandbox = true;
        QString serverName; // shown in the status bar
    };

    // The batch runner belongs to the connection, with the engine it drives (not owned).
    MainWindow(Engine *engine, BatchRunner *batchRunner, const Connection &connection,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    NewVideoPage *newVideoPage() const { return m_newVideo; }
    // Created on first use: its web tiles are not needed until a job is shown.
    JobPage *jobPage();
    HistoryView *historyView() const { return m_history; }

    void showNewVideo();
    // File > New Video: an empty form, ready for an address.
    void startNewVideo();
    // File > Quit: asks first while a render or a download is running.
    void requestQuit();
    // With a tray icon, closing the window hides it instead of quitting.
    void setCloseToTray(bool closeToTray) { m_closeToTray = closeToTray; }
    void showTemplates();
    // File > New Batch: many products at once (created on first use).
    void startNewBatch();
    NewBatchPage *newBatchPage();
    BatchPage *batchPage();
    BatchRunner *batchRunner() const { return m_batchRunner; }
    void showBatch(qint64 batchId);
    // Created on first use, like the job page.
    TemplatePage *templatePage();
    // From the history: a template variant opens with the comparison it was made in (its
    // batch, on the template page); any other job on the job page.
    void openFromHistory(qint64 jobLocalId);
    void showJob(qint64 jobLocalId);
    // The job's previews with the keyboard in the grid, to pick another style to render.
    void renderAnother(qint64 jobLocalId);
    // Restores size, layout and the job shown last time.
    void restoreState();

Q_SIGNALS:
    void settingsRequested();
    void quitConfirmationShown(QMessageBox *box);
    // Closed by the window manager while a tray icon keeps the app running.
    void hiddenToTray();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void fitToScreen();
    void saveWindowState();
    void confirmRemove(qint64 jobLocalId);

    Engine *m_engine;
    HistoryModel *m_model;
    HistoryView *m_history;
    bool m_followsScreen = false;
    bool m_closeToTray = false;
    bool m_quitting = false;
    QStackedWidget *m_pages;
    NewVideoPage *m_newVideo;
    JobPage *m_jobPage = nullptr;
    TemplatePage *m_templatePage = nullptr;
    BatchRunner *m_batchRunner;
    NewBatchPage *m_newBatch = nullptr;
    BatchPage *m_batchPage = nullptr;
    QSplitter *m_splitter;
    QLabel *m_connectionBadge;
    QLabel *m_offline;
    // Why nothing moves for a while: a read of Creatify's state tried again, or a wait Creatify
    // asked for. One line, so the same fact is never said twice.
    QLabel *m_retrying;
    QTimer *m_waitOver; // hides the line when a wait Creatify asked for is over
    QLabel *m_balance;
};

} // namespace PreviewDeck

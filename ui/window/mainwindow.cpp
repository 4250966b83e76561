#include "window/mainwindow.h"

#include "apiclient.h"
#include "batch/batchboard.h"
#include "batch/batchpage.h"
#include "batch/newbatchpage.h"
#include "batchrunner.h"
#include "creditbalance.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "widgets/statustext.h"
#include "history/historymodel.h"
#include "history/historyview.h"
#include "grid/comparisongrid.h"
#include "render/jobpage.h"
#include "jobtracker.h"
#include "newvideo/newvideopage.h"
#include "newvideo/optionsform.h"
#include "spendguard.h"
#include "store.h"
#include "templates/templatepage.h"
#include "widgets/wheelguard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QTimer>
#include <QWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace PreviewDeck {

MainWindow::MainWindow(Engine *engine, BatchRunner *batchRunner, const Connection &connection,
                       QWidget *parent)
    : QMainWindow(parent),
      m_engine(engine),
      m_model(new HistoryModel(engine, this)),
      m_history(new HistoryView(m_model, this)),
      m_pages(new QStackedWidget(this)),
      m_newVideo(new NewVideoPage(engine, this)),
      m_batchRunner(batchRunner),
      m_splitter(new QSplitter(this)),
      m_connectionBadge(new QLabel(this)),
      m_offline(new QLabel(this)),
      m_retrying(new QLabel(this)),
      m_waitOver(new QTimer(this)),
      m_balance(new QLabel(this))
{
    setWindowTitle(connection.sandbox ? tr("PreviewDeck — Sandbox") : tr("PreviewDeck"));
    WheelGuard::install();
    m_pages->addWidget(m_newVideo);
    m_splitter->addWidget(m_history);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({280, 1000});
    setCentralWidget(m_splitter);

    // The badge says plainly whether credits are at stake.
    m_connectionBadge->setText(
            connection.sandbox ? tr("Sandbox — no credits are spent")
                               : tr("Live: %1 — spends credits").arg(connection.serverName));
    m_connectionBadge->setStyleSheet(
            connection.sandbox
                    ? QStringLiteral(
                            "QLabel { background: #2e7d32; color: white; padding: 2px 8px; "
                            "border-radius: 4px; }")
                    : QStringLiteral(
                            "QLabel { background: #b26a00; color: white; padding: 2px 8px; "
                            "border-radius: 4px; }"));
    m_connectionBadge->setToolTip(
            connection.sandbox
                    ? tr("The built-in sandbox imitates Creatify on this computer. Its credits "
                         "are pretend: nothing is charged to a Creatify account. Its jobs and "
                         "balance are kept between starts. Settings connects to your account.")
                    : tr("Connected to %1: previews and renders spend your Creatify credits "
                         "after you confirm the cost.")
                              .arg(connection.serverName));
    m_offline->setText(tr("Offline — retrying"));
    m_offline->hide();
    statusBar()->addWidget(m_connectionBadge);
    statusBar()->addWidget(m_offline);
    m_retrying->setObjectName(QStringLiteral("retryingStatus"));
    m_retrying->hide();
    statusBar()->addWidget(m_retrying, 1);
    statusBar()->addPermanentWidget(m_balance);
    // The engine refreshes the balance after every spend; the label only follows it.
    connect(m_engine->balance(), &CreditBalance::changed, this, [this](double credits) {
        m_balance->setText(tr("Balance: %1").arg(creditsText(credits)));
    });

    createActions();

    connect(m_newVideo, &NewVideoPage::previewsRequested, this,
            [this](qint64 jobId, const QString &note) {
                showJob(jobId);
                if (!note.isEmpty())
                    statusBar()->showMessage(note, 10000);
                m_engine->tracker()->poke();
                m_engine->balance()->refresh();
            });
    connect(m_history, &HistoryView::openRequested, this, &MainWindow::openFromHistory);
    // A batch's previews are its board.
    connect(m_history, &HistoryView::showPreviewsRequested, this, [this](qint64 jobLocalId) {
        if (const auto row = m_engine->store()->batchRowOfJob(jobLocalId))
            showBatch(row->batchId);
        else
            showJob(jobLocalId);
    });
    connect(m_history, &HistoryView::renderAnotherRequested, this, &MainWindow::renderAnother);
    connect(m_history, &HistoryView::retryDownloadRequested, this,
            [this](qint64 renderId) { m_engine->downloadRender(renderId); });
    connect(m_history, &HistoryView::removeRequested, this, &MainWindow::confirmRemove);
    connect(m_engine->client(), &ApiClient::offlineChanged, m_offline, &QLabel::setVisible);
    // Polling that fails goes on by itself; saying so explains why nothing moves meanwhile.
    // Said until a request gets through.
    connect(m_engine, &Engine::serverRetrying, this, [this](int delayMs, const ApiError &error) {
        m_waitOver->stop();
        m_retrying->setText(error.retryingMessage(delayMs));
        m_retrying->show();
    });
    connect(m_engine, &Engine::serverAnswering, m_retrying, &QLabel::hide);
    // A wait Creatify asked for holds every request, purchases too: said on the same line (a
    // read held by it says so again there, not a second time elsewhere), until it is over.
    m_waitOver->setSingleShot(true);
    connect(m_waitOver, &QTimer::timeout, m_retrying, &QLabel::hide);
    connect(m_engine->client(), &ApiClient::rateLimited, this, [this](int seconds) {
        m_retrying->setText(ApiError::waitMessage(seconds));
        m_retrying->show();
        m_waitOver->start(qMax(1, seconds) * 1000);
    });
    m_engine->balance()->refresh();
    showNewVideo();
    // The first thing a user types is a product address.
    if (auto *address = m_newVideo->findChild<QLineEdit *>(QStringLiteral("productUrl")))
        address->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newVideo = file->addAction(QIcon::fromTheme(QStringLiteral("document-new")),
                                        tr("&New Video"), this, &MainWindow::startNewVideo);
    newVideo->setShortcut(QKeySequence::New);
    QAction *fromTemplate = file->addAction(
            QIcon::fromTheme(QStringLiteral("document-new-from-template")),
            tr("New from &Template…"), this, &MainWindow::showTemplates);
    fromTemplate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction *newBatch = file->addAction(QIcon::fromTheme(QStringLiteral("document-multiple")),
                                        tr("New &Batch…"), this, &MainWindow::startNewBatch);
    newBatch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    file->addSeparator();
    QAction *quit = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")),
                                    tr("&Quit"), this, &MainWindow::requestQuit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *preferences = settings->addAction(QIcon::fromTheme(QStringLiteral("configure")),
                                               tr("&Configure PreviewDeck…"), this,
                                               &MainWindow::settingsRequested);
    // Only some desktops define a Preferences key; Ctrl+, is the common fallback.
    preferences->setShortcuts(QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                                      ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)}
                                      : QKeySequence::keyBindings(QKeySequence::Preferences));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(QIcon::fromTheme(QStringLiteral("edit-find")),
                                    tr("&Find in History"), this, [this] {
                                        m_history->filterEdit()->setFocus();
                                        m_history->filterEdit()->selectAll();
                                    });
    find->setShortcut(QKeySequence::Find);
    QAction *refresh = view->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")),
                                       tr("&Refresh"), this, [this] {
                                           m_engine->balance()->refresh();
                                           m_engine->tracker()->poke();
                                       });
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *close = file->addAction(tr("&Close Window"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About PreviewDeck"), this, [this] {
        auto *about = new QMessageBox(
                QMessageBox::Information, tr("About PreviewDeck"),
                tr("<b>PreviewDeck %1</b><p>Compare Creatify video previews side by side, render "
                   "the one you like and get the MP4.</p>")
                        .arg(QCoreApplication::applicationVersion()),
                QMessageBox::Ok, this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(newVideo);
    toolbar->addAction(fromTemplate);
    toolbar->addAction(newBatch);
    toolbar->addAction(preferences);
}

JobPage *MainWindow::jobPage()
{
    if (!m_jobPage) {
        m_jobPage = new JobPage(m_engine, this);
        m_pages->addWidget(m_jobPage);
    }
    return m_jobPage;
}

TemplatePage *MainWindow::templatePage()
{
    if (!m_templatePage) {
        m_templatePage = new TemplatePage(m_engine, this);
        m_pages->addWidget(m_templatePage);
    }
    return m_templatePage;
}

void MainWindow::showTemplates()
{
    m_pages->setCurrentWidget(templatePage());
}

void MainWindow::showNewVideo()
{
    m_pages->setCurrentWidget(m_newVideo);
}

void MainWindow::startNewVideo()
{
    m_newVideo->startOver();
    showNewVideo();
    if (auto *address = m_newVideo->findChild<QLineEdit *>(QStringLiteral("productUrl")))
        address->setFocus(Qt::ShortcutFocusReason);
}

NewBatchPage *MainWindow::newBatchPage()
{
    if (!m_newBatch) {
        m_newBatch = new NewBatchPage(m_engine, m_batchRunner, this);
        m_pages->addWidget(m_newBatch);
        connect(m_newBatch, &NewBatchPage::batchStarted, this, &MainWindow::showBatch);
    }
    return m_newBatch;
}

BatchPage *MainWindow::batchPage()
{
    if (!m_batchPage) {
        m_batchPage = new BatchPage(m_engine, m_batchRunner, this);
        m_pages->addWidget(m_batchPage);
    }
    return m_batchPage;
}

void MainWindow::startNewBatch()
{
    newBatchPage()->startOver();
    m_pages->setCurrentWidget(m_newBatch);
    m_newBatch->productsField()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::showBatch(qint64 batchId)
{
    if (!batchPage()->openBatch(batchId))
        return;
    m_pages->setCurrentWidget(m_batchPage);
    m_batchPage->board()->setFocus(Qt::OtherFocusReason);
    m_engine->balance()->refresh();
}

void MainWindow::openFromHistory(qint64 jobLocalId)
{
    if (const auto row = m_engine->store()->batchRowOfJob(jobLocalId)) {
        showBatch(row->batchId);
        m_history->selectJob(jobLocalId);
        return;
    }
    const auto batch = m_engine->store()->templateBatchOfJob(jobLocalId);
    if (batch && templatePage()->openBatch(batch->id)) {
        m_pages->setCurrentWidget(m_templatePage);
        m_history->selectJob(jobLocalId);
        return;
    }
    showJob(jobLocalId);
}

void MainWindow::showJob(qint64 jobLocalId)
{
    if (!m_engine->store()->job(jobLocalId))
        return;
    jobPage()->showJob(jobLocalId);
    m_pages->setCurrentWidget(m_jobPage);
    m_history->selectJob(jobLocalId);
}

void MainWindow::renderAnother(qint64 jobLocalId)
{
    // A batch's previews are its board: another style is picked there, and rendered with the
    // batch's other picks.
    if (const auto row = m_engine->store()->batchRowOfJob(jobLocalId)) {
        showBatch(row->batchId);
        if (m_pages->currentWidget() == m_batchPage)
            statusBar()->showMessage(
                    tr("Pick another style with P or Space, then press Render picks."), 10000);
        return;
    }
    showJob(jobLocalId);
    if (m_pages->currentWidget() != m_jobPage)
        return;
    m_jobPage->grid()->setFocus(Qt::OtherFocusReason);
    statusBar()->showMessage(tr("Pick another style and press Render on its preview."), 10000);
}

void MainWindow::confirmRemove(qint64 jobLocalId)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove from the list?"),
                                tr("The job is removed from this list. Videos already saved stay "
                                   "on disk, and nothing changes on Creatify."),
                                QMessageBox::Cancel, this);
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, jobLocalId] {
        if (box->clickedButton() != remove)
            return;
        if (m_jobPage && m_jobPage->jobLocalId() == jobLocalId)
            showNewVideo();
        m_engine->store()->removeJob(jobLocalId);
    });
    box->open();
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 820);
    fitToScreen(); // a size saved on a larger screen, or a high scale factor
    QMainWindow::restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    const qint64 lastJob = settings.value(QStringLiteral("window/lastJob")).toLongLong();
    if (lastJob > 0)
        showJob(lastJob);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    fitToScreen();
    // Once the window manager has put its frame around the window, fit again with the real one.
    QTimer::singleShot(200, this, &MainWindow::fitToScreen);
    if (windowHandle() && !m_followsScreen) {
        m_followsScreen = true;
        connect(windowHandle(), &QWindow::screenChanged, this, &MainWindow::fitToScreen);
    }
}

// A window opens no larger than the screen it is on (a size saved on a bigger screen, or a
// high scale factor); what does not fit scrolls inside its pages.
void MainWindow::fitToScreen()
{
    const QScreen *current = screen();
    if (!current)
        return;
    const QRect available = current->availableGeometry();
    // Until the window manager has framed the window its frame is unknown: allow for a title
    // bar and borders rather than spill past the screen by their height.
    QSize frame = frameGeometry().size() - geometry().size();
    if (frame.isNull() || frame.height() <= 0)
        frame = QSize(8, 40);
    const QSize room = available.size() - frame;
    if (width() > room.width() || height() > room.height())
        resize(qMin(width(), room.width()), qMin(height(), room.height()));
    // And where it stands: the whole frame inside the screen.
    const QSize outer = size() + frame;
    const QPoint fitted(qBound(available.left(), x(), available.right() + 1 - outer.width()),
                        qBound(available.top(), y(), available.bottom() + 1 - outer.height()));
    if (fitted != pos())
        move(fitted);
}

void MainWindow::requestQuit()
{
    Store *store = m_engine->store();
    const bool working = !store->unfinishedRenders().isEmpty()
            || !store->unfinishedDownloads().isEmpty();
    const auto quit = [this] {
        m_quitting = true;
        close();
        QCoreApplication::quit();
    };
    if (!working) {
        quit();
        return;
    }
    // Nothing is lost by quitting, but the user should know the video will come later.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit while a video is on its way?"),
                                tr("A render or a download is still running. Creatify finishes "
                                   "the render either way; PreviewDeck downloads it the next "
                                   "time it starts."),
                                QMessageBox::NoButton, this);
    QPushButton *quitButton = box->addButton(tr("&Quit"), QMessageBox::AcceptRole);
    QPushButton *stay = box->addButton(tr("&Keep Running"), QMessageBox::RejectRole);
    box->setDefaultButton(stay);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, quitButton, quit] {
        if (box->clickedButton() == quitButton)
            quit();
    });
    box->open();
    Q_EMIT quitConfirmationShown(box);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // The window manager's close button keeps the app in the tray, where it can finish and
    // download renders; File > Quit (or the tray's Quit) ends it.
    if (m_closeToTray && event->spontaneous() && !m_quitting) {
        saveWindowState();
        hide();
        event->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/lastJob"),
                      m_jobPage && m_pages->currentWidget() == m_jobPage ? m_jobPage->jobLocalId()
                                                                         : 0);
}

} // namespace PreviewDeck

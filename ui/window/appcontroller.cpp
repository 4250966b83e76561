#include "window/appcontroller.h"

#include "appsettings.h"
#include "credentialstore.h"
#include "engine.h"
#include "window/firstpaint.h"
#include "window/mainwindow.h"
#include "window/notifier.h"
#include "serverconnection.h"
#include "window/settingsdialog.h"
#include "widgets/wheelguard.h"

#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QSystemTrayIcon>
#include <QTimer>

namespace PreviewDeck {

namespace {
// A fixed port keeps the sandbox's preview addresses in the history valid between runs of the
// same session; any free port does when it is taken.
constexpr quint16 kPreferredSandboxPort = 47615;
} // namespace

AppController::AppController(const Options &options, QObject *parent)
    : QObject(parent),
      m_options(options),
      m_settings(new AppSettings(this)),
      m_credentials(new CredentialStore(this)),
      m_connection(new ServerConnection(m_settings, options.sandbox, this))
{
    WheelGuard::install(); // before any form exists
    connect(m_connection, &ServerConnection::opened, this, &AppController::onConnected);
    connect(m_connection, &ServerConnection::failed, this, &AppController::onConnectionFailed);
    connect(m_connection, &ServerConnection::closing, this, [this] {
        // Closing the last window would otherwise quit the application in the middle of
        // reconnecting; held until the new window shows.
        m_reconnecting = std::make_unique<QEventLoopLocker>();
        closeWindow();
    });
    connect(m_settings, &AppSettings::changed, this, [this](AppSettings::Key key) {
        if (key == AppSettings::Key::NotifyOnFinish && m_notifier)
            m_notifier->setEnabled(m_settings->notifyOnFinish());
    });
}

AppController::~AppController()
{
    disconnect(m_connection, nullptr, this, nullptr);
    closeWindow();
    m_connection->close(); // before the settings it follows go
}

Engine *AppController::engine() const
{
    return m_connection->engine();
}

void AppController::start()
{
    ConnectionRequest request;
    if (m_options.forceSandbox) {
        request.server = ConnectionRequest::Server::Sandbox;
    } else if (!m_options.apiBase.isEmpty()) {
        request.server = ConnectionRequest::Server::Custom;
        request.customBase = m_options.apiBase;
    }
    request.sandboxStepMs = m_options.sandboxStepMs;
    request.sandboxPort = kPreferredSandboxPort;
    request.dataDirectory = m_options.dataDirectory;
    request.memoryIfUnopenable = true; // a window without history beats no window
    m_connection->open(request);
}

void AppController::onConnected()
{
    showWindow();
    // Carrying on with unfinished work (renders, downloads, batches) can wait until the window
    // is up; the engine as context: a reconnect meanwhile resumes its own engine.
    QTimer::singleShot(0, engine(), [this] { m_connection->resumeWork(); });
    if (m_connection->fellBackToSandbox())
        openSettings(m_connection->keychainProblem().isEmpty()
                             ? tr("PreviewDeck has no API key yet, so it opened the built-in "
                                  "sandbox. Enter your Creatify API ID and key to work with your "
                                  "account.")
                             : m_connection->keychainProblem());
}

void AppController::onConnectionFailed(const QString &message)
{
    m_reconnecting.reset();
    QMessageBox::critical(nullptr, tr("PreviewDeck cannot start"), message);
    QCoreApplication::exit(1);
}

void AppController::showWindow()
{
    m_window = new MainWindow(
            engine(), m_connection->batchRunner(),
            MainWindow::Connection{m_connection->isSandbox(), m_connection->serverName()});
    m_window->setAttribute(Qt::WA_DeleteOnClose);
    m_window->setWindowIcon(QApplication::windowIcon());
    connect(m_window, &MainWindow::settingsRequested, this, [this] { openSettings(); });
    if (m_options.restoreWindowState)
        m_window->restoreState();
    if (!m_tray && QSystemTrayIcon::isSystemTrayAvailable())
        createTray();
    m_window->setCloseToTray(m_tray != nullptr);
    connect(m_window, &MainWindow::hiddenToTray, this, [this] {
        if (m_tray && !m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray->showMessage(tr("PreviewDeck keeps running"),
                                tr("Renders finish and download in the background. Quit from "
                                   "this icon's menu."),
                                QSystemTrayIcon::Information, 6000);
        }
    });
    delete m_notifier;
    m_notifier = new Notifier(engine(), m_tray, this);
    m_notifier->setEnabled(m_settings->notifyOnFinish());
    m_window->show();
    m_reconnecting.reset();
    Q_EMIT windowShown(m_window);
    if (qEnvironmentVariableIsSet("PREVIEWDECK_REPORT_READY")) {
        // For the start-up benchmark: the window is on screen and takes input.
        runAfterFirstPaint(m_window, [] {
            fputs("ready\n", stdout);
            fflush(stdout);
        });
    }
}

void AppController::createTray()
{
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_tray->setToolTip(QStringLiteral("PreviewDeck"));
    auto *menu = new QMenu();
    connect(m_tray, &QObject::destroyed, menu, &QObject::deleteLater);
    menu->addAction(tr("&Show PreviewDeck"), this, &AppController::raiseWindow);
    menu->addAction(tr("&New Video"), this, [this] {
        raiseWindow();
        if (m_window)
            m_window->startNewVideo();
    });
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, [this] {
        if (!m_window) {
            QCoreApplication::quit();
            return;
        }
        raiseWindow(); // the question, if any, needs its window
        m_window->requestQuit();
    });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    raiseWindow();
            });
    m_tray->show();
}

void AppController::raiseWindow()
{
    if (!m_window)
        return;
    // Un-minimised, but a maximised window stays maximised (showNormal() would not).
    m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void AppController::recreateWindow()
{
    m_reconnecting = std::make_unique<QEventLoopLocker>();
    if (m_window) {
        m_window->close(); // saves its state; deletes itself
    }
    showWindow();
}

void AppController::openSettings(const QString &why)
{
    if (!m_window)
        return;
    auto *dialog = new SettingsDialog(m_settings, m_credentials, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!why.isEmpty())
        dialog->showNotice(why);
    // The engine follows the other settings by itself; a new key is not a setting.
    connect(dialog, &SettingsDialog::connectionChanged, m_connection, &ServerConnection::reconnect);
    dialog->open();
}

void AppController::closeWindow()
{
    if (m_window)
        m_window->close(); // saves its state
    delete m_window;
    delete m_notifier;
    m_notifier = nullptr;
}

} // namespace PreviewDeck

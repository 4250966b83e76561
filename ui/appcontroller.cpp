#include "appcontroller.h"

#include "apiclient.h"
#include "appsettings.h"
#include "credentialstore.h"
#include "engine.h"
#include "firstpaint.h"
#include "jobtracker.h"
#include "mainwindow.h"
#include "notifier.h"
#include "sandboxserver.h"
#include "settingsdialog.h"
#include "wheelguard.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>
#include <QMenu>
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
      m_credentials(new CredentialStore(this))
{
    WheelGuard::install(); // before any form exists
}

AppController::~AppController()
{
    teardown();
}

void AppController::start()
{
    if (m_options.forceSandbox) {
        connectWith(ApiCredentials(), false);
        return;
    }
    const bool needsKey = !m_options.apiBase.isEmpty()
            || m_settings->apiMode() != AppSettings::ApiMode::Sandbox;
    if (!needsKey) {
        connectWith(ApiCredentials(), false);
        return;
    }
    auto *store = new CredentialStore(this);
    connect(store, &CredentialStore::loaded, this,
            [this, store](const ApiCredentials &credentials, CredentialSource) {
                store->deleteLater();
                connectWith(credentials, credentials.isEmpty());
            });
    connect(store, &CredentialStore::failed, this, [this, store](const CredentialError &error) {
        store->deleteLater();
        connectWith(ApiCredentials(), true, error.message());
    });
    store->load();
}

void AppController::connectWith(const ApiCredentials &credentials, bool credentialsMissing,
                                const QString &keychainProblem)
{
    QUrl base = m_options.apiBase;
    if (base.isEmpty() && !m_options.forceSandbox)
        base = m_settings->effectiveApiBase(); // empty: the sandbox
    m_usingSandbox = m_options.forceSandbox || base.isEmpty() || credentialsMissing;

    if (m_usingSandbox) {
        m_sandbox = new Sandbox::SandboxServer(this);
        m_sandbox->setStepIntervalMs(m_options.sandboxStepMs);
        // The sandbox keeps its workspace in the profile like a real account: links, jobs,
        // renders and balance are there after a restart, at the same address.
        QDir().mkpath(dataDirectory());
        m_sandbox->setStateFile(dataDirectory() + QLatin1String("/sandbox-state.json"));
        const quint16 port = m_sandbox->rememberedPort() ? m_sandbox->rememberedPort()
                                                         : kPreferredSandboxPort;
        if (!m_sandbox->listen(QHostAddress::LocalHost, port))
            m_sandbox->listen(QHostAddress::LocalHost, 0);
        buildEngine(m_sandbox->baseUrl(), ApiCredentials(m_sandbox->apiId(), m_sandbox->apiKey()),
                    QStringLiteral("sandbox"));
        m_serverName = tr("Sandbox");
    } else {
        const QString profile = base == AppSettings::liveApiBase() ? QStringLiteral("live")
                                                                   : QLatin1String("server-")
                        + QString::fromLatin1(QCryptographicHash::hash(base.toString().toUtf8(),
                                                                       QCryptographicHash::Sha1)
                                                      .toHex()
                                                      .left(10));
        buildEngine(base, credentials, profile);
        m_serverName = base.host();
    }
    showWindow(m_usingSandbox, m_serverName);
    if (credentialsMissing && !m_options.forceSandbox)
        openSettings(keychainProblem.isEmpty()
                             ? tr("PreviewDeck has no API key yet, so it opened the built-in "
                                  "sandbox. Enter your Creatify API ID and key to work with your "
                                  "account.")
                             : keychainProblem);
}

QString AppController::dataDirectory() const
{
    return m_options.dataDirectory.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            : m_options.dataDirectory;
}

void AppController::buildEngine(const QUrl &base, const ApiCredentials &credentials,
                                const QString &profile)
{
    m_engine = new Engine(this);
    m_engine->client()->setBaseUrl(base);
    m_engine->client()->setCredentials(credentials.apiId(), credentials.apiKey());
    m_engine->setDownloadDirectory(m_settings->downloadDirectory());
    m_engine->setFileNamePattern(m_settings->fileNamePattern());
    m_engine->setAutoDownload(m_settings->autoDownload());
    const int intervalMs = m_usingSandbox ? qMin(1000, m_options.sandboxStepMs)
                                          : m_settings->pollIntervalSeconds() * 1000;
    m_engine->tracker()->setBaseIntervalMs(intervalMs);
    m_engine->tracker()->setMaxIntervalMs(qMax(intervalMs, 60000));
    const QString dataDir = dataDirectory();
    QString error;
    if (!m_engine->open(dataDir + QLatin1Char('/') + profile + QLatin1String(".sqlite"), &error)) {
        qWarning("%s", qPrintable(error));
        m_engine->open(QStringLiteral(":memory:"));
    }
    // Carrying on with unfinished work can wait until the window is up.
    QTimer::singleShot(0, m_engine, &Engine::resume);
}

void AppController::showWindow(bool sandbox, const QString &serverName)
{
    m_window = new MainWindow(m_engine, MainWindow::Connection{sandbox, serverName});
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
    m_notifier = new Notifier(m_engine, m_tray, this);
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
    showWindow(m_usingSandbox, m_serverName);
}

void AppController::openSettings(const QString &why)
{
    if (!m_window)
        return;
    auto *dialog = new SettingsDialog(m_settings, m_credentials, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!why.isEmpty())
        dialog->showNotice(why);
    connect(dialog, &SettingsDialog::accepted, this, [this] {
        m_engine->setDownloadDirectory(m_settings->downloadDirectory());
        m_engine->setFileNamePattern(m_settings->fileNamePattern());
        m_engine->setAutoDownload(m_settings->autoDownload());
        if (m_notifier)
            m_notifier->setEnabled(m_settings->notifyOnFinish());
    });
    connect(dialog, &SettingsDialog::connectionChanged, this, [this] {
        // Rebuilt from the event loop, once the dialog is gone.
        QTimer::singleShot(0, this, [this] {
            m_options.forceSandbox = false;
            m_options.apiBase = QUrl();
            m_reconnecting = std::make_unique<QEventLoopLocker>();
            teardown();
            start();
        });
    });
    dialog->open();
}

void AppController::teardown()
{
    if (m_window)
        m_window->close();
    delete m_window;
    delete m_notifier;
    m_notifier = nullptr;
    delete m_engine;
    m_engine = nullptr;
    delete m_sandbox;
    m_sandbox = nullptr;
}

} // namespace PreviewDeck

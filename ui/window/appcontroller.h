#pragma once

#include "window/mainwindow.h"

#include <QEventLoopLocker>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QSystemTrayIcon;

namespace PreviewDeck {

class AppSettings;
class CredentialStore;
class Engine;
class MainWindow;
class Notifier;
class SandboxStarter;
class ServerConnection;

// The desktop application around the window: the window on the engine ServerConnection opened
// (the built-in sandbox, live Creatify or another server), the tray and the Settings dialog. A
// new window comes up when the connection is rebuilt (a new server or key in Settings).
class AppController : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool forceSandbox = false; // --sandbox
        QUrl apiBase; // --api-base
        int sandboxStepMs = 1500; // a demo's pace: each job step takes this long
        QString dataDirectory; // empty: the XDG data location
        bool restoreWindowState = true;
        // Starts the built-in sandbox (app/gui supplies one, tests their own); not owned.
        SandboxStarter *sandbox = nullptr;
    };

    explicit AppController(const Options &options, QObject *parent = nullptr);
    ~AppController() override;

    void start();

    MainWindow *window() const { return m_window; }
    Engine *engine() const;
    ServerConnection *connection() const { return m_connection; }
    AppSettings *settings() const { return m_settings; }
    Notifier *notifier() const { return m_notifier; }
    // Rebuilds the window (keeping the engine), e.g. to check what survives a new window.
    void recreateWindow();

Q_SIGNALS:
    void windowShown(PreviewDeck::MainWindow *window);

private:
    void onConnected();
    void onConnectionFailed(const QString &message);
    void showWindow();
    void openSettings(const QString &why = QString());
    void closeWindow();
    void createTray();
    void raiseWindow();

    Options m_options;
    AppSettings *m_settings;
    CredentialStore *m_credentials;
    ServerConnection *m_connection;
    QPointer<MainWindow> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    Notifier *m_notifier = nullptr;
    // Held from closing the old window until the new one shows: closing the last window
    // would otherwise quit the application in the middle of reconnecting.
    std::unique_ptr<QEventLoopLocker> m_reconnecting;
    bool m_toldAboutTray = false;
};

} // namespace PreviewDeck

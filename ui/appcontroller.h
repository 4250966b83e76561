#pragma once

#include "apicredentials.h"
#include "mainwindow.h"

#include <QEventLoopLocker>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QSystemTrayIcon;

namespace Sandbox {
class SandboxServer;
}

namespace PreviewDeck {

class AppSettings;
class CredentialStore;
class Engine;
class MainWindow;
class Notifier;

// Builds the application from the settings: the built-in sandbox or the live API (or another
// server), the engine on the history of that connection, and the window. Rebuilds them when
// the connection is changed in Settings.
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
    };

    explicit AppController(const Options &options, QObject *parent = nullptr);
    ~AppController() override;

    void start();

    MainWindow *window() const { return m_window; }
    Engine *engine() const { return m_engine; }
    Sandbox::SandboxServer *sandbox() const { return m_sandbox; }
    AppSettings *settings() const { return m_settings; }
    Notifier *notifier() const { return m_notifier; }
    // Rebuilds the window (keeping the engine), e.g. to check what survives a new window.
    void recreateWindow();

Q_SIGNALS:
    void windowShown(PreviewDeck::MainWindow *window);

private:
    // keychainProblem: why the key could not be read, shown in Settings instead of "no key yet".
    void connectWith(const ApiCredentials &credentials, bool credentialsMissing,
                     const QString &keychainProblem = QString());
    void buildEngine(const QUrl &base, const ApiCredentials &credentials, const QString &profile);
    void showWindow(bool sandbox, const QString &serverName);
    void openSettings(const QString &why = QString());
    void teardown();
    void createTray();
    void raiseWindow();
    QString dataDirectory() const; // the profile's history and the sandbox's workspace

    Options m_options;
    AppSettings *m_settings;
    CredentialStore *m_credentials;
    QPointer<MainWindow> m_window;
    Engine *m_engine = nullptr;
    Sandbox::SandboxServer *m_sandbox = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    Notifier *m_notifier = nullptr;
    bool m_usingSandbox = true;
    QString m_serverName;
    // Held from closing the old window until the new one shows: closing the last window
    // would otherwise quit the application in the middle of reconnecting.
    std::unique_ptr<QEventLoopLocker> m_reconnecting;
    bool m_toldAboutTray = false;
};

} // namespace PreviewDeck

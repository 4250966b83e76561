#pragma once

#include "appsettings.h"
#include "connectionrequest.h"
#include "credentialstore.h"

#include <QObject>
#include <QString>
#include <QUrl>

namespace PreviewDeck {

class BatchRunner;
class Engine;
class SandboxStarter;

// The one way the GUI and the CLI connect: resolves the key (CREATIFY_API_ID/KEY, then the
// keychain), chooses the sandbox, live Creatify or another server, starts the sandbox through
// the starter its composition root supplies, names the server's profile and history, and
// builds the Engine on it, with the BatchRunner that drives batches of products on that engine
// (one per engine, whatever window or command shows them). While open it follows AppSettings: a new
// download folder, file name pattern, auto-download or poll interval reaches the running engine at
// once, and only a new server (or a new key, through reconnect()) rebuilds it.
class ServerConnection : public QObject
{
    Q_OBJECT
public:
    // settings and sandbox are not owned; sandbox may be null in a build without one.
    ServerConnection(AppSettings *settings, SandboxStarter *sandbox, QObject *parent = nullptr);
    ~ServerConnection() override;

    // Ends with opened() or failed(); before returning when nothing needs waiting for (the
    // sandbox on a free port, or a key in the environment), later otherwise (a keychain read,
    // the sandbox's port still held by the run before).
    void open(const ConnectionRequest &request);
    // From the event loop: closing(), then open() again on the server the settings name now
    // (the user chose there, over the command line). Several calls in a row reconnect once.
    void reconnect();
    // closing(), then the batch runner and the engine are deleted and the sandbox stopped.
    void close();
    // Carries on what was under way when the engine was last closed: renders and downloads
    // (Engine::resume) and every batch (the runner buys nothing twice). The desktop does this
    // once its window is up; a CLI command carries on only what it is asked about.
    void resumeWork();

    Engine *engine() const { return m_engine; }
    // Created and deleted with the engine; null while there is none.
    BatchRunner *batchRunner() const { return m_batchRunner; }
    bool isSandbox() const { return m_sandbox; }
    QString serverName() const { return m_serverName; } // "Sandbox" or the server's host
    QString profile() const { return m_profile; }
    QString databasePath() const { return m_databasePath; }
    QString sandboxStateFile() const { return m_sandboxStateFile; } // empty: not kept
    CredentialSource credentialSource() const { return m_credentialSource; }
    // The server chosen needed a key and none was found, so the sandbox opened instead.
    bool fellBackToSandbox() const { return m_fellBackToSandbox; }
    // Why the keychain could not be read, in a sentence for the user; empty when it could.
    QString keychainProblem() const { return m_keychainProblem; }

Q_SIGNALS:
    void opened();
    void failed(const QString &message);
    // The engine is about to be deleted: let go of everything that uses it.
    void closing();

private:
    QUrl chosenServer() const; // empty: the sandbox
    void connectTo(QUrl base, ApiCredentials credentials, CredentialSource source);
    // Ends with build(), or fail(): at once, or once the sandbox's port is let go.
    void startSandbox();
    // The engine and the batch runner on that server; opened().
    void build(const QUrl &base, const ApiCredentials &credentials);
    void fail(const QString &message);
    void applySetting(AppSettings::Key key);
    void applyPolling();

    AppSettings *m_settings;
    SandboxStarter *m_starter;
    ConnectionRequest m_request;
    Engine *m_engine = nullptr;
    BatchRunner *m_batchRunner = nullptr;
    bool m_sandbox = false;
    bool m_fellBackToSandbox = false;
    QString m_serverName;
    QString m_profile;
    QString m_databasePath;
    QString m_sandboxStateFile;
    QString m_keychainProblem;
    CredentialSource m_credentialSource = CredentialSource::None;
    // The settings' server when this connection was opened: a change of it reconnects.
    AppSettings::ApiMode m_openedMode = AppSettings::ApiMode::Sandbox;
    QUrl m_openedBase;
    int m_attempt = 0; // a keychain answer for an earlier open() is dropped
    bool m_reconnectPending = false;
};

} // namespace PreviewDeck

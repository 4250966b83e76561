#include "serverconnection.h"

#include "apiclient.h"
#include "batchrunner.h"
#include "connectionprofile.h"
#include "engine.h"
#include "jobtracker.h"
#include "sandboxstarter.h"
#include "store.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

Q_LOGGING_CATEGORY(lcConnection, "previewdeck.connection", QtInfoMsg)

namespace PreviewDeck {

namespace {
// The job tracker's pace on the sandbox for a script: its steps are quick (300 ms by default).
constexpr int kScriptSandboxPollMs = 200;
constexpr int kScriptSandboxMaxPollMs = 2000;
// The longest the desktop lets a quiet job wait between looks, whatever the setting.
constexpr int kDesktopMaxPollMs = 60000;
const QString kInMemory = QStringLiteral(":memory:");
} // namespace

ServerConnection::ServerConnection(AppSettings *settings, SandboxStarter *sandbox, QObject *parent)
    : QObject(parent), m_settings(settings), m_starter(sandbox)
{
    connect(m_settings, &AppSettings::changed, this, &ServerConnection::applySetting);
}

ServerConnection::~ServerConnection()
{
    close();
}

void ServerConnection::open(const ConnectionRequest &request)
{
    close();
    m_request = request;
    const int attempt = ++m_attempt;
    m_keychainProblem.clear();
    m_openedMode = m_settings->apiMode();
    m_openedBase = m_settings->effectiveApiBase();

    const QUrl base = chosenServer();
    if (base.isEmpty()) {
        connectTo(QUrl(), ApiCredentials(), CredentialSource::None);
        return;
    }
    // The environment first, without waiting for the keychain (a script's key, a CI secret).
    const ApiCredentials fromEnvironment = CredentialStore::fromEnvironment();
    if (!fromEnvironment.isEmpty()) {
        connectTo(base, fromEnvironment, CredentialSource::Environment);
        return;
    }
    auto *keychain = m_request.credentialEntryKey.isEmpty()
            ? new CredentialStore(this)
            : new CredentialStore(m_request.credentialEntryKey, this);
    connect(keychain, &CredentialStore::loaded, this,
            [this, keychain, attempt, base](const ApiCredentials &found, CredentialSource source) {
                keychain->deleteLater();
                if (attempt == m_attempt)
                    connectTo(base, found, source);
            });
    connect(keychain, &CredentialStore::failed, this,
            [this, keychain, attempt, base](const CredentialError &error) {
                keychain->deleteLater();
                if (attempt != m_attempt)
                    return;
                m_keychainProblem = error.message();
                connectTo(base, ApiCredentials(), CredentialSource::None);
            });
    keychain->load();
}

QUrl ServerConnection::chosenServer() const
{
    switch (m_request.server) {
    case ConnectionRequest::Server::Sandbox:
        return QUrl();
    case ConnectionRequest::Server::Live:
        return ApiClient::liveApiBase();
    case ConnectionRequest::Server::Custom:
        return m_request.customBase;
    case ConnectionRequest::Server::FromSettings:
        break;
    }
    return m_settings->effectiveApiBase();
}

void ServerConnection::connectTo(QUrl base, ApiCredentials credentials, CredentialSource source)
{
    m_fellBackToSandbox = false;
    if (!base.isEmpty() && credentials.isEmpty()) {
        if (!m_request.sandboxWithoutKey) {
            fail(tr("No API credentials: set CREATIFY_API_ID and CREATIFY_API_KEY, or save them "
                    "in PreviewDeck's settings."));
            return;
        }
        m_fellBackToSandbox = true;
        base = QUrl();
    }
    m_sandbox = base.isEmpty();
    m_credentialSource = m_sandbox ? CredentialSource::None : source;
    const QString dataDirectory = m_request.dataDirectory.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            : m_request.dataDirectory;
    m_profile = m_sandbox ? ConnectionProfile::sandboxName() : ConnectionProfile::nameFor(base);
    m_databasePath = m_request.databasePath;
    if (m_databasePath.isEmpty()) {
        // The demo's sandbox starts afresh each time and leaves nothing behind.
        const bool inMemory = m_sandbox && !m_request.sandboxKeepsWorkspace;
        m_databasePath = inMemory ? kInMemory
                                  : ConnectionProfile::databasePath(dataDirectory, m_profile);
    }
    if (m_databasePath != kInMemory)
        QDir().mkpath(QFileInfo(m_databasePath).absolutePath());
    m_sandboxStateFile.clear();

    if (m_sandbox) {
        startSandbox();
        return;
    }
    m_serverName = base.host();
    build(base, credentials);
}

void ServerConnection::build(const QUrl &base, const ApiCredentials &credentials)
{
    m_engine = new Engine(this);
    m_engine->client()->setBaseUrl(base);
    m_engine->client()->setCredentials(credentials.apiId(), credentials.apiKey());
    applySetting(AppSettings::Key::DownloadDirectory);
    applySetting(AppSettings::Key::FileNamePattern);
    applySetting(AppSettings::Key::AutoDownload);
    applyPolling();
    QString error;
    if (!m_engine->open(m_databasePath, &error)) {
        if (!m_request.memoryIfUnopenable) {
            fail(error);
            return;
        }
        qCWarning(lcConnection).noquote() << error << "- keeping this session's work in memory";
        m_databasePath = kInMemory;
        if (!m_engine->open(m_databasePath, &error)) {
            fail(error);
            return;
        }
    }
    // The sandbox may answer on another port than last time (it was taken): the history's
    // addresses on it follow, so saved previews load. A real server has a profile per address.
    if (m_sandbox && !m_engine->store()->followServerOrigin(base))
        qCWarning(lcConnection) << "could not move the history's addresses to" << base;
    m_batchRunner = new BatchRunner(m_engine, this);
    qCInfo(lcConnection).noquote() << "connected to" << base.toString() << "profile" << m_profile
                                   << "history" << m_databasePath;
    Q_EMIT opened();
}

void ServerConnection::startSandbox()
{
    if (!m_starter) {
        fail(tr("This build of PreviewDeck has no built-in sandbox."));
        return;
    }
    SandboxStarter::Request request;
    request.stepMs = m_request.sandboxStepMs;
    request.preferredPort = m_request.sandboxPort;
    // The sandbox keeps its workspace in the profile like a real account: links, jobs, renders
    // and balance are there after a restart, at the same address.
    if (m_request.sandboxKeepsWorkspace && m_databasePath != kInMemory)
        request.stateFile = ConnectionProfile::sandboxStateFile(m_databasePath);
    const int attempt = m_attempt;
    m_starter->start(request,
                     [this, attempt, stateFile = request.stateFile](
                             bool ok, const SandboxStarter::Started &started, const QString &error) {
                         if (attempt != m_attempt)
                             return; // closed, or opened again, while it waited for its port
                         if (!ok) {
                             fail(error);
                             return;
                         }
                         m_sandboxStateFile = stateFile;
                         m_serverName = tr("Sandbox");
                         build(started.baseUrl, started.credentials);
                     });
}

void ServerConnection::fail(const QString &message)
{
    close();
    Q_EMIT failed(message);
}

void ServerConnection::reconnect()
{
    if (m_reconnectPending)
        return;
    m_reconnectPending = true;
    // From the event loop: the caller (a dialog, a settings signal) may still use the engine.
    QTimer::singleShot(0, this, [this] {
        m_reconnectPending = false;
        ConnectionRequest request = m_request;
        request.server = ConnectionRequest::Server::FromSettings;
        open(request);
    });
}

void ServerConnection::close()
{
    ++m_attempt; // a keychain answer still on its way is for nothing now
    if (m_engine) {
        Q_EMIT closing();
        delete m_batchRunner; // before the engine it drives
        m_batchRunner = nullptr;
        delete m_engine;
        m_engine = nullptr;
    }
    if (m_sandbox && m_starter)
        m_starter->stop();
    m_sandbox = false;
}

void ServerConnection::resumeWork()
{
    if (!m_engine)
        return;
    m_engine->resume();
    const QList<Batch> batches = m_engine->store()->batches();
    for (const Batch &batch : batches)
        m_batchRunner->run(batch.id);
}

void ServerConnection::applySetting(AppSettings::Key key)
{
    switch (key) {
    case AppSettings::Key::ApiMode:
    case AppSettings::Key::CustomApiBase:
        // Setting the mode and the address arrive one by one; reconnect() makes them one.
        if (m_settings->apiMode() != m_openedMode || m_settings->effectiveApiBase() != m_openedBase)
            reconnect();
        return;
    case AppSettings::Key::NotifyOnFinish:
        return; // the desktop's notifications, not the engine's
    default:
        break;
    }
    if (!m_engine)
        return;
    switch (key) {
    case AppSettings::Key::DownloadDirectory:
        m_engine->setDownloadDirectory(
                m_request.downloadDirectory.value_or(m_settings->downloadDirectory()));
        break;
    case AppSettings::Key::FileNamePattern:
        m_engine->setFileNamePattern(m_settings->fileNamePattern());
        break;
    case AppSettings::Key::AutoDownload:
        m_engine->setAutoDownload(m_request.autoDownload.value_or(m_settings->autoDownload()));
        break;
    case AppSettings::Key::PollInterval:
        if (m_request.polling == ConnectionRequest::Polling::FollowSettings && !m_sandbox) {
            applyPolling();
            m_engine->tracker()->poke(); // the next look at the new pace, not the old one's
        }
        break;
    default:
        break;
    }
}

void ServerConnection::applyPolling()
{
    int intervalMs = 0;
    int maxIntervalMs = 0;
    if (m_request.polling == ConnectionRequest::Polling::Script) {
        if (!m_sandbox)
            return; // the tracker's own pace
        intervalMs = kScriptSandboxPollMs;
        maxIntervalMs = kScriptSandboxMaxPollMs;
    } else {
        intervalMs = m_sandbox ? qMin(1000, m_request.sandboxStepMs)
                               : m_settings->pollIntervalSeconds() * 1000;
        maxIntervalMs = qMax(intervalMs, kDesktopMaxPollMs);
    }
    m_engine->tracker()->setBaseIntervalMs(intervalMs);
    m_engine->tracker()->setMaxIntervalMs(maxIntervalMs);
}

} // namespace PreviewDeck

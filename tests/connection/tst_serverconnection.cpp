// The one connection set-up: which key, which server, which profile, and settings followed live.

#include "accountjobs.h"
#include "apiclient.h"
#include "appsettings.h"
#include "connectionprofile.h"
#include "credentialstore.h"
#include "embeddedsandbox.h"
#include "engine.h"
#include "jobtracker.h"
#include "sandboxserver.h"
#include "serverconnection.h"
#include "spendguard.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace PreviewDeck;

namespace {

// Hands every request on to the real embedded sandbox and remembers what was asked for.
class RecordingStarter final : public SandboxStarter
{
public:
    void start(const Request &request, const Done &done) override
    {
        requests << request;
        sandbox.start(request, done);
    }
    void stop() override
    {
        ++stops;
        sandbox.stop();
    }

    EmbeddedSandbox sandbox;
    QList<Request> requests;
    int stops = 0;
};

// Whether the server accepts the engine's key: a credits request answered 200.
bool serverAcceptsKey(Engine *engine)
{
    auto *job = new GetCreditsJob(engine->client());
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    job->start();
    const bool ok = finished.wait(10000) && job->succeeded();
    delete job;
    return ok;
}

void setEnvironmentKey(const ApiCredentials &credentials)
{
    qputenv("CREATIFY_API_ID", credentials.apiId().toUtf8());
    qputenv("CREATIFY_API_KEY", credentials.apiKey().toUtf8());
}

} // namespace

class TestServerConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void profileNamesAndDatabasesAreStable();
    void earlierCliSandboxWorkspaceIsMovedBesideItsHistory();
    void sandboxStartsThroughTheStarterWithItsStateInTheProfile();
    void sandboxWaitsForItsPortWithoutBlocking();
    void withoutAStarterTheSandboxFailsInASentence();
    void noKeyFallsBackToTheSandboxOrFails();
    void environmentKeyWinsOverTheKeychain();
    void settingsReachTheRunningEngineWithoutReconnecting();
    void overriddenSettingsStayOverridden();
    void changingTheServerReconnects();

private:
    QString dataDir() const
    {
        return m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<Sandbox::SandboxServer> m_server; // "another server"
};

void TestServerConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestServerConnection::init()
{
    m_settings = std::make_unique<AppSettings>(m_dir.filePath(
            QString::fromLatin1(QTest::currentTestFunction()) + QLatin1String(".ini")));
    m_server = std::make_unique<Sandbox::SandboxServer>();
    m_server->setCredentials(QStringLiteral("server-id"), QStringLiteral("server-key-7c1d"));
    QVERIFY(m_server->listen());
    qunsetenv("CREATIFY_API_ID");
    qunsetenv("CREATIFY_API_KEY");
}

void TestServerConnection::cleanup()
{
    qunsetenv("CREATIFY_API_ID");
    qunsetenv("CREATIFY_API_KEY");
    m_server.reset();
    m_settings.reset();
}

void TestServerConnection::profileNamesAndDatabasesAreStable()
{
    // A user's history is found by these names: they must not change between versions.
    QCOMPARE(ConnectionProfile::nameFor(QUrl(QStringLiteral("https://api.creatify.ai"))),
             QStringLiteral("live"));
    QCOMPARE(ConnectionProfile::nameFor(QUrl(QStringLiteral("http://127.0.0.1:8765"))),
             QStringLiteral("server-9c35ff7e52"));
    QCOMPARE(ConnectionProfile::sandboxName(), QStringLiteral("sandbox"));
    QCOMPARE(ConnectionProfile::databasePath(QStringLiteral("/data"), QStringLiteral("live")),
             QStringLiteral("/data/live.sqlite"));

    // Opened on another server: its own profile and database in the data directory.
    setEnvironmentKey(ApiCredentials(m_server->apiId(), m_server->apiKey()));
    ServerConnection connection(m_settings.get(), nullptr);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Custom;
    request.customBase = m_server->baseUrl();
    request.dataDirectory = dataDir();
    QSignalSpy opened(&connection, &ServerConnection::opened);
    connection.open(request);
    QCOMPARE(opened.count(), 1);
    const QString profile = ConnectionProfile::nameFor(m_server->baseUrl());
    QVERIFY(profile.startsWith(QLatin1String("server-")));
    QCOMPARE(profile.size(), 17);
    QCOMPARE(connection.profile(), profile);
    QCOMPARE(connection.databasePath(),
             dataDir() + QLatin1Char('/') + profile + QLatin1String(".sqlite"));
    QVERIFY(QFile::exists(connection.databasePath()));
    QCOMPARE(connection.serverName(), QStringLiteral("127.0.0.1"));
}

void TestServerConnection::earlierCliSandboxWorkspaceIsMovedBesideItsHistory()
{
    QDir().mkpath(dataDir());
    const QString database = dataDir() + QLatin1String("/sandbox.sqlite");
    QFile earlier(database + QLatin1String(".sandbox-state.json"));
    QVERIFY(earlier.open(QIODevice::WriteOnly));
    earlier.write("{}");
    earlier.close();
    QCOMPARE(ConnectionProfile::sandboxStateFile(database),
             dataDir() + QLatin1String("/sandbox-state.json"));
    QVERIFY(QFile::exists(dataDir() + QLatin1String("/sandbox-state.json")));
    QVERIFY(!earlier.exists());
}

void TestServerConnection::sandboxStartsThroughTheStarterWithItsStateInTheProfile()
{
    RecordingStarter starter;
    ServerConnection connection(m_settings.get(), &starter);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Sandbox;
    request.sandboxStepMs = 40;
    request.sandboxPort = 0;
    request.dataDirectory = dataDir();
    QSignalSpy opened(&connection, &ServerConnection::opened);
    connection.open(request);
    QCOMPARE(opened.count(), 1); // no keychain to wait for
    QVERIFY(connection.isSandbox());
    QCOMPARE(connection.serverName(), QStringLiteral("Sandbox"));
    QCOMPARE(starter.requests.size(), 1);
    QCOMPARE(starter.requests.first().stepMs, 40);
    const QString stateFile = dataDir() + QLatin1String("/sandbox-state.json");
    QCOMPARE(starter.requests.first().stateFile, stateFile);
    QCOMPARE(starter.sandbox.server()->stateFile(), stateFile);
    QCOMPARE(connection.databasePath(), dataDir() + QLatin1String("/sandbox.sqlite"));
    QCOMPARE(connection.engine()->client()->baseUrl(), starter.sandbox.server()->baseUrl());
    QVERIFY(serverAcceptsKey(connection.engine())); // the sandbox's own key
    QVERIFY(QFile::exists(stateFile)); // the port is recorded on listen()
    connection.close();
    QCOMPARE(starter.stops, 1);
    QVERIFY(!starter.sandbox.server());

    // The CLI's demo: a fresh sandbox, its history in memory, nothing saved.
    request.sandboxKeepsWorkspace = false;
    request.dataDirectory = dataDir() + QLatin1String("/demo");
    connection.open(request);
    QCOMPARE(opened.count(), 2);
    QVERIFY(starter.requests.last().stateFile.isEmpty());
    QCOMPARE(connection.databasePath(), QStringLiteral(":memory:"));
    QVERIFY(!QDir(dataDir() + QLatin1String("/demo")).exists());
}

// The run before may still hold the sandbox's port while it exits: the sandbox waits for it
// from the event loop (the window goes on meanwhile), then takes that port, so the history's
// preview addresses stay valid.
void TestServerConnection::sandboxWaitsForItsPortWithoutBlocking()
{
    auto holder = std::make_unique<QTcpServer>();
    QVERIFY(holder->listen(QHostAddress::LocalHost, 0));
    const quint16 port = holder->serverPort();
    RecordingStarter starter;
    ServerConnection connection(m_settings.get(), &starter);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Sandbox;
    request.sandboxPort = port;
    request.sandboxKeepsWorkspace = false;
    request.dataDirectory = dataDir();
    QSignalSpy opened(&connection, &ServerConnection::opened);
    QElapsedTimer clock;
    clock.start();
    connection.open(request);
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(opened.count(), 0); // waiting for the port
    // The run before lets go of it while the event loop runs.
    QTimer::singleShot(300, holder.get(), [&holder] { holder->close(); });
    QVERIFY(opened.wait(5000));
    QCOMPARE(starter.sandbox.server()->port(), port);
    QCOMPARE(connection.engine()->client()->baseUrl().port(), int(port));
    QVERIFY(serverAcceptsKey(connection.engine()));

    // Closed while it still waits: nothing opens later.
    connection.close();
    holder = std::make_unique<QTcpServer>();
    QVERIFY(holder->listen(QHostAddress::LocalHost, port));
    connection.open(request);
    QCOMPARE(opened.count(), 1);
    connection.close();
    QTest::qWait(2000); // past the wait for the port
    QCOMPARE(opened.count(), 1);
    QVERIFY(!connection.engine());
    QVERIFY(!starter.sandbox.server());
}

void TestServerConnection::withoutAStarterTheSandboxFailsInASentence()
{
    ServerConnection connection(m_settings.get(), nullptr);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Sandbox;
    request.dataDirectory = dataDir();
    QSignalSpy failed(&connection, &ServerConnection::failed);
    connection.open(request);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(QLatin1String("no built-in sandbox")));
    QVERIFY(!connection.engine());
}

void TestServerConnection::noKeyFallsBackToTheSandboxOrFails()
{
    RecordingStarter starter;
    ServerConnection connection(m_settings.get(), &starter);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Custom;
    request.customBase = m_server->baseUrl();
    request.dataDirectory = dataDir();
    // An entry no one wrote: the keychain has no key (or there is no keychain at all).
    request.credentialEntryKey = QStringLiteral("tst-serverconnection-none-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSignalSpy opened(&connection, &ServerConnection::opened);
    QSignalSpy failed(&connection, &ServerConnection::failed);
    connection.open(request);
    QVERIFY(opened.wait(10000));
    QVERIFY(connection.fellBackToSandbox());
    QVERIFY(connection.isSandbox());
    QCOMPARE(starter.requests.size(), 1);

    request.sandboxWithoutKey = false; // the CLI with --api-base
    connection.open(request);
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.first().first().toString().contains(QLatin1String("CREATIFY_API_KEY")));
    QCOMPARE(starter.requests.size(), 1);
    QVERIFY(!connection.engine());
}

void TestServerConnection::environmentKeyWinsOverTheKeychain()
{
    const QString entry = QStringLiteral("tst-serverconnection-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    CredentialStore keychain(entry);
    QSignalSpy saved(&keychain, &CredentialStore::saved);
    QSignalSpy keychainFailed(&keychain, &CredentialStore::failed);
    keychain.save(
            ApiCredentials(QStringLiteral("keychain-id"), QStringLiteral("keychain-key-0000")));
    QTRY_VERIFY_WITH_TIMEOUT(saved.count() + keychainFailed.count() > 0, 10000);
    if (saved.isEmpty()) {
        const QString why = QStringLiteral("No usable keychain: ")
                + keychainFailed.first().first().value<CredentialError>().message();
        if (!qEnvironmentVariableIsEmpty("PREVIEWDECK_REQUIRE_KEYCHAIN"))
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }

    ServerConnection connection(m_settings.get(), nullptr);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Custom;
    request.customBase = m_server->baseUrl();
    request.dataDirectory = dataDir();
    request.credentialEntryKey = entry;
    request.sandboxWithoutKey = false;
    QSignalSpy opened(&connection, &ServerConnection::opened);

    // Without the environment the keychain's (wrong) key is used...
    connection.open(request);
    QVERIFY(opened.wait(10000));
    QCOMPARE(connection.credentialSource(), CredentialSource::Keychain);
    QVERIFY(!serverAcceptsKey(connection.engine()));

    // ...with it, the environment's, without asking the keychain.
    setEnvironmentKey(ApiCredentials(m_server->apiId(), m_server->apiKey()));
    connection.open(request);
    QCOMPARE(opened.count(), 2);
    QCOMPARE(connection.credentialSource(), CredentialSource::Environment);
    QVERIFY(serverAcceptsKey(connection.engine()));

    QSignalSpy cleared(&keychain, &CredentialStore::cleared);
    keychain.clear();
    QVERIFY(cleared.wait(10000));
}

void TestServerConnection::settingsReachTheRunningEngineWithoutReconnecting()
{
    m_server->setStepIntervalMs(600000); // the job stays pending: nothing changes between looks
    m_settings->setPollIntervalSeconds(AppSettings::MaxPollIntervalSeconds);
    setEnvironmentKey(ApiCredentials(m_server->apiId(), m_server->apiKey()));
    ServerConnection connection(m_settings.get(), nullptr);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Custom;
    request.customBase = m_server->baseUrl();
    request.dataDirectory = dataDir();
    QSignalSpy opened(&connection, &ServerConnection::opened);
    QSignalSpy closing(&connection, &ServerConnection::closing);
    connection.open(request);
    QCOMPARE(opened.count(), 1);
    Engine *engine = connection.engine();
    engine->resume();

    // A job to follow, looked at every 60 s as the setting says.
    SpendGuard *guard = engine->spendGuard();
    QString linkId;
    connect(guard->createLink(QUrl(QStringLiteral("https://shop.example.com/products/lamp"))),
            &SpendOperation::finished, this,
            [&linkId](SpendOperation *o) { linkId = o->link().id; });
    QTRY_VERIFY_WITH_TIMEOUT(!linkId.isEmpty(), 10000);
    PreviewListRequest previews;
    previews.linkId = linkId;
    previews.visualStyles = {QStringLiteral("VanillaTemplate")};
    guard->requestPreviews(previews);
    const QString polls = QStringLiteral("^/api/link_to_videos/$");
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("GET", polls) >= 1, 10000);
    QTest::qWait(1500);
    const int looksBefore = m_server->requestCount("GET", polls);
    QCOMPARE(engine->tracker()->currentIntervalMs() >= 60000, true);

    // The user picks 2 s in Settings: the next looks come at that pace, on the same engine.
    m_settings->setPollIntervalSeconds(2);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("GET", polls) >= looksBefore + 2, 8000);
    QVERIFY(engine->tracker()->currentIntervalMs() < 60000);

    const QString folder = m_dir.filePath(QStringLiteral("videos"));
    m_settings->setDownloadDirectory(folder);
    QCOMPARE(engine->downloadDirectory(), folder);
    m_settings->setAutoDownload(!engine->autoDownload());
    QCOMPARE(engine->autoDownload(), m_settings->autoDownload());

    QTest::qWait(50); // a reconnect would come from the event loop
    QCOMPARE(connection.engine(), engine);
    QCOMPARE(closing.count(), 0);
    QCOMPARE(opened.count(), 1);
}

void TestServerConnection::overriddenSettingsStayOverridden()
{
    RecordingStarter starter;
    ServerConnection connection(m_settings.get(), &starter);
    ConnectionRequest request;
    request.server = ConnectionRequest::Server::Sandbox;
    request.dataDirectory = dataDir();
    request.downloadDirectory = dataDir() + QLatin1String("/given");
    request.autoDownload = false;
    request.polling = ConnectionRequest::Polling::Script;
    m_settings->setAutoDownload(true);
    connection.open(request);
    Engine *engine = connection.engine();
    QVERIFY(engine);
    QCOMPARE(engine->downloadDirectory(), dataDir() + QLatin1String("/given"));
    QCOMPARE(engine->autoDownload(), false);
    m_settings->setDownloadDirectory(m_dir.filePath(QStringLiteral("elsewhere")));
    m_settings->setAutoDownload(false);
    m_settings->setAutoDownload(true);
    QCOMPARE(engine->downloadDirectory(), dataDir() + QLatin1String("/given"));
    QCOMPARE(engine->autoDownload(), false);
}

void TestServerConnection::changingTheServerReconnects()
{
    m_settings->setApiMode(AppSettings::ApiMode::Sandbox);
    setEnvironmentKey(ApiCredentials(m_server->apiId(), m_server->apiKey()));
    RecordingStarter starter;
    ServerConnection connection(m_settings.get(), &starter);
    ConnectionRequest request;
    request.dataDirectory = dataDir();
    QSignalSpy opened(&connection, &ServerConnection::opened);
    QSignalSpy closing(&connection, &ServerConnection::closing);
    connection.open(request);
    QCOMPARE(opened.count(), 1);
    QVERIFY(connection.isSandbox());
    const QPointer<Engine> sandboxEngine = connection.engine();

    // Another server in Settings: mode and address arrive one by one, one reconnect follows.
    m_settings->setApiMode(AppSettings::ApiMode::Custom);
    m_settings->setCustomApiBase(m_server->baseUrl());
    QCOMPARE(closing.count(), 0); // not under the caller's feet
    QVERIFY(opened.wait(5000));
    QCOMPARE(closing.count(), 1);
    QCOMPARE(opened.count(), 2);
    QVERIFY(!sandboxEngine); // deleted
    QVERIFY(!connection.isSandbox());
    QCOMPARE(connection.engine()->client()->baseUrl(), m_server->baseUrl());
    QCOMPARE(starter.stops, 1);
    QVERIFY(!starter.sandbox.server());
    QVERIFY(serverAcceptsKey(connection.engine()));

    // The same server written again, or another setting, is no new connection.
    Engine *engine = connection.engine();
    m_settings->setCustomApiBase(m_server->baseUrl());
    m_settings->setPollIntervalSeconds(3);
    QTest::qWait(100);
    QCOMPARE(opened.count(), 2);
    QCOMPARE(connection.engine(), engine);

    // An explicit reconnect (a new key) rebuilds on the same server.
    connection.reconnect();
    connection.reconnect();
    QVERIFY(opened.wait(5000));
    QTest::qWait(100);
    QCOMPARE(opened.count(), 3);
    QCOMPARE(closing.count(), 2);
}

QTEST_GUILESS_MAIN(TestServerConnection)
#include "tst_serverconnection.moc"

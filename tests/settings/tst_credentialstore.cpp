#include "credentialstore.h"

#include <QCoreApplication>
#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <functional>
#include <utility>

using PreviewDeck::ApiCredentials;
using PreviewDeck::CredentialError;
using PreviewDeck::CredentialSource;
using PreviewDeck::CredentialStore;

namespace {

const char kChildArgument[] = "--no-keychain-child";

// Every message any code logs while the tests run, to prove no key ever reaches a log line.
QStringList g_messages;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_messages.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QString uniqueSuffix()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool keychainRequired()
{
    const QByteArray value = qgetenv("PREVIEWDECK_REQUIRE_KEYCHAIN");
    return !value.isEmpty() && value != "0";
}

const char *kindName(CredentialError::Kind kind)
{
    switch (kind) {
    case CredentialError::Kind::NoKeychain:
        return "NoKeychain";
    case CredentialError::Kind::AccessDenied:
        return "AccessDenied";
    case CredentialError::Kind::Other:
        break;
    }
    return "Other";
}

// Result of one load() call, gathered from the signals.
struct LoadResult
{
    bool answered = false;
    bool ok = false;
    int signalCount = 0;
    ApiCredentials credentials;
    CredentialSource source = CredentialSource::None;
    CredentialError error;
};

LoadResult loadFrom(CredentialStore &store, int timeoutMs = 10000)
{
    QSignalSpy loaded(&store, &CredentialStore::loaded);
    QSignalSpy failed(&store, &CredentialStore::failed);
    store.load();
    LoadResult result;
    result.answered = QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; },
                                      timeoutMs);
    QCoreApplication::processEvents(); // a second (wrong) signal would show up here
    result.signalCount = int(loaded.count() + failed.count());
    if (!loaded.isEmpty()) {
        result.ok = true;
        result.credentials = loaded.first().at(0).value<ApiCredentials>();
        result.source = loaded.first().at(1).value<CredentialSource>();
    } else if (!failed.isEmpty()) {
        result.error = failed.first().at(0).value<CredentialError>();
    }
    return result;
}

// Runs save() or clear() and waits for its one answer; returns the error text or "".
template<typename Signal>
QString runAndWait(CredentialStore &store, Signal success, const std::function<void()> &call)
{
    QSignalSpy done(&store, success);
    QSignalSpy failed(&store, &CredentialStore::failed);
    call();
    if (!QTest::qWaitFor([&] { return done.count() + failed.count() > 0; }, 10000))
        return QStringLiteral("no answer within 10 s");
    if (!failed.isEmpty())
        return failed.first().at(0).value<CredentialError>().message();
    return QString();
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void redacted_data();
    void redacted();
    void debugPrintsRedactedOnly();
    void emptiness();

    void environmentTakesPrecedence();
    void environmentNeedsBoth();
    void saveRejectsIncompleteCredentials();

    void keychainRoundTrip();
    void noKeychainWithoutDbus();

private:
    bool m_keychainAvailable = false;
    QString m_keychainProblem;
    QString m_entry;
    QStringList m_secrets; // every key a test used; none may appear in any log line
};

#define REQUIRE_KEYCHAIN() \
    do { \
        if (!m_keychainAvailable) { \
            const QString why = QStringLiteral("No usable keychain (") + m_keychainProblem \
                    + QStringLiteral("); run the tests through " \
                                     "packaging/with-test-keyring.sh"); \
            if (keychainRequired()) \
                QFAIL(qPrintable(why + QStringLiteral(" (PREVIEWDECK_REQUIRE_KEYCHAIN is set)"))); \
            QSKIP(qPrintable(why)); \
        } \
    } while (false)

void TestCredentialStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("CREATIFY_API_ID");
    qunsetenv("CREATIFY_API_KEY");
    QLoggingCategory::setFilterRules(QStringLiteral("previewdeck.settings.debug=true"));
    g_previousHandler = qInstallMessageHandler(captureMessage);

    // Unique per run: the tests never read or write a real user's entry.
    m_entry = QStringLiteral("previewdeck-test-") + uniqueSuffix();

    CredentialStore probe(m_entry);
    const LoadResult result = loadFrom(probe);
    if (!result.answered) {
        m_keychainProblem = QStringLiteral("the keychain did not answer within 10 s");
    } else if (!result.ok && result.error.kind() != CredentialError::Kind::Other) {
        m_keychainProblem = result.error.message() + QLatin1Char(' ') + result.error.detail();
    } else if (!result.ok) {
        // Not "no keychain" but a broken store: let the round trip run and report it.
        m_keychainAvailable = true;
    } else {
        QCOMPARE(result.source, CredentialSource::None);
        m_keychainAvailable = true;
    }
}

void TestCredentialStore::cleanupTestCase()
{
    if (m_keychainAvailable) {
        CredentialStore store(m_entry);
        runAndWait(store, &CredentialStore::cleared, [&] { store.clear(); });
    }
    qInstallMessageHandler(g_previousHandler);
}

void TestCredentialStore::cleanup()
{
    qunsetenv("CREATIFY_API_ID");
    qunsetenv("CREATIFY_API_KEY");
    const QStringList messages = std::exchange(g_messages, {});
    for (const QString &message : messages) {
        for (const QString &secret : std::as_const(m_secrets))
            QVERIFY2(!message.contains(secret), "an API key appeared in a log message");
    }
}

void TestCredentialStore::redacted_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    const QString dots(4, QChar(0x2022));
    const QChar ellipsis(0x2026);
    QTest::newRow("long key") << QStringLiteral("abcd-1234-ef")
                              << QStringLiteral("sk_live_AbCdEfGh9876")
                              << QStringLiteral("id abcd") + ellipsis + QStringLiteral(", key ")
                    + dots + QStringLiteral("9876");
    QTest::newRow("short key") << QStringLiteral("abc") << QStringLiteral("short1")
                               << QStringLiteral("id abc, key ") + dots;
    QTest::newRow("empty") << QString() << QString() << QStringLiteral("id (none), key (none)");
}

void TestCredentialStore::redacted()
{
    QFETCH(QString, id);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const ApiCredentials credentials(id, key);
    const QString text = credentials.redacted();
    QCOMPARE(text, expected);
    // No run of 5 key characters survives, so at most the last 4 are shown.
    for (int i = 0; i + 5 <= key.size(); ++i)
        QVERIFY(!text.contains(key.mid(i, 5)));
}

void TestCredentialStore::debugPrintsRedactedOnly()
{
    const QString key = QStringLiteral("sk-debug-") + uniqueSuffix();
    m_secrets << key;
    const ApiCredentials credentials(QStringLiteral("id-123456"), key);

    QString buffer;
    QDebug(&buffer) << credentials;
    QVERIFY(!buffer.contains(key));
    QVERIFY(buffer.contains(credentials.redacted()));

    // Through the real logging path too (cleanup() checks the captured messages).
    qDebug() << "credentials are" << credentials;
    QVERIFY(!g_messages.isEmpty());
    QVERIFY(g_messages.last().contains(credentials.redacted()));
}

void TestCredentialStore::emptiness()
{
    QVERIFY(ApiCredentials().isEmpty());
    QVERIFY(ApiCredentials(QStringLiteral("id"), QString()).isEmpty());
    QVERIFY(ApiCredentials(QString(), QStringLiteral("key")).isEmpty());
    QVERIFY(ApiCredentials(QStringLiteral("  "), QStringLiteral("key")).isEmpty());
    const ApiCredentials pasted(QStringLiteral(" id\n"), QStringLiteral("\tkey \n"));
    QVERIFY(!pasted.isEmpty());
    QCOMPARE(pasted.apiId(), QStringLiteral("id"));
    QCOMPARE(pasted.apiKey(), QStringLiteral("key"));
}

void TestCredentialStore::environmentTakesPrecedence()
{
    const QString key = QStringLiteral("sk-env-") + uniqueSuffix();
    m_secrets << key;
    qputenv("CREATIFY_API_ID", "env-id");
    qputenv("CREATIFY_API_KEY", key.toUtf8());

    // Works without any keychain, and wins over whatever the keychain holds (the round trip
    // test checks the latter with a filled entry).
    CredentialStore store(m_entry);
    const LoadResult result = loadFrom(store);
    QVERIFY(result.answered);
    QVERIFY(result.ok);
    QCOMPARE(result.signalCount, 1);
    QCOMPARE(result.source, CredentialSource::Environment);
    QCOMPARE(result.credentials.apiId(), QStringLiteral("env-id"));
    QCOMPARE(result.credentials.apiKey(), key);
}

void TestCredentialStore::environmentNeedsBoth()
{
    qputenv("CREATIFY_API_ID", "env-id");
    qputenv("CREATIFY_API_KEY", "");
    QVERIFY(CredentialStore::fromEnvironment().isEmpty());
    qunsetenv("CREATIFY_API_ID");
    qputenv("CREATIFY_API_KEY", "only-key");
    QVERIFY(CredentialStore::fromEnvironment().isEmpty());
    qputenv("CREATIFY_API_ID", "env-id");
    QCOMPARE(CredentialStore::fromEnvironment(),
             ApiCredentials(QStringLiteral("env-id"), QStringLiteral("only-key")));
}

void TestCredentialStore::saveRejectsIncompleteCredentials()
{
    CredentialStore store(m_entry);
    QSignalSpy saved(&store, &CredentialStore::saved);
    QSignalSpy failed(&store, &CredentialStore::failed);
    store.save(ApiCredentials(QStringLiteral("id"), QString()));
    QCOMPARE(failed.count(), 0); // answered asynchronously, like every other call
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(saved.count(), 0);
    const auto error = failed.first().at(0).value<CredentialError>();
    QCOMPARE(error.operation(), CredentialError::Operation::Save);
    QVERIFY(!error.message().isEmpty());
}

void TestCredentialStore::keychainRoundTrip()
{
    REQUIRE_KEYCHAIN();

    CredentialStore store(m_entry);
    QCOMPARE(store.entryKey(), m_entry);
    QCOMPARE(runAndWait(store, &CredentialStore::cleared, [&] { store.clear(); }), QString());

    // Absent entry: empty credentials, not an error.
    LoadResult result = loadFrom(store);
    QVERIFY(result.answered);
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.source, CredentialSource::None);
    QVERIFY(result.credentials.isEmpty());

    const ApiCredentials first(QStringLiteral("first-id"),
                               QStringLiteral("sk-first-") + uniqueSuffix());
    const ApiCredentials second(QStringLiteral("second-id"),
                                QStringLiteral("sk-second-") + uniqueSuffix());
    m_secrets << first.apiKey() << second.apiKey();

    QCOMPARE(runAndWait(store, &CredentialStore::saved, [&] { store.save(first); }), QString());
    result = loadFrom(store);
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.signalCount, 1);
    QCOMPARE(result.source, CredentialSource::Keychain);
    QCOMPARE(result.credentials.apiId(), first.apiId());
    QCOMPARE(result.credentials.apiKey(), first.apiKey());

    // Overwrite, then read through a second store: the value lives in the keychain.
    QCOMPARE(runAndWait(store, &CredentialStore::saved, [&] { store.save(second); }), QString());
    CredentialStore other(m_entry);
    result = loadFrom(other);
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.source, CredentialSource::Keychain);
    QCOMPARE(result.credentials.apiId(), second.apiId());
    QCOMPARE(result.credentials.apiKey(), second.apiKey());

    // Another entry key does not see it.
    CredentialStore unrelated(m_entry + QStringLiteral("-other"));
    result = loadFrom(unrelated);
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.source, CredentialSource::None);

    // The environment wins over a filled keychain entry.
    qputenv("CREATIFY_API_ID", "env-id");
    qputenv("CREATIFY_API_KEY", "env-key-0123456789");
    result = loadFrom(store);
    QVERIFY(result.ok);
    QCOMPARE(result.source, CredentialSource::Environment);
    QCOMPARE(result.credentials.apiId(), QStringLiteral("env-id"));
    qunsetenv("CREATIFY_API_ID");
    qunsetenv("CREATIFY_API_KEY");

    // Clear, then load gives empty again; clearing twice is fine.
    QCOMPARE(runAndWait(store, &CredentialStore::cleared, [&] { store.clear(); }), QString());
    result = loadFrom(store);
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.source, CredentialSource::None);
    QVERIFY(result.credentials.isEmpty());
    QCOMPARE(runAndWait(store, &CredentialStore::cleared, [&] { store.clear(); }), QString());

    // A store destroyed while its job runs neither crashes nor blocks later calls.
    auto *doomed = new CredentialStore(m_entry);
    doomed->save(first);
    delete doomed;
    result = loadFrom(store);
    QVERIFY2(result.ok, qPrintable(result.error.message()));
    QCOMPARE(result.signalCount, 1);
}

void TestCredentialStore::noKeychainWithoutDbus()
{
    // A child process, so this process keeps its keychain connection.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-bus")));
    env.remove(QStringLiteral("DISPLAY")); // no D-Bus autolaunch through X11
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("CREATIFY_API_ID"));
    env.remove(QStringLiteral("CREATIFY_API_KEY"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"),
               QStringLiteral("previewdeck.settings.debug=true"));

    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kChildArgument), m_entry + QStringLiteral("-child")});
    QVERIFY2(child.waitForFinished(30000), "child did not finish");
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, err.constData());

    const QJsonObject report = QJsonDocument::fromJson(out).object();
    QVERIFY2(!report.isEmpty(), out.constData());
    const QString key = report.value(QStringLiteral("key")).toString();
    QVERIFY(!key.isEmpty());

    for (const QString &op : {QStringLiteral("load"), QStringLiteral("save")}) {
        const QJsonObject result = report.value(op).toObject();
        QCOMPARE(result.value(QStringLiteral("kind")).toString(), QStringLiteral("NoKeychain"));
        const QString message = result.value(QStringLiteral("message")).toString();
        QVERIFY(message.contains(QLatin1String("No system keychain is available")));
        QVERIFY(message.contains(QLatin1String("CREATIFY_API_ID")));
        QVERIFY(message.contains(QLatin1String("CREATIFY_API_KEY")));
        QVERIFY(!message.contains(key));
        QVERIFY(!result.value(QStringLiteral("detail")).toString().contains(key));
    }
    QVERIFY2(!err.contains(key.toUtf8()), "the key appeared in the child's log");
}

// Child mode: no D-Bus session bus; report what save() and load() answer as JSON on stdout.
static int runNoKeychainChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString entry = QString::fromLocal8Bit(argv[2]);
    const QString key = QStringLiteral("sk-child-") + uniqueSuffix();
    CredentialStore store(entry);
    QJsonObject report;
    report.insert(QStringLiteral("key"), key);
    int pending = 2;
    const auto finishOne = [&] {
        if (--pending == 0)
            app.quit();
    };
    QObject::connect(&store, &CredentialStore::failed, &app, [&](const CredentialError &error) {
        QJsonObject result;
        result.insert(QStringLiteral("kind"), QString::fromLatin1(kindName(error.kind())));
        result.insert(QStringLiteral("message"), error.message());
        result.insert(QStringLiteral("detail"), error.detail());
        report.insert(error.operation() == CredentialError::Operation::Save
                              ? QStringLiteral("save")
                              : QStringLiteral("load"),
                      result);
        finishOne();
    });
    QObject::connect(&store, &CredentialStore::saved, &app, [&] {
        report.insert(QStringLiteral("save"), QStringLiteral("unexpectedly saved"));
        finishOne();
    });
    QObject::connect(&store, &CredentialStore::loaded, &app, [&] {
        report.insert(QStringLiteral("load"), QStringLiteral("unexpectedly loaded"));
        finishOne();
    });
    QTimer::singleShot(20000, &app, [&] {
        report.insert(QStringLiteral("timeout"), true);
        app.quit();
    });
    store.save(ApiCredentials(QStringLiteral("child-id"), key));
    store.load();
    app.exec();
    std::fputs(QJsonDocument(report).toJson(QJsonDocument::Compact).constData(), stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && qstrcmp(argv[1], kChildArgument) == 0)
        return runNoKeychainChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestCredentialStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"

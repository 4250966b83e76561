// One PreviewDeck per user and data directory: the second start asks the first to raise its
// window and exits 0. Checked on SingleInstance itself and on the real executable.

#include "window/singleinstance.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using PreviewDeck::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstIsPrimarySecondRaisesIt();
    void staleSocketFileIsReplaced();
    void primaryGoneMeansPrimaryAgain();
    void defaultNameDependsOnDataDirectory();
    void secondStartOfTheAppRaisesTheFirst();

private:
    QString socketPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
};

void TestSingleInstance::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSingleInstance::firstIsPrimarySecondRaisesIt()
{
    const QString path = socketPath("pair");
    SingleInstance first(path);
    QCOMPARE(first.claim(), SingleInstance::Role::Primary);
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);

    // The second start blocks on its socket, as in main(); this thread's event loop serves the
    // first instance meanwhile.
    std::atomic<int> role{-1};
    std::unique_ptr<QThread> second(QThread::create([&role, path] {
        SingleInstance instance(path);
        role = int(instance.claim(5000));
    }));
    second->start();
    QVERIFY(raised.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 10000);
    QCOMPARE(role.load(), int(SingleInstance::Role::Secondary));
    QCOMPARE(raised.count(), 1);
}

void TestSingleInstance::staleSocketFileIsReplaced()
{
    // What a crashed instance leaves behind: a file nobody answers on.
    const QString path = socketPath("stale");
    QFile stale(path);
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    SingleInstance instance(path);
    QCOMPARE(instance.claim(1000), SingleInstance::Role::Primary);
}

void TestSingleInstance::primaryGoneMeansPrimaryAgain()
{
    const QString path = socketPath("again");
    {
        SingleInstance first(path);
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
    }
    QVERIFY(!QFile::exists(path));
    SingleInstance next(path);
    QCOMPARE(next.claim(1000), SingleInstance::Role::Primary);
}

void TestSingleInstance::defaultNameDependsOnDataDirectory()
{
    const QString name = SingleInstance::defaultServerName();
    QVERIFY(name.contains(QLatin1String("io.github.previewdeck.PreviewDeck-")));
    QVERIFY2(name.toUtf8().size() < 100, qPrintable(name)); // sun_path holds 108 bytes
    QCoreApplication::setApplicationName(QStringLiteral("another-app"));
    const QString other = SingleInstance::defaultServerName();
    QCoreApplication::setApplicationName(QStringLiteral("tst_singleinstance"));
    QVERIFY(name != other);
}

void TestSingleInstance::secondStartOfTheAppRaisesTheFirst()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    env.insert(QStringLiteral("PREVIEWDECK_REPORT_READY"), QStringLiteral("1"));
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        env.insert(QString::fromLatin1(var), home.filePath(QString::fromLatin1(var)));
    const QString runtime = home.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);

    QProcess first;
    first.setProcessEnvironment(env);
    QByteArray firstOut;
    connect(&first, &QProcess::readyReadStandardOutput, this,
            [&] { firstOut += first.readAllStandardOutput(); });
    first.start(QStringLiteral(PREVIEWDECK_EXE), {QStringLiteral("--sandbox")});
    QVERIFY(first.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(firstOut.contains("ready\n"), 60000);

    QProcess second;
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(PREVIEWDECK_EXE), {QStringLiteral("--sandbox")});
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 30000);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY(second.readAllStandardOutput().contains("already running"));
    QTRY_VERIFY_WITH_TIMEOUT(firstOut.contains("raised\n"), 10000);
    QCOMPARE(first.state(), QProcess::Running);

    // --version and --help answer without asking the running instance anything.
    QProcess version;
    version.setProcessEnvironment(env);
    version.start(QStringLiteral(PREVIEWDECK_EXE), {QStringLiteral("--version")});
    QTRY_VERIFY_WITH_TIMEOUT(version.state() == QProcess::NotRunning, 30000);
    QCOMPARE(version.exitCode(), 0);
    QVERIFY(version.readAllStandardOutput().contains(PREVIEWDECK_VERSION));

    first.terminate();
    if (!first.waitForFinished(10000))
        first.kill();
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"

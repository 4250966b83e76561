// Drives the real previewdeck-cli executable, as a script would, against an embedded sandbox
// and against a standalone previewdeck-sandbox process.

#include "mediaprobe.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

const QString kKey = QStringLiteral("cli-test-key-7d1f0c9a3b");

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void versionAndHelp();
    void demoLoopProducesAnH264File();
    void badUsageExitsTwo();
    void refusedRequestIsOneSentence();
    void givingUpWaitingExitsThree();
    void fullLoopAgainstAStandaloneServer();
    void templateLoopAgainstAStandaloneServer();
    void invalidTemplateValuesAreNotSent();
    void keyNeverAppearsInOutput();

private:
    Run cli(const QStringList &args, const QProcessEnvironment &env = {}, int timeoutMs = 60000);
    QProcessEnvironment serverEnv() const;

    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_base;
};

void TestCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const quint16 port = freePort();
    m_server.setProgram(QStringLiteral(PREVIEWDECK_SANDBOX_EXE));
    m_server.setArguments({QStringLiteral("--port"), QString::number(port),
                           QStringLiteral("--step-ms"), QStringLiteral("30"),
                           QStringLiteral("--api-key"), kKey});
    m_server.start();
    QVERIFY(m_server.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), 10000);
    const QString line = QString::fromUtf8(m_server.readLine()).trimmed();
    QVERIFY2(line.contains(QLatin1String("http://")), qPrintable(line));
    m_base = line.mid(line.indexOf(QLatin1String("http://")));
}

void TestCli::cleanupTestCase()
{
    m_server.terminate();
    m_server.waitForFinished(5000);
}

QProcessEnvironment TestCli::serverEnv() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CREATIFY_API_ID"), QStringLiteral("sandbox"));
    env.insert(QStringLiteral("CREATIFY_API_KEY"), kKey);
    return env;
}

Run TestCli::cli(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment environment = env.isEmpty() ? QProcessEnvironment::systemEnvironment()
                                                    : env;
    // Keep the CLI's own data (history, settings) inside the test's folder.
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(PREVIEWDECK_CLI_EXE), args);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        qWarning("previewdeck-cli %s did not finish", qPrintable(args.join(QLatin1Char(' '))));
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

void TestCli::versionAndHelp()
{
    const Run version = cli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.contains(PREVIEWDECK_VERSION));
    const Run help = cli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("render JOB"));
}

void TestCli::demoLoopProducesAnH264File()
{
    const QString downloads = m_dir.filePath(QStringLiteral("demo"));
    const Run run = cli({QStringLiteral("--sandbox"), QStringLiteral("--json"),
                         QStringLiteral("--step-ms"), QStringLiteral("20"),
                         QStringLiteral("--download-dir"), downloads, QStringLiteral("demo")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject render = run.json();
    QCOMPARE(render.value(QLatin1String("status")).toString(), QStringLiteral("done"));
    const QString path = render.value(QLatin1String("download"))
                                 .toObject()
                                 .value(QLatin1String("path"))
                                 .toString();
    QVERIFY2(QFile::exists(path), qPrintable(path));
    QVERIFY(path.startsWith(downloads));
    QVERIFY(path.endsWith(QLatin1String(".mp4")));
    QVERIFY(!QFile::exists(path + QLatin1String(".part")));
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
}

void TestCli::badUsageExitsTwo()
{
    Run run = cli({QStringLiteral("--sandbox"), QStringLiteral("previews")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith("error: "));
    run = cli({QStringLiteral("--no-such-option")});
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("--sandbox"), QStringLiteral("frobnicate")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("Unknown command"));
}

void TestCli::refusedRequestIsOneSentence()
{
    const Run run = cli({QStringLiteral("--sandbox"), QStringLiteral("link"),
                         QStringLiteral("create"),
                         QStringLiteral("https://shop.example.com/blocked/item")});
    QCOMPARE(run.exitCode, 1);
    const QList<QByteArray> lines = run.err.trimmed().split('\n');
    const QByteArray last = lines.last();
    QVERIFY2(last.startsWith("error: Creatify refused the request: Failed to scrape url"),
             last.constData());
    QVERIFY(!run.err.contains("{")); // never a stack of JSON
}

void TestCli::givingUpWaitingExitsThree()
{
    const Run run = cli({QStringLiteral("--sandbox"), QStringLiteral("--step-ms"),
                         QStringLiteral("60000"), QStringLiteral("--timeout"), QStringLiteral("1"),
                         QStringLiteral("demo")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.err.contains("Gave up waiting"));
}

void TestCli::fullLoopAgainstAStandaloneServer()
{
    const QProcessEnvironment env = serverEnv();
    const QString db = m_dir.filePath(QStringLiteral("standalone.sqlite"));
    const QStringList common = {QStringLiteral("--api-base"), m_base, QStringLiteral("--db"), db,
                                QStringLiteral("--json")};

    const Run link = cli(common
                                 + QStringList{QStringLiteral("link"), QStringLiteral("create"),
                                               QStringLiteral("https://shop.example.com/p/mug"),
                                               QStringLiteral("--yes")},
                         env);
    QVERIFY2(link.exitCode == 0, link.err.constData());
    const QString linkId = link.json().value(QLatin1String("id")).toString();
    QVERIFY(!linkId.isEmpty());

    const Run previews = cli(
            common
                    + QStringList{QStringLiteral("previews"), linkId, QStringLiteral("--styles"),
                                  QStringLiteral("VanillaTemplate,LegoTemplate"),
                                  QStringLiteral("--wait"), QStringLiteral("--yes")},
            env);
    QVERIFY2(previews.exitCode == 0, previews.err.constData());
    const QJsonObject job = previews.json();
    QCOMPARE(job.value(QLatin1String("status")).toString(), QStringLiteral("done"));
    const QJsonArray list = job.value(QLatin1String("previews")).toArray();
    QCOMPARE(list.size(), 2);
    const QString jobId = job.value(QLatin1String("id")).toString();
    const QString mediaJob = list.at(1).toObject().value(QLatin1String("media_job")).toString();

    // A second invocation finds the job in the history and renders one preview.
    const QString downloads = m_dir.filePath(QStringLiteral("standalone-videos"));
    const Run render = cli(common
                                   + QStringList{QStringLiteral("render"), jobId, mediaJob,
                                                 QStringLiteral("--wait"), QStringLiteral("--yes"),
                                                 QStringLiteral("--download-dir"), downloads},
                           env);
    QVERIFY2(render.exitCode == 0, render.err.constData());
    const QString path = render.json()
                                 .value(QLatin1String("download"))
                                 .toObject()
                                 .value(QLatin1String("path"))
                                 .toString();
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));

    // Asking again shows the render already bought, without spending; with --wait it points at
    // the file already saved.
    const Run again = cli(
            common + QStringList{QStringLiteral("render"), jobId, mediaJob, QStringLiteral("--yes")},
            env);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("nothing was charged again"), again.err.constData());
    const Run againWaiting = cli(common
                                         + QStringList{QStringLiteral("render"), jobId, mediaJob,
                                                       QStringLiteral("--wait"),
                                                       QStringLiteral("--yes"),
                                                       QStringLiteral("--download-dir"), downloads},
                                 env);
    QCOMPARE(againWaiting.exitCode, 0);
    QVERIFY2(againWaiting.out.contains(path.toUtf8()), againWaiting.out.constData());

    const Run jobs = cli(common + QStringList{QStringLiteral("jobs")}, env);
    QCOMPARE(jobs.exitCode, 0);
    const QJsonArray all = jobs.json().value(QLatin1String("jobs")).toArray();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().toObject().value(QLatin1String("renders")).toArray().size(), 1);

    const Run credits = cli(common + QStringList{QStringLiteral("credits")}, env);
    QCOMPARE(credits.exitCode, 0);
    // 100 to start, 1 for the link, 2 for two previews, 4 for one 30 s render.
    QCOMPARE(credits.json().value(QLatin1String("remaining_credits")).toDouble(), 93.0);
}

void TestCli::templateLoopAgainstAStandaloneServer()
{
    const QProcessEnvironment env = serverEnv();
    const QStringList common = {QStringLiteral("--api-base"), m_base, QStringLiteral("--db"),
                                m_dir.filePath(QStringLiteral("templates.sqlite")),
                                QStringLiteral("--json")};
    const Run templates = cli(common + QStringList{QStringLiteral("templates")}, env);
    QVERIFY2(templates.exitCode == 0, templates.err.constData());
    const QJsonArray list = templates.json().value(QLatin1String("templates")).toArray();
    QVERIFY(list.size() >= 1);

    // Pick a template and fill each variable with a value of its type.
    const QString templateId
            = list.first().toObject().value(QLatin1String("template_id")).toString();
    const Run show = cli(
            common + QStringList{QStringLiteral("template"), QStringLiteral("show"), templateId},
            env);
    QCOMPARE(show.exitCode, 0);
    const QJsonObject variables = show.json().value(QLatin1String("variables")).toObject();
    QVERIFY(!variables.isEmpty());
    QJsonObject values;
    for (auto it = variables.begin(); it != variables.end(); ++it) {
        const QJsonObject detail = it.value().toObject();
        const QJsonObject defaults = detail.value(QLatin1String("properties")).toObject();
        if (detail.value(QLatin1String("type")).toString() == QLatin1String("text"))
            values.insert(it.key(), QStringLiteral("Hello from the CLI test"));
        else if (!defaults.isEmpty())
            values.insert(it.key(), defaults.begin().value().toString());
    }
    const QString varsFile = m_dir.filePath(QStringLiteral("vars.json"));
    QFile file(varsFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(values).toJson());
    file.close();

    const Run preview = cli(
            common
                    + QStringList{QStringLiteral("template"), QStringLiteral("preview"), templateId,
                                  QStringLiteral("--vars-file"), varsFile, QStringLiteral("--wait"),
                                  QStringLiteral("--yes")},
            env);
    QVERIFY2(preview.exitCode == 0, preview.err.constData());
    const QJsonObject job = preview.json();
    QCOMPARE(job.value(QLatin1String("status")).toString(), QStringLiteral("done"));
    QVERIFY(job.value(QLatin1String("preview")).toString().startsWith(QLatin1String("http")));

    const QString downloads = m_dir.filePath(QStringLiteral("template-videos"));
    const Run render = cli(common
                                   + QStringList{QStringLiteral("template"),
                                                 QStringLiteral("render"),
                                                 job.value(QLatin1String("id")).toString(),
                                                 QStringLiteral("--wait"), QStringLiteral("--yes"),
                                                 QStringLiteral("--download-dir"), downloads},
                           env);
    QVERIFY2(render.exitCode == 0, render.err.constData());
    const QString path = render.json()
                                 .value(QLatin1String("download"))
                                 .toObject()
                                 .value(QLatin1String("path"))
                                 .toString();
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
}

void TestCli::invalidTemplateValuesAreNotSent()
{
    const QProcessEnvironment env = serverEnv();
    const QStringList common = {QStringLiteral("--api-base"), m_base, QStringLiteral("--db"),
                                m_dir.filePath(QStringLiteral("bad.sqlite"))};
    const Run templates = cli(
            common + QStringList{QStringLiteral("--json"), QStringLiteral("templates")}, env);
    const QString templateId = templates.json()
                                       .value(QLatin1String("templates"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QLatin1String("template_id"))
                                       .toString();
    const Run before = cli(
            common + QStringList{QStringLiteral("--json"), QStringLiteral("credits")}, env);
    const Run run = cli(common
                                + QStringList{QStringLiteral("template"), QStringLiteral("preview"),
                                              templateId, QStringLiteral("--var"),
                                              QStringLiteral("no_such_variable=1")},
                        env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("Nothing was sent"), run.err.constData());
    QVERIFY(run.err.contains("no_such_variable"));
    const Run after = cli(common + QStringList{QStringLiteral("--json"), QStringLiteral("credits")},
                          env);
    QCOMPARE(after.json().value(QLatin1String("remaining_credits")),
             before.json().value(QLatin1String("remaining_credits")));
}

void TestCli::keyNeverAppearsInOutput()
{
    QProcessEnvironment env = serverEnv();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("previewdeck.*=true"));
    const Run run = cli({QStringLiteral("--api-base"), m_base, QStringLiteral("--db"),
                         m_dir.filePath(QStringLiteral("key.sqlite")), QStringLiteral("credits")},
                        env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.out.contains(kKey.toUtf8()));
    QVERIFY(!run.err.contains(kKey.toUtf8()));
    QVERIFY(run.err.contains("previewdeck.api")); // the debug log was on, and still no key

    // A wrong key is reported in words, and not echoed either.
    env.insert(QStringLiteral("CREATIFY_API_KEY"), QStringLiteral("wrong-key-5555"));
    const Run wrong = cli({QStringLiteral("--api-base"), m_base, QStringLiteral("--db"),
                           m_dir.filePath(QStringLiteral("key.sqlite")), QStringLiteral("credits")},
                          env);
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY(wrong.err.contains("did not accept the API ID and key"));
    QVERIFY(!wrong.err.contains("wrong-key-5555"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

// Drives the real previewdeck-cli executable, as a script would, against an embedded sandbox
// and against a standalone previewdeck-sandbox process.

#include "clirunner.h"
#include "mediaprobe.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <tuple>

namespace {

using CliTest::Run;

const QString kKey = QStringLiteral("cli-test-key-7d1f0c9a3b");

// A test's own standalone sandbox (faults, step time…), killed when the test ends however it
// ends, with the CLI arguments that point at it and keep a history of their own.
struct OwnSandbox
{
    QProcess process;
    QStringList common; // --api-base and --db
    QString jobId; // after startWithPreviews(): the job and its first preview
    QString mediaJob;
    ~OwnSandbox()
    {
        process.kill();
        process.waitForFinished();
    }
};

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
    void badInputIsRefusedBeforeAnythingIsSent();
    void rateLimitedRenderIsSentAgain();
    void lostPreviewAnswerIsAdopted();
    void lostTemplatePreviewIsNotSureAndNotBoughtTwice();
    void killedRenderCarriesOnWhenRunAgain();
    void killedDownloadResumesWhenRunAgain();
    void sandboxCarriesOnAcrossCommands();
    void linkIdThatIsNoUuidIsBadUsage();
    void carryingOnAsksNoConfirmation();

private:
    Run cli(const QStringList &args, const QProcessEnvironment &env = {}, int timeoutMs = 60000);
    // Starts `sandbox` with `arguments`, its CLI history in `db`; false when it did not start.
    bool startOwnSandbox(OwnSandbox *sandbox, const QStringList &arguments, const QString &db);
    // The same, then a link and its previews made there; false when any of that failed.
    bool startWithPreviews(OwnSandbox *sandbox, const QStringList &arguments, const QString &db);
    // link create + previews --wait on `base`; the job id and the first preview's media_job.
    QPair<QString, QString> previewsReady(const QStringList &common);
    double creditsOn(const QStringList &common);
    QProcess *startCli(const QStringList &args);
    QStringList renderAndWait(const QStringList &common, const QString &jobId,
                              const QString &mediaJob, const QString &downloads) const;
    // After a run that says "Saved PATH": one render was bought, and the file is the server's.
    void verifyOneWholeRender(const Run &run, const QStringList &common, const QString &jobId);
    QProcessEnvironment serverEnv() const;

    QTemporaryDir m_dir;
    CliTest::CliRunner m_cli;
    QProcess m_server;
    QString m_base;
};

void TestCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_cli.setDataRoot(m_dir.path());
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
    return CliTest::accountEnvironment(QStringLiteral("sandbox"), kKey);
}

Run TestCli::cli(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    return m_cli.run(args, env, timeoutMs);
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
    const QString path = render.savedPath();
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
    const QString path = render.savedPath();
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
}

void TestCli::invalidTemplateValuesAreNotSent()
{
    const QProcessEnvironment env = serverEnv();
    const QStringList common = {QStringLiteral("--api-base"), m_base, QStringLiteral("--db"),
                                m_dir.filePath(QStringLiteral("bad.sqlite"))};
    const Run templates = cli(
            common + QStringList{QStringLiteral("--json"), QStringLiteral("templates")}, env);
    const QString templateId = templates.firstOf("templates", "template_id");
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

bool TestCli::startOwnSandbox(OwnSandbox *sandbox, const QStringList &arguments, const QString &db)
{
    QProcess &server = sandbox->process;
    server.setProgram(QStringLiteral(PREVIEWDECK_SANDBOX_EXE));
    server.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                    QStringLiteral("--api-key"), kKey}
                        + arguments);
    server.start();
    if (!server.waitForStarted() || !QTest::qWaitFor([&] { return server.canReadLine(); }, 10000))
        return false;
    const QString line = QString::fromUtf8(server.readLine()).trimmed();
    const QString base = line.mid(line.indexOf(QLatin1String("http://")));
    sandbox->common = {QStringLiteral("--api-base"), base, QStringLiteral("--db"),
                       m_dir.filePath(db)};
    return !base.isEmpty();
}

bool TestCli::startWithPreviews(OwnSandbox *sandbox, const QStringList &arguments, const QString &db)
{
    if (!startOwnSandbox(sandbox, arguments, db))
        return false;
    std::tie(sandbox->jobId, sandbox->mediaJob) = previewsReady(
            sandbox->common + QStringList{QStringLiteral("--json")});
    return !sandbox->mediaJob.isEmpty();
}

QPair<QString, QString> TestCli::previewsReady(const QStringList &common)
{
    const Run link = cli(common
                                 + QStringList{QStringLiteral("link"), QStringLiteral("create"),
                                               QStringLiteral("https://shop.example.com/p/kettle"),
                                               QStringLiteral("--yes")},
                         serverEnv());
    const QString linkId = link.json().value(QLatin1String("id")).toString();
    if (link.exitCode != 0 || linkId.isEmpty())
        return {};
    const Run previews = cli(
            common
                    + QStringList{QStringLiteral("previews"), linkId, QStringLiteral("--styles"),
                                  QStringLiteral("VanillaTemplate,LegoTemplate"),
                                  QStringLiteral("--wait"), QStringLiteral("--yes")},
            serverEnv());
    const QJsonObject job = previews.json();
    const QJsonArray list = job.value(QLatin1String("previews")).toArray();
    if (previews.exitCode != 0 || list.isEmpty())
        return {};
    return {job.value(QLatin1String("id")).toString(),
            list.first().toObject().value(QLatin1String("media_job")).toString()};
}

double TestCli::creditsOn(const QStringList &common)
{
    const Run credits = cli(common + QStringList{QStringLiteral("credits")}, serverEnv());
    return credits.json().value(QLatin1String("remaining_credits")).toDouble(-1);
}

QProcess *TestCli::startCli(const QStringList &args)
{
    return m_cli.start(args, serverEnv(), this);
}

namespace {
QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QByteArray sha256OfUrl(const QString &url)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(url)));
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(10000);
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}
} // namespace

QStringList TestCli::renderAndWait(const QStringList &common, const QString &jobId,
                                   const QString &mediaJob, const QString &downloads) const
{
    return common
            + QStringList{QStringLiteral("render"),
                          jobId,
                          mediaJob,
                          QStringLiteral("--wait"),
                          QStringLiteral("--yes"),
                          QStringLiteral("--download-dir"),
                          downloads,
                          QStringLiteral("--timeout"),
                          QStringLiteral("120")};
}

void TestCli::verifyOneWholeRender(const Run &run, const QStringList &common, const QString &jobId)
{
    const QByteArray saved = run.out.mid(run.out.indexOf("Saved ") + 6).trimmed();
    QVERIFY2(QFile::exists(QString::fromUtf8(saved)), run.out.constData());
    const Run job = cli(common + QStringList{QStringLiteral("--json"), QStringLiteral("job"), jobId},
                        serverEnv());
    const QJsonArray renders = job.json().value(QLatin1String("renders")).toArray();
    QCOMPARE(renders.size(), 1);
    const QString url = renders.first().toObject().value(QLatin1String("video_output")).toString();
    QCOMPARE(sha256Of(QString::fromUtf8(saved)), sha256OfUrl(url));
    // 100 − 1 (link) − 2 (previews) − 4 (one render)
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), 93.0);
}

void TestCli::badInputIsRefusedBeforeAnythingIsSent()
{
    const QStringList common = {QStringLiteral("--api-base"), m_base, QStringLiteral("--db"),
                                m_dir.filePath(QStringLiteral("bad-input.sqlite"))};
    const double before = creditsOn(common + QStringList{QStringLiteral("--json")});
    QVERIFY(before > 0);
    const QString someLink = QStringLiteral("6f1c2b1e-8f3a-4c55-9a61-0d2c6c1f0a11");
    const QStringList previews = {QStringLiteral("previews"), someLink, QStringLiteral("--yes")};
    const QList<QPair<QStringList, QByteArray>> cases = {
            {{QStringLiteral("link"), QStringLiteral("create"), QStringLiteral("not-a-url"),
              QStringLiteral("--yes")},
             "url"},
            {previews + QStringList{QStringLiteral("--styles"), QString()}, "visual_styles"},
            {previews + QStringList{QStringLiteral("--styles"), QStringLiteral("ShinyTemplate")},
             "VanillaTemplate"},
            {previews
                     + QStringList{QStringLiteral("--styles"), QStringLiteral("VanillaTemplate"),
                                   QStringLiteral("--length"), QStringLiteral("17")},
             "video_length"},
            {previews
                     + QStringList{QStringLiteral("--styles"), QStringLiteral("VanillaTemplate"),
                                   QStringLiteral("--aspect"), QStringLiteral("4x3")},
             "16x9"},
            {previews
                     + QStringList{QStringLiteral("--styles"), QStringLiteral("VanillaTemplate"),
                                   QStringLiteral("--model"), QStringLiteral("turbo")},
             "aurora_v1"},
    };
    for (const auto &[args, mentions] : cases) {
        const Run run = cli(common + args, serverEnv());
        QVERIFY2(run.exitCode == 2, qPrintable(args.join(QLatin1Char(' '))));
        QVERIFY2(run.err.contains("Nothing was sent"), run.err.constData());
        QVERIFY2(run.err.contains(mentions), run.err.constData());
    }
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), before);
}

void TestCli::rateLimitedRenderIsSentAgain()
{
    OwnSandbox server;
    QVERIFY(startWithPreviews(&server,
                              {QStringLiteral("--step-ms"), QStringLiteral("30"),
                               QStringLiteral("--fault"),
                               QStringLiteral("rate-limit,method=POST,path=render_single_preview,"
                                              "retry-after=1,count=2")},
                              QStringLiteral("throttled.sqlite")));
    const QStringList &common = server.common;
    const Run render = cli(common
                                   + QStringList{QStringLiteral("render"), server.jobId,
                                                 server.mediaJob, QStringLiteral("--wait"),
                                                 QStringLiteral("--yes"),
                                                 QStringLiteral("--download-dir"),
                                                 m_dir.filePath(QStringLiteral("throttled"))},
                           serverEnv());
    QVERIFY2(render.exitCode == 0, render.err.constData());
    QCOMPARE(render.err.count("Creatify asked us to wait"), 2);
    QVERIFY(render.out.contains("Saved "));
    // 100 − 1 (link) − 2 (previews) − 4 (one render): the two 429s charged nothing.
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), 93.0);
}

void TestCli::lostPreviewAnswerIsAdopted()
{
    OwnSandbox server;
    QVERIFY2(startWithPreviews(
                     &server,
                     {QStringLiteral("--step-ms"), QStringLiteral("30"), QStringLiteral("--fault"),
                      QStringLiteral("lose-response,method=POST,path=preview_list_async")},
                     QStringLiteral("lost-previews.sqlite")),
             "the job whose answer was lost was not adopted");
    const QStringList &common = server.common;
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), 97.0);
    // The same commands again carry on with that link and job: nothing is bought.
    const auto again = previewsReady(common + QStringList{QStringLiteral("--json")});
    QCOMPARE(again.first, server.jobId);
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), 97.0);
    const Run jobs = cli(common + QStringList{QStringLiteral("--json"), QStringLiteral("jobs")},
                         serverEnv());
    QCOMPARE(jobs.json().value(QLatin1String("jobs")).toArray().size(), 1);
}

void TestCli::lostTemplatePreviewIsNotSureAndNotBoughtTwice()
{
    OwnSandbox server;
    QVERIFY(startOwnSandbox(&server,
                            {QStringLiteral("--step-ms"), QStringLiteral("30"),
                             QStringLiteral("--documented-only"), QStringLiteral("--fault"),
                             QStringLiteral("lose-response,method=POST,path=preview_async")},
                            QStringLiteral("not-sure.sqlite")));
    const QStringList &common = server.common;
    const Run templates = cli(
            common + QStringList{QStringLiteral("--json"), QStringLiteral("templates")},
            serverEnv());
    const QString templateId = templates.firstOf("templates", "template_id");
    QVERIFY(!templateId.isEmpty());
    const QStringList preview = common + QStringList{QStringLiteral("template"),
                                                     QStringLiteral("preview"),
                                                     templateId,
                                                     QStringLiteral("--name"),
                                                     QStringLiteral("Spring promo"),
                                                     QStringLiteral("--wait"),
                                                     QStringLiteral("--yes")};
    const Run first = cli(preview, serverEnv());
    QCOMPARE(first.exitCode, 1);
    QVERIFY2(first.err.contains("Spring promo [PD-"), first.err.constData());
    QVERIFY(first.err.contains("--send-again"));
    const double afterFirst = creditsOn(common + QStringList{QStringLiteral("--json")});

    // Running it again is refused without sending…
    const Run second = cli(preview, serverEnv());
    QCOMPARE(second.exitCode, 1);
    QVERIFY(second.err.contains("--send-again"));
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), afterFirst);

    // …until the user says so.
    const Run third = cli(preview + QStringList{QStringLiteral("--send-again")}, serverEnv());
    QVERIFY2(third.exitCode == 0, third.err.constData());
    QCOMPARE(creditsOn(common + QStringList{QStringLiteral("--json")}), afterFirst - 1.0);
}

void TestCli::killedRenderCarriesOnWhenRunAgain()
{
    OwnSandbox server;
    // Slow steps, so that the kill lands while the render runs (it takes three steps).
    QVERIFY(startWithPreviews(&server, {QStringLiteral("--step-ms"), QStringLiteral("700")},
                              QStringLiteral("killed-render.sqlite")));
    const QString downloads = m_dir.filePath(QStringLiteral("killed-render"));
    const QStringList render = renderAndWait(server.common, server.jobId, server.mediaJob,
                                             downloads);
    QProcess *first = startCli(render);
    QVERIFY(QTest::qWaitFor([&] { return first->readAllStandardOutput().contains("started"); },
                            20000));
    QVERIFY(CliTest::CliRunner::kill(first)); // SIGKILL: no chance to tidy up

    const Run again = cli(render, serverEnv());
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("Carrying on with the one started at"), again.err.constData());
    verifyOneWholeRender(again, server.common, server.jobId);
}

void TestCli::killedDownloadResumesWhenRunAgain()
{
    // The first download is cut after 20 000 bytes; its resumption hangs, and is killed.
    OwnSandbox server;
    QVERIFY(startWithPreviews(&server,
                              {QStringLiteral("--step-ms"), QStringLiteral("30"),
                               QStringLiteral("--fault"),
                               QStringLiteral("drop,method=GET,path=^/media/renders/.*\\.mp4$,"
                                              "after=20000,count=1"),
                               QStringLiteral("--fault"),
                               QStringLiteral("slow,method=GET,path=^/media/renders/.*\\.mp4$,"
                                              "delay-ms=60000,skip=1,count=1")},
                              QStringLiteral("killed-download.sqlite")));
    const QString downloads = m_dir.filePath(QStringLiteral("killed-download"));
    const QStringList render = renderAndWait(server.common, server.jobId, server.mediaJob,
                                             downloads);
    QProcess *first = startCli(render);
    const auto partialFile = [&] {
        const QFileInfoList parts = QDir(downloads).entryInfoList({QStringLiteral("*.part")});
        return !parts.isEmpty() && parts.first().size() >= 20000;
    };
    QVERIFY(QTest::qWaitFor(partialFile, 30000));
    // Killed once the resumed request hangs (it goes out a moment after the cut).
    QTest::qWait(2000);
    QVERIFY(CliTest::CliRunner::kill(first));

    const Run again = cli(render, serverEnv());
    QVERIFY2(again.exitCode == 0, again.err.constData());
    verifyOneWholeRender(again, server.common, server.jobId);
    QVERIFY(QDir(downloads).entryList({QStringLiteral("*.part")}).isEmpty());
}

void TestCli::linkIdThatIsNoUuidIsBadUsage()
{
    OwnSandbox server;
    QVERIFY(startOwnSandbox(&server, {QStringLiteral("--step-ms"), QStringLiteral("30")},
                            QStringLiteral("no-uuid.sqlite")));
    const QStringList common = server.common + QStringList{QStringLiteral("--json")};
    const double before = creditsOn(common);
    const Run previews = cli(
            common
                    + QStringList{QStringLiteral("previews"), QStringLiteral("my-lamp"),
                                  QStringLiteral("--styles"), QStringLiteral("VanillaTemplate"),
                                  QStringLiteral("--yes")},
            serverEnv());
    QCOMPARE(previews.exitCode, 2);
    QVERIFY2(previews.err.contains("Nothing was sent"), previews.err.constData());
    QVERIFY2(previews.err.contains("my-lamp"), previews.err.constData());
    const Run show = cli(common
                                 + QStringList{QStringLiteral("link"), QStringLiteral("show"),
                                               QStringLiteral("my-lamp")},
                         serverEnv());
    QCOMPARE(show.exitCode, 2);
    QVERIFY2(show.err.contains("Nothing was sent"), show.err.constData());
    QCOMPARE(creditsOn(common), before);
}

void TestCli::carryingOnAsksNoConfirmation()
{
    // Not the sandbox, no --yes, no terminal: a purchase would have to be refused as bad usage
    // ("Add --yes"); carrying on with an earlier one buys nothing and goes ahead.
    OwnSandbox server;
    QVERIFY(startWithPreviews(&server, {QStringLiteral("--step-ms"), QStringLiteral("30")},
                              QStringLiteral("carry-on.sqlite")));
    const QStringList common = server.common + QStringList{QStringLiteral("--json")};
    const QString downloads = m_dir.filePath(QStringLiteral("carry-on"));
    const Run bought = cli(common
                                   + QStringList{QStringLiteral("render"), server.jobId,
                                                 server.mediaJob, QStringLiteral("--wait"),
                                                 QStringLiteral("--yes"),
                                                 QStringLiteral("--download-dir"), downloads},
                           serverEnv());
    QVERIFY2(bought.exitCode == 0, bought.err.constData());
    const double after = creditsOn(common);

    const Run again = cli(
            common + QStringList{QStringLiteral("render"), server.jobId, server.mediaJob},
            serverEnv());
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("nothing was charged again"), again.err.constData());
    QVERIFY(!again.err.contains("--yes"));
    QCOMPARE(creditsOn(common), after);

    // A new purchase still needs the user's say.
    const Run other = cli(common
                                  + QStringList{QStringLiteral("render"), server.jobId,
                                                server.mediaJob, QStringLiteral("--again")},
                          serverEnv());
    QCOMPARE(other.exitCode, 2);
    QVERIFY2(other.err.contains("Add --yes"), other.err.constData());
    QCOMPARE(creditsOn(common), after);
}

void TestCli::sandboxCarriesOnAcrossCommands()
{
    // The built-in sandbox keeps its workspace next to the history: separate commands, each
    // with its own sandbox process, make one loop.
    const QString db = m_dir.filePath(QStringLiteral("sandbox-loop.sqlite"));
    const QStringList common = {QStringLiteral("--sandbox"),
                                QStringLiteral("--step-ms"),
                                QStringLiteral("30"),
                                QStringLiteral("--db"),
                                db,
                                QStringLiteral("--json")};
    const Run link = cli(common
                         + QStringList{QStringLiteral("link"), QStringLiteral("create"),
                                       QStringLiteral("https://shop.example.com/p/teapot")});
    QVERIFY2(link.exitCode == 0, link.err.constData());
    const QString linkId = link.json().value(QLatin1String("id")).toString();
    const Run previews = cli(
            common
            + QStringList{QStringLiteral("previews"), linkId, QStringLiteral("--styles"),
                          QStringLiteral("VanillaTemplate"), QStringLiteral("--wait")});
    QVERIFY2(previews.exitCode == 0, previews.err.constData());
    const QString jobId = previews.json().value(QLatin1String("id")).toString();
    const QString mediaJob = previews.firstOf("previews", "media_job");
    QVERIFY(!mediaJob.isEmpty());
    const QString downloads = m_dir.filePath(QStringLiteral("sandbox-loop"));
    const Run render = cli(common
                           + QStringList{QStringLiteral("render"), jobId, mediaJob,
                                         QStringLiteral("--wait"), QStringLiteral("--download-dir"),
                                         downloads});
    QVERIFY2(render.exitCode == 0, render.err.constData());
    const QString path = render.savedPath();
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
    // 100 − 1 − 1 − 4: the balance carried over between the commands too.
    const Run credits = cli(common + QStringList{QStringLiteral("credits")});
    QCOMPARE(credits.json().value(QLatin1String("remaining_credits")).toDouble(), 94.0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

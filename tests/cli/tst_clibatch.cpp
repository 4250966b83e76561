// The batch commands of the real previewdeck-cli executable against a sandbox running in this
// test process (so its requests can be counted), as a script would run them.

#include "clirunner.h"
#include "sandboxserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
using CliTest::Run;

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}
} // namespace

class TestCliBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void createShowAndRenderACatalogue();
    void badUsageSendsNothing();
    void killedBatchRenderCarriesOnWhenRunAgain();
    void killedBatchCreateBuysEachProductOnce();
    void declinedRenderSavesAndSendsNothing();
    void failedRenderIsBoughtAgainOnlyWithAgain();
    void picksFileNamesProductsHoweverSpelled();
    void againBuysOnlyFailedRendersAgain();
    void renderNeverTakenIsSentWhenRunAgain();

private:
    QProcess *start(const QStringList &args)
    {
        return m_cli.start(
                args, CliTest::accountEnvironment(m_sandbox->apiId(), m_sandbox->apiKey()), this);
    }
    static Run finish(QProcess *process, int timeoutMs = 60000)
    {
        return CliTest::CliRunner::finish(process, timeoutMs);
    }
    Run cli(const QStringList &args) { return finish(start(args)); }
    QString writeFile(const QString &name, const QString &text);
    QStringList common(const QString &db) const;
    bool addFault(const QString &spec);
    int posts(const QString &path) const { return m_sandbox->requestCount("POST", path); }
    // `batch create FILE --styles STYLES --wait --yes --json` with `base`: the batch's id, or
    // "" when it did not end with every row done.
    QString createBatch(const QStringList &base, const QString &file,
                        const QString &styles = QStringLiteral("FullScreenTemplate"))
    {
        const Run created = cli(base
                                + QStringList{QStringLiteral("--json"), QStringLiteral("--yes"),
                                              QStringLiteral("batch"), QStringLiteral("create"),
                                              file, QStringLiteral("--styles"), styles,
                                              QStringLiteral("--wait")});
        if (created.exitCode != 0) {
            qWarning("batch create: exit %d: %s", created.exitCode, created.err.constData());
            return QString();
        }
        return QString::number(created.json().value(QLatin1String("batch")).toInt());
    }

    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    QTemporaryDir m_dir;
    CliTest::CliRunner m_cli;
};

void TestCliBatch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_cli.setDataRoot(m_dir.path());
}

void TestCliBatch::init()
{
    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    m_sandbox->setStepIntervalMs(20);
    m_sandbox->setCredits(1000);
}

QStringList TestCliBatch::common(const QString &db) const
{
    return {QStringLiteral("--api-base"), m_sandbox->baseUrl().toString(), QStringLiteral("--db"),
            m_dir.filePath(db)};
}

bool TestCliBatch::addFault(const QString &spec)
{
    Sandbox::Fault fault;
    QString error;
    if (!Sandbox::Fault::fromSpec(spec, &fault, &error)) {
        qWarning("bad fault %s: %s", qPrintable(spec), qPrintable(error));
        return false;
    }
    m_sandbox->addFault(fault);
    return true;
}

QString TestCliBatch::writeFile(const QString &name, const QString &text)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(text.toUtf8());
    return file.fileName();
}

void TestCliBatch::createShowAndRenderACatalogue()
{
    Sandbox::Fault reject;
    QString error;
    QVERIFY(Sandbox::Fault::fromSpec(
            QStringLiteral("job-rejected,method=POST,path=preview_list,body=Teapot"), &reject,
            &error));
    m_sandbox->addFault(reject);
    QString csv = QStringLiteral("url,name\n");
    for (int i = 1; i <= 12; ++i) {
        const QString path = i == 3 ? QStringLiteral("blocked") : QStringLiteral("products");
        csv += QStringLiteral("https://shop.example.com/%1/item-%2,%3\n")
                       .arg(path)
                       .arg(i)
                       .arg(i == 6 ? QStringLiteral("Teapot") : QStringLiteral("Item %1").arg(i));
    }
    const QString file = writeFile(QStringLiteral("catalogue.csv"), csv);
    const QStringList base = common(QStringLiteral("catalogue.sqlite"))
            + QStringList{QStringLiteral("--json")};
    const Run created = cli(base
                            + QStringList{QStringLiteral("batch"), QStringLiteral("create"), file,
                                          QStringLiteral("--styles"),
                                          QStringLiteral("DynamicProductTemplate,"
                                                         "FullScreenTemplate"),
                                          QStringLiteral("--wait"), QStringLiteral("--yes")});
    QCOMPARE(created.exitCode, 1); // two rows failed, each with its reason
    const QString batchId = QString::number(created.json().value(QLatin1String("batch")).toInt());
    QCOMPARE(created.rows().size(), 12);
    QCOMPARE(created.rows().at(2).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("blocked"));
    QVERIFY(created.rows()
                    .at(2)
                    .toObject()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("Failed to scrape")));
    QCOMPARE(created.rows().at(5).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("failed"));
    const QJsonObject first = created.rows().first().toObject();
    QCOMPARE(first.value(QLatin1String("status")).toString(), QStringLiteral("done"));
    QVERIFY(!first.value(QLatin1String("link")).toString().isEmpty());
    QVERIFY(!first.value(QLatin1String("job")).toString().isEmpty());
    QCOMPARE(first.value(QLatin1String("previews")).toArray().size(), 2);
    QVERIFY(created.err.contains("row 3 (https://shop.example.com/blocked/item-3)"));
    QVERIFY(created.err.contains("row 6"));

    const Run shown = cli(base
                          + QStringList{QStringLiteral("batch"), QStringLiteral("show"), batchId});
    QCOMPARE(shown.exitCode, 1);
    QCOMPARE(shown.rows().size(), 12);
    for (int i = 0; i < 12; ++i) {
        QJsonObject row = shown.rows().at(i).toObject();
        QVERIFY(row.take(QLatin1String("renders")).toArray().isEmpty()); // nothing picked yet
        QCOMPARE(row, created.rows().at(i).toObject());
    }

    const QString downloads = m_dir.filePath(QStringLiteral("catalogue-videos"));
    const Run rendered = cli(
            base
            + QStringList{QStringLiteral("batch"), QStringLiteral("render"), batchId,
                          QStringLiteral("--pick"), QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--wait"), QStringLiteral("--download-dir"), downloads,
                          QStringLiteral("--yes")});
    QCOMPARE(rendered.exitCode, 1);
    int saved = 0;
    for (const QJsonValue &value : rendered.rows()) {
        const QJsonArray renders = value.toObject().value(QLatin1String("renders")).toArray();
        for (const QJsonValue &render : renders) {
            const QString path = render.toObject().value(QLatin1String("path")).toString();
            QCOMPARE(render.toObject().value(QLatin1String("status")).toString(),
                     QStringLiteral("done"));
            QVERIFY(QFile::exists(path) && path.startsWith(downloads));
            ++saved;
        }
    }
    QCOMPARE(saved, 10);
    QCOMPARE(QDir(downloads).entryList({QStringLiteral("*.mp4")}).size(), 10);
    // Counted on the sandbox: one link per product, one preview job per product read, one
    // render per pick.
    QCOMPARE(posts(QStringLiteral("^/api/links/$")), 12);
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 11);
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 10);

    const QString report = m_dir.filePath(QStringLiteral("report.csv"));
    const Run exported = cli(
            base + QStringList{QStringLiteral("batch"), QStringLiteral("export"), batchId, report});
    QCOMPARE(exported.exitCode, 0);
    QFile reportFile(report);
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    QCOMPARE(reportFile.readAll().count("\n"), 1 + 24);
}

void TestCliBatch::badUsageSendsNothing()
{
    const QStringList base = common(QStringLiteral("usage.sqlite"));
    const QString noUrl = writeFile(QStringLiteral("no-url.csv"),
                                    QStringLiteral("name,link\nLamp,https://shop.example.com/a\n"));
    Run run = cli(base
                  + QStringList{QStringLiteral("batch"), QStringLiteral("create"), noUrl,
                                QStringLiteral("--styles"), QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("no url column"));
    const QString list = writeFile(QStringLiteral("list.txt"),
                                   QStringLiteral("https://shop.example.com/a\n"));
    run = cli(base
              + QStringList{QStringLiteral("batch"), QStringLiteral("create"), list,
                            QStringLiteral("--styles"), QStringLiteral("NoSuchStyle"),
                            QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 2);
    const QString badLine = writeFile(QStringLiteral("bad-line.txt"),
                                      QStringLiteral("https://shop.example.com/a\nftp://x/y\n"));
    run = cli(base
              + QStringList{QStringLiteral("batch"), QStringLiteral("create"), badLine,
                            QStringLiteral("--styles"), QStringLiteral("FullScreenTemplate"),
                            QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("line 2"));
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral(".")), 0);
}

void TestCliBatch::killedBatchRenderCarriesOnWhenRunAgain()
{
    const QString file = writeFile(QStringLiteral("killed.txt"),
                                   QStringLiteral("https://shop.example.com/p/a\n"
                                                  "https://shop.example.com/p/b\n"
                                                  "https://shop.example.com/p/c\n"));
    const QString db = QStringLiteral("killed.sqlite");
    const QStringList base = common(db);
    const QString batchId = createBatch(base, file);
    QVERIFY(!batchId.isEmpty());

    m_sandbox->setStepIntervalMs(400); // the kill lands while the renders run
    const QString downloads = m_dir.filePath(QStringLiteral("killed-videos"));
    const QStringList render = base
            + QStringList{QStringLiteral("--json"),
                          QStringLiteral("batch"),
                          QStringLiteral("render"),
                          batchId,
                          QStringLiteral("--pick"),
                          QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--wait"),
                          QStringLiteral("--download-dir"),
                          downloads,
                          QStringLiteral("--yes")};
    QProcess *first = start(render);
    QVERIFY(QTest::qWaitFor([&] { return posts(QStringLiteral("render_single_preview")) >= 2; },
                            20000));
    QVERIFY(CliTest::CliRunner::kill(first)); // SIGKILL: no chance to tidy up
    m_sandbox->setStepIntervalMs(20);

    const Run again = cli(render);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 3); // one per pick, never two

    // Every file is whole: the same bytes as the sandbox's video.
    QNetworkAccessManager network;
    {
        QSqlDatabase history = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                         QStringLiteral("history"));
        history.setDatabaseName(m_dir.filePath(db));
        QVERIFY(history.open());
        QSqlQuery q(history);
        QVERIFY(q.exec(QStringLiteral("SELECT r.video_output, d.target_path FROM renders r JOIN "
                                      "downloads d ON d.render_local_id = r.local_id")));
        int files = 0;
        while (q.next()) {
            QFile saved(q.value(1).toString());
            QVERIFY2(saved.open(QIODevice::ReadOnly), qPrintable(saved.fileName()));
            QVERIFY(saved.fileName().startsWith(downloads));
            QNetworkReply *reply = network.get(QNetworkRequest(QUrl(q.value(0).toString())));
            QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
            QCOMPARE(sha256(saved.readAll()), sha256(reply->readAll()));
            reply->deleteLater();
            ++files;
        }
        QCOMPARE(files, 3);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("history"));
    QVERIFY(QDir(downloads).entryList({QStringLiteral("*.part")}).isEmpty());
}

void TestCliBatch::killedBatchCreateBuysEachProductOnce()
{
    // The sandbox's own record of the account: what was bought there, whatever the CLI thinks.
    const QString stateFile = m_dir.filePath(QStringLiteral("create-killed-sandbox.json"));
    m_sandbox->setStateFile(stateFile);
    // Every link answer comes late, the fourth one very late; the answer to the first previews
    // is lost and the others come late: when the kill lands, a link, previews and a lost answer
    // are all in flight.
    QVERIFY(addFault(QStringLiteral("slow,method=POST,path=^/api/links/$,delay-ms=600,count=-1")));
    QVERIFY(addFault(
            QStringLiteral("slow,method=POST,path=^/api/links/$,delay-ms=4000,skip=3,count=1")));
    QVERIFY(addFault(QStringLiteral("lose-response,method=POST,path=preview_list_async")));
    QVERIFY(addFault(
            QStringLiteral("slow,method=POST,path=preview_list_async,delay-ms=2000,count=-1")));
    QString list;
    const int products = 5;
    for (int i = 1; i <= products; ++i)
        list += QStringLiteral("https://shop.example.com/p/kettle-%1\n").arg(i);
    const QString file = writeFile(QStringLiteral("create-killed.txt"), list);
    const QStringList create = common(QStringLiteral("create-killed.sqlite"))
            + QStringList{QStringLiteral("--json"),   QStringLiteral("batch"),
                          QStringLiteral("create"),   file,
                          QStringLiteral("--styles"), QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--wait"),   QStringLiteral("--yes")};
    QProcess *first = start(create);
    QVERIFY(QTest::qWaitFor([&] { return posts(QStringLiteral("preview_list_async")) >= 2; },
                            30000));
    QVERIFY(CliTest::CliRunner::kill(first)); // SIGKILL: no chance to tidy up
    QVERIFY(posts(QStringLiteral("^/api/links/$")) < products
            || posts(QStringLiteral("preview_list_async")) < products); // some not sent yet

    // The same command again carries on: what was sent is found on the server, not bought again.
    const Run again = finish(start(create), 180000);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("Carrying on with batch"), again.err.constData());
    QCOMPARE(again.rows().size(), products);
    for (const QJsonValue &row : again.rows()) {
        QCOMPARE(row.toObject().value(QLatin1String("status")).toString(), QStringLiteral("done"));
        QCOMPARE(row.toObject().value(QLatin1String("previews")).toArray().size(), 1);
    }

    QFile saved(stateFile);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QJsonObject account = QJsonDocument::fromJson(saved.readAll()).object();
    QMap<QString, QString> productOfLink; // link id -> product page
    for (const QJsonValue &link : account.value(QLatin1String("links")).toArray()) {
        const QString url = link.toObject().value(QLatin1String("url")).toString();
        QVERIFY2(!productOfLink.values().contains(url),
                 qPrintable(url + QLatin1String(" has two links")));
        productOfLink.insert(link.toObject().value(QLatin1String("id")).toString(), url);
    }
    QCOMPARE(productOfLink.size(), products);
    QSet<QString> linksWithPreviews;
    const QJsonArray jobs = account.value(QLatin1String("videoJobs")).toArray();
    for (const QJsonValue &job : jobs) {
        const QString linkId = job.toObject().value(QLatin1String("linkId")).toString();
        QVERIFY2(productOfLink.contains(linkId), qPrintable(linkId));
        QVERIFY2(!linksWithPreviews.contains(linkId),
                 qPrintable(productOfLink.value(linkId) + QLatin1String(" has two preview jobs")));
        linksWithPreviews.insert(linkId);
    }
    QCOMPARE(jobs.size(), products);
    // 1 credit per link and 1 per 30 s preview, once per product.
    QCOMPARE(account.value(QLatin1String("credits")).toDouble(), 1000.0 - products * 2);
    QCOMPARE(m_sandbox->credits(), 1000.0 - products * 2);
}

void TestCliBatch::declinedRenderSavesAndSendsNothing()
{
    const QString file = writeFile(QStringLiteral("declined.txt"),
                                   QStringLiteral("https://shop.example.com/p/a\n"
                                                  "https://shop.example.com/p/b\n"));
    const QString db = QStringLiteral("declined.sqlite");
    const QStringList base = common(db) + QStringList{QStringLiteral("--json")};
    const QString batchId = createBatch(base, file);
    QVERIFY(!batchId.isEmpty());
    const QString downloads = m_dir.filePath(QStringLiteral("declined-videos"));
    const QStringList render = base
            + QStringList{QStringLiteral("batch"),
                          QStringLiteral("render"),
                          batchId,
                          QStringLiteral("--pick"),
                          QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--download-dir"),
                          downloads,
                          QStringLiteral("--wait")};
    // Not confirmed (no --yes, and no terminal to ask on): the question is the answer "no".
    const Run declined = cli(render);
    QCOMPARE(declined.exitCode, 2);
    QVERIFY2(declined.err.contains("--yes"), declined.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 0);
    {
        QSqlDatabase history = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                         QStringLiteral("declined"));
        history.setDatabaseName(m_dir.filePath(db));
        QVERIFY(history.open());
        QSqlQuery q(history);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM batch_picks")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0); // no pick saved
        QVERIFY(q.exec(QStringLiteral("SELECT download_dir FROM batches")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toString() != downloads); // nor the folder
    }
    QSqlDatabase::removeDatabase(QStringLiteral("declined"));

    // Confirmed: both picks are saved, bought once each and saved into the folder.
    const Run confirmed = cli(render + QStringList{QStringLiteral("--yes")});
    QVERIFY2(confirmed.exitCode == 0, confirmed.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 2);
    QCOMPARE(QDir(downloads).entryList({QStringLiteral("*.mp4")}).size(), 2);
}

void TestCliBatch::failedRenderIsBoughtAgainOnlyWithAgain()
{
    QVERIFY(addFault(QStringLiteral("job-failed,path=render_single_preview,count=1,"
                                    "reason=Out of GPUs")));
    const QString file = writeFile(QStringLiteral("again.txt"),
                                   QStringLiteral("https://shop.example.com/p/a\n"
                                                  "https://shop.example.com/p/b\n"));
    const QStringList base = common(QStringLiteral("again.sqlite"))
            + QStringList{QStringLiteral("--json"), QStringLiteral("--yes")};
    const QString batchId = createBatch(base, file);
    QVERIFY(!batchId.isEmpty());
    const QString downloads = m_dir.filePath(QStringLiteral("again-videos"));
    const QStringList render = base
            + QStringList{QStringLiteral("batch"),
                          QStringLiteral("render"),
                          batchId,
                          QStringLiteral("--pick"),
                          QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--download-dir"),
                          downloads,
                          QStringLiteral("--wait")};
    const auto failedRenders = [](const Run &run) {
        QStringList reasons;
        for (const QJsonValue &row : run.rows())
            for (const QJsonValue &r : row.toObject().value(QLatin1String("renders")).toArray())
                if (r.toObject().value(QLatin1String("status")).toString()
                    == QLatin1String("failed"))
                    reasons << r.toObject().value(QLatin1String("error")).toString();
        return reasons;
    };

    const Run first = cli(render);
    QCOMPARE(first.exitCode, 1); // one render failed, its reason given
    QCOMPARE(failedRenders(first), QStringList{QStringLiteral("Out of GPUs")});
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 2);
    QCOMPARE(QDir(downloads).entryList({QStringLiteral("*.mp4")}).size(), 1);

    // The same command again carries on: a failed render is not bought again by itself.
    const Run rerun = cli(render);
    QCOMPARE(rerun.exitCode, 1);
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 2);

    // --again buys the failed one again, once, and asks for its cost (refused without --yes).
    QStringList again = render;
    again.removeAll(QStringLiteral("--yes"));
    again << QStringLiteral("--again");
    const Run unconfirmed = cli(again);
    QCOMPARE(unconfirmed.exitCode, 2);
    QVERIFY2(unconfirmed.err.contains("Rendering 1 pick again (it failed) costs 4 credits"),
             unconfirmed.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 2);
    const Run retried = cli(again + QStringList{QStringLiteral("--yes")});
    QVERIFY2(retried.exitCode == 0, retried.err.constData());
    QVERIFY(failedRenders(retried).isEmpty());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 3);
    QCOMPARE(QDir(downloads).entryList({QStringLiteral("*.mp4")}).size(), 2);

    // Nothing failed is left: --again buys nothing more.
    const Run done = cli(again + QStringList{QStringLiteral("--yes")});
    QCOMPARE(done.exitCode, 0);
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 3);
}

void TestCliBatch::picksFileNamesProductsHoweverSpelled()
{
    const QString file = writeFile(QStringLiteral("pickfile.txt"),
                                   QStringLiteral("https://shop.example.com/p/lamp\n"
                                                  "https://shop.example.com/p/chair\n"));
    const QStringList base = common(QStringLiteral("pickfile.sqlite"))
            + QStringList{QStringLiteral("--json"), QStringLiteral("--yes")};
    const QString batchId = createBatch(base, file,
                                        QStringLiteral("FullScreenTemplate,VanillaTemplate"));
    QVERIFY(!batchId.isEmpty());
    const auto render = [&](const QString &picksFile) {
        return cli(base
                   + QStringList{QStringLiteral("batch"), QStringLiteral("render"), batchId,
                                 QStringLiteral("--picks"), picksFile,
                                 QStringLiteral("--download-dir"),
                                 m_dir.filePath(QStringLiteral("pickfile-videos")),
                                 QStringLiteral("--wait")});
    };

    // A product the batch does not have: nothing is sent, the line is named.
    const Run unknown = render(writeFile(
            QStringLiteral("unknown-picks.csv"),
            QStringLiteral("url,visual_style\nhttps://shop.example.com/p/sofa,VanillaTemplate\n")));
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("line 2"), unknown.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 0);

    // Two styles for the lamp (spelled with a trailing slash and the host in capitals), one
    // for the chair: three renders, each once.
    const Run rendered = render(
            writeFile(QStringLiteral("picks.csv"),
                      QStringLiteral("url,visual_style\n"
                                     "https://SHOP.example.com/p/lamp/,FullScreenTemplate\n"
                                     "https://shop.example.com/p/lamp,VanillaTemplate\n"
                                     "https://shop.example.com/p/chair,VanillaTemplate\n")));
    QVERIFY2(rendered.exitCode == 0, rendered.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 3);
    QStringList renders;
    for (const QJsonValue &row : rendered.rows())
        for (const QJsonValue &r : row.toObject().value(QLatin1String("renders")).toArray())
            renders << row.toObject()
                                    .value(QLatin1String("url"))
                                    .toString()
                                    .section(QLatin1Char('/'), -1)
                            + QLatin1Char(' ')
                            + r.toObject().value(QLatin1String("visual_style")).toString();
    renders.sort();
    QCOMPARE(renders,
             (QStringList{QStringLiteral("chair VanillaTemplate"),
                          QStringLiteral("lamp FullScreenTemplate"),
                          QStringLiteral("lamp VanillaTemplate")}));
}

void TestCliBatch::againBuysOnlyFailedRendersAgain()
{
    const QString file = writeFile(QStringLiteral("againscope.txt"),
                                   QStringLiteral("https://shop.example.com/p/a\n"));
    const QString db = QStringLiteral("againscope.sqlite");
    const QStringList base = common(db)
            + QStringList{QStringLiteral("--json"), QStringLiteral("--yes")};
    const QString batchId = createBatch(base, file);
    QVERIFY(!batchId.isEmpty());
    const QStringList render = base
            + QStringList{QStringLiteral("batch"),
                          QStringLiteral("render"),
                          batchId,
                          QStringLiteral("--pick"),
                          QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--download-dir"),
                          m_dir.filePath(QStringLiteral("againscope-videos")),
                          QStringLiteral("--wait")};
    QCOMPARE(cli(render).exitCode, 0);
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 1);
    {
        // The pick taken back (as the board's P does), so it is a new pick next time.
        QSqlDatabase history = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                         QStringLiteral("againscope"));
        history.setDatabaseName(m_dir.filePath(db));
        QVERIFY(history.open());
        QSqlQuery q(history);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM batch_picks")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("againscope"));
    // Picked again with --again: nothing failed, so nothing is bought again; the new pick
    // carries on with the render its preview already has.
    const Run again = cli(render + QStringList{QStringLiteral("--again")});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 1);
}

void TestCliBatch::renderNeverTakenIsSentWhenRunAgain()
{
    const QString file = writeFile(QStringLiteral("nottaken.txt"),
                                   QStringLiteral("https://shop.example.com/p/a\n"));
    const QStringList base = common(QStringLiteral("nottaken.sqlite"))
            + QStringList{QStringLiteral("--json"), QStringLiteral("--yes")};
    const QString batchId = createBatch(base, file);
    QVERIFY(!batchId.isEmpty());
    const QStringList render = base
            + QStringList{QStringLiteral("batch"),
                          QStringLiteral("render"),
                          batchId,
                          QStringLiteral("--pick"),
                          QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("--download-dir"),
                          m_dir.filePath(QStringLiteral("nottaken-videos")),
                          QStringLiteral("--wait")};
    // Out of credits: Creatify does not take the render, nothing is charged.
    m_sandbox->setCredits(1);
    const Run refused = cli(render);
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(m_sandbox->credits(), 1.0);
    // Topped up, the same command sends it (no --again needed: nothing was bought), once.
    m_sandbox->setCredits(100);
    const Run sent = cli(render);
    QVERIFY2(sent.exitCode == 0, sent.err.constData());
    QCOMPARE(m_sandbox->credits(), 96.0);
    const Run rerun = cli(render);
    QCOMPARE(rerun.exitCode, 0);
    QCOMPARE(m_sandbox->credits(), 96.0);
}

QTEST_GUILESS_MAIN(TestCliBatch)
#include "tst_clibatch.moc"

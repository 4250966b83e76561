// The assembled core: a render downloads by itself, and whatever was unfinished when the app
// stopped (a preview job, a half-downloaded video) carries on when a new Engine opens the same
// history.

#include "coretesthelpers.h"
#include "mediaprobe.h"

#include "creditbalance.h"
#include "downloadmanager.h"
#include "engine.h"
#include "jobtracker.h"
#include "linkjobs.h"
#include "spendguard.h"
#include "store.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace PreviewDeck;

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void finishedRenderDownloadsByItself();
    void unfinishedWorkCarriesOnAfterARestart();
    void linkAnswersAreRecordedByTheEngine();

private:
    std::unique_ptr<Engine> makeEngine();
    qint64 previewsDone(Engine *engine);

    QTemporaryDir m_dir;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    QString m_storePath;
};

void TestEngine::init()
{
    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    m_sandbox->setStepIntervalMs(20);
    m_storePath = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())
                                 + QLatin1String(".sqlite"));
}

void TestEngine::cleanup()
{
    m_sandbox.reset();
}

std::unique_ptr<Engine> TestEngine::makeEngine()
{
    auto engine = std::make_unique<Engine>();
    TestHelpers::pointAt(engine->client(), *m_sandbox);
    engine->tracker()->setBaseIntervalMs(10);
    engine->tracker()->setMaxIntervalMs(50);
    engine->spendGuard()->setReconcileGraceMs(20);
    engine->setDownloadDirectory(m_dir.filePath(QStringLiteral("videos")));
    engine->setAutoDownload(true);
    if (!engine->open(m_storePath))
        return nullptr;
    return engine;
}

qint64 TestEngine::previewsDone(Engine *engine)
{
    const QString linkId = TestHelpers::createLink(engine->client());
    SpendOperation *op = engine->spendGuard()->requestPreviews(
            TestHelpers::previewRequest(linkId, {QStringLiteral("VanillaTemplate")}));
    const qint64 jobId = op->jobLocalId();
    QSignalSpy confirmed(op, &SpendOperation::finished);
    if (!confirmed.wait(5000))
        return 0;
    QDeadlineTimer deadline(10000);
    while (engine->store()->job(jobId)->status != QLatin1String("done") && !deadline.hasExpired())
        QTest::qWait(10);
    return engine->store()->job(jobId)->status == QLatin1String("done") ? jobId : 0;
}

void TestEngine::finishedRenderDownloadsByItself()
{
    auto engine = makeEngine();
    QVERIFY(engine);
    engine->resume();
    const qint64 jobId = previewsDone(engine.get());
    QVERIFY(jobId);
    // The balance follows every spend by itself: 100 - 1 (link) - 1 (one 30 s preview).
    QTRY_COMPARE_WITH_TIMEOUT(engine->balance()->value(), 98.0, 5000);
    const QString mediaJob = engine->store()->previews(jobId).first().mediaJob;
    QSignalSpy saved(engine.get(), &Engine::downloadFinished);
    SpendOperation *op = engine->spendGuard()->renderPreview(jobId, mediaJob);
    const qint64 renderId = op->renderLocalId();
    QVERIFY(saved.wait(15000));
    QCOMPARE(saved.first().at(0).toLongLong(), renderId);
    const QString path = saved.first().at(1).toString();
    QVERIFY(path.startsWith(m_dir.filePath(QStringLiteral("videos"))));
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
    QCOMPARE(engine->store()->downloadForRender(renderId)->status, QStringLiteral("done"));
    QTRY_COMPARE_WITH_TIMEOUT(engine->balance()->value(), 94.0, 5000); // and the 4-credit render
}

void TestEngine::unfinishedWorkCarriesOnAfterARestart()
{
    qint64 pendingJob = 0;
    qint64 renderId = 0;
    QString partPath;
    {
        auto engine = makeEngine();
        QVERIFY(engine);
        engine->resume();
        const qint64 jobId = previewsDone(engine.get());
        QVERIFY(jobId);

        // The connection for the video is cut after 20000 bytes, and the app "stops" as soon
        // as the first slice is on disk (well before the download would retry by itself).
        Sandbox::Fault cut;
        cut.kind = Sandbox::Fault::Kind::DropConnection;
        cut.method = "GET";
        cut.pathPattern = QStringLiteral("^/media/renders/");
        cut.dropAfterBytes = 20000;
        cut.count = -1;
        m_sandbox->addFault(cut);
        engine->downloads()->setInactivityTimeout(60000);

        const QString mediaJob = engine->store()->previews(jobId).first().mediaJob;
        SpendOperation *op = engine->spendGuard()->renderPreview(jobId, mediaJob);
        renderId = op->renderLocalId();
        QTRY_VERIFY_WITH_TIMEOUT(engine->store()->downloadForRender(renderId).has_value(), 15000);
        const QString target = engine->store()->downloadForRender(renderId)->targetPath;
        partPath = target + QLatin1String(".part");
        QTRY_VERIFY_WITH_TIMEOUT(QFile(partPath).size() >= 20000, 15000);

        // And a second preview job has just been accepted when the app stops.
        SpendOperation *more = engine->spendGuard()->requestPreviews(TestHelpers::previewRequest(
                engine->store()->job(jobId)->linkId, {QStringLiteral("LegoTemplate")}));
        pendingJob = more->jobLocalId();
        QSignalSpy confirmed(more, &SpendOperation::finished);
        QVERIFY(confirmed.wait(5000));
        QVERIFY(!engine->store()->job(pendingJob)->status.isFinished());

    } // the app stops here: downloads are cancelled, their .part kept

    QVERIFY(QFile::exists(partPath));
    QCOMPARE(QFile(partPath).size() % 20000, 0); // only whole cut-off slices were kept
    m_sandbox->clearFaults();
    m_sandbox->clearRequestLog();

    auto restarted = makeEngine();
    QVERIFY(restarted);
    QSignalSpy saved(restarted.get(), &Engine::downloadFinished);
    restarted->resume();
    QVERIFY(saved.wait(15000));
    const QString path = saved.first().at(1).toString();
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
    QVERIFY(!QFile::exists(partPath));
    // It carried on from the partial file rather than starting over.
    bool resumedWithRange = false;
    for (const Sandbox::RequestLogEntry &entry : m_sandbox->requestLog())
        resumedWithRange |= entry.path.startsWith(QLatin1String("/media/renders/"))
                && entry.status == 206;
    QVERIFY(resumedWithRange);
    QTRY_COMPARE_WITH_TIMEOUT(restarted->store()->job(pendingJob)->status, QStringLiteral("done"),
                              15000);
    QCOMPARE(restarted->store()->previews(pendingJob).size(), 1);
}

void TestEngine::linkAnswersAreRecordedByTheEngine()
{
    auto engine = makeEngine();
    QVERIFY(engine);
    Store *store = engine->store();
    // Made behind the engine's back: the store does not know it yet.
    const QString linkId = TestHelpers::createLink(engine->client());
    QVERIFY(!linkId.isEmpty());
    QVERIFY(!store->link(linkId));
    QSignalSpy linkChanged(store, &Store::linkChanged);

    // Reading it records it, before the caller hears the answer.
    ApiJob *fetch = engine->fetchLink(linkId);
    std::optional<Link> storedAtAnswer;
    connect(fetch, &ApiJob::finished, this,
            [&storedAtAnswer, store, linkId](ApiJob *) { storedAtAnswer = store->link(linkId); });
    QSignalSpy fetched(fetch, &ApiJob::finished);
    fetch->start();
    QVERIFY(fetched.wait(5000));
    QVERIFY(storedAtAnswer);
    QCOMPARE(linkChanged.count(), 1);
    QCOMPARE(linkChanged.at(0).at(0).toString(), linkId);

    // Editing it records Creatify's answer the same way.
    LinkParams changes;
    changes.title = QStringLiteral("Aurora Lamp, edited");
    changes.description = QStringLiteral("Warm light for long evenings.");
    changes.imageUrls = storedAtAnswer->imageUrls.mid(0, 1);
    ApiJob *update = engine->updateLink(*storedAtAnswer, changes);
    QString titleAtAnswer;
    connect(update, &ApiJob::finished, this, [&titleAtAnswer, store, linkId](ApiJob *) {
        titleAtAnswer = store->link(linkId).value_or(Link()).title;
    });
    QSignalSpy updated(update, &ApiJob::finished);
    update->start();
    QVERIFY(updated.wait(5000));
    QCOMPARE(titleAtAnswer, changes.title);
    QCOMPARE(linkChanged.count(), 2);
    QCOMPARE(store->link(linkId)->description, changes.description);
    QCOMPARE(store->link(linkId)->id, linkId); // the outer id is kept (PUT answers the inner one)
    // Creatify has it too.
    std::unique_ptr<GetLinkJob> check(
            TestHelpers::runToEnd(new GetLinkJob(engine->client(), linkId)));
    QVERIFY(check->succeeded());
    QCOMPARE(check->link().title, changes.title);

    // A refused edit writes nothing.
    Link unknown;
    unknown.id = QStringLiteral("00000000-0000-0000-0000-000000000000");
    ApiJob *refused = engine->updateLink(unknown, changes);
    QSignalSpy refusedDone(refused, &ApiJob::finished);
    refused->start();
    QVERIFY(refusedDone.wait(5000));
    QCOMPARE(linkChanged.count(), 2);
    QVERIFY(!store->link(unknown.id));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"

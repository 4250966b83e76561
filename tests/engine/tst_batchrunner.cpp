// The batch runner against a real engine and sandbox: a catalogue of products read, previewed
// and rendered by picks, with a blocked shop, rejected previews, a 429 and a restart.

#include "coretesthelpers.h"

#include "batchexport.h"
#include "batchprogress.h"
#include "batchrunner.h"
#include "engine.h"
#include "jobtracker.h"
#include "sandboxserver.h"
#include "spendguard.h"
#include "spendledger.h"
#include "spendoperation.h"
#include "store.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;

class TestBatchRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void catalogueWithABlockedShopAndRejectedPreviews();
    void rateLimitPausesTheQueueAndChargesOnce();
    void restartCarriesOnWithoutBuyingAgain();
    void fixedRowIsEnteredByHandAndDroppedRowIsLeftAlone();
    void fixRowTakesOnlyABlockedRowNotBeingRead();
    void pickAddedAfterTheConfirmationIsNotBought();
    void confirmedPicksRenderAfterARestart();
    void failedRenderTriedAgainIsBoughtOnceMore();
    void refusedRenderIsSentOnlyWhenConfirmedAgain();
    void sameProductsAndStylesMakeTheSameBatchKey();

private:
    std::unique_ptr<Engine> openEngine(const QString &db);
    static QList<BatchRow> products(int count, const QStringList &special = {});
    static PreviewListRequest twoStyles();
    Batch batchOf(Engine *engine, qint64 id) const { return *engine->store()->batch(id); }
    bool previewsSettled(Engine *engine, qint64 id, int timeoutMs = 20000) const;
    bool pickDone(Engine *engine, qint64 id, int position, const QString &style) const;
    // The first row's first pick as it stands.
    BatchProgress::PickState firstPick(Engine *engine, qint64 id) const
    {
        const BatchRow row = batchOf(engine, id).rows.at(0);
        return BatchProgress::pickState(row, row.picks.at(0), *engine->store());
    }
    static bool becomesIdle(BatchRunner *runner);
    // The user confirms every pick the Render button counts.
    static bool confirmAll(BatchRunner *runner, Engine *engine, qint64 id)
    {
        return runner->renderPicks(
                id, BatchProgress::picksToConfirm(*engine->store()->batch(id), *engine->store()));
    }
    int posts(const QString &path) const { return m_sandbox->requestCount("POST", path); }

    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    QTemporaryDir m_dir;
};

void TestBatchRunner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<SpendOperation *>();
}

void TestBatchRunner::init()
{
    // A fresh account per test: the counts below are of this test's purchases alone.
    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    m_sandbox->setStepIntervalMs(20);
    m_sandbox->setCredits(1000);
}

std::unique_ptr<Engine> TestBatchRunner::openEngine(const QString &db)
{
    auto engine = std::make_unique<Engine>();
    if (!engine->open(m_dir.filePath(db)))
        return nullptr;
    TestHelpers::pointAt(engine->client(), *m_sandbox);
    engine->tracker()->setBaseIntervalMs(10);
    engine->tracker()->setMaxIntervalMs(50);
    engine->spendGuard()->setReconcileGraceMs(20);
    engine->spendGuard()->setReconcileRetryMs(50);
    engine->setDownloadDirectory(m_dir.filePath(QStringLiteral("downloads")));
    return engine;
}

QList<BatchRow> TestBatchRunner::products(int count, const QStringList &special)
{
    QList<BatchRow> rows;
    for (int i = 0; i < count; ++i) {
        BatchRow row;
        row.url = QStringLiteral("https://shop.example.com/products/item-%1").arg(i + 1);
        if (i < special.size() && special.at(i) == QLatin1String("blocked"))
            row.url = QStringLiteral("https://shop.example.com/blocked/item-%1").arg(i + 1);
        else if (i < special.size() && !special.at(i).isEmpty())
            row.name = special.at(i);
        rows << row;
    }
    return rows;
}

PreviewListRequest TestBatchRunner::twoStyles()
{
    PreviewListRequest options;
    options.visualStyles = {QStringLiteral("DynamicProductTemplate"),
                            QStringLiteral("FullScreenTemplate")};
    options.aspectRatio = QStringLiteral("9x16");
    options.videoLength = 30;
    return options;
}

bool TestBatchRunner::previewsSettled(Engine *engine, qint64 id, int timeoutMs) const
{
    return QTest::qWaitFor(
            [&] {
                return BatchProgress::summarize(batchOf(engine, id), *engine->store())
                        .previewsSettled();
            },
            timeoutMs);
}

bool TestBatchRunner::pickDone(Engine *engine, qint64 id, int position, const QString &style) const
{
    return QTest::qWaitFor(
            [&] {
                const BatchRow row = batchOf(engine, id).rows.at(position);
                for (const BatchPick &pick : row.picks)
                    if (pick.visualStyle == style)
                        return BatchProgress::pickState(row, pick, *engine->store()).stage
                                == BatchProgress::PickStage::Done;
                return false;
            },
            20000);
}

// Whatever the runner had to do (buying something again would be such work) is over.
bool TestBatchRunner::becomesIdle(BatchRunner *runner)
{
    if (runner->isIdle())
        return true;
    QSignalSpy idle(runner, &BatchRunner::idle);
    return idle.wait(20000);
}

void TestBatchRunner::catalogueWithABlockedShopAndRejectedPreviews()
{
    Sandbox::Fault reject;
    QString error;
    QVERIFY(Sandbox::Fault::fromSpec(
            QStringLiteral("job-rejected,method=POST,path=preview_list,body=Teapot"), &reject,
            &error));
    m_sandbox->addFault(reject);
    auto engine = openEngine(QStringLiteral("catalogue.sqlite"));
    QVERIFY(engine);
    BatchRunner runner(engine.get());
    const QString folder = m_dir.filePath(QStringLiteral("catalogue"));
    // Row 3's shop blocks reading; row 6 ("Teapot") has its previews rejected.
    QStringList special{QString(), QString(), QStringLiteral("blocked"),
                        QString(), QString(), QStringLiteral("Teapot")};
    const qint64 id = runner.create(QStringLiteral("Catalogue"), twoStyles(), products(12, special),
                                    folder);
    QVERIFY(id > 0);
    // The most purchases in flight at once, seen each time one is sent or answered. With 12
    // products the queue is full from the start, so it reaches the limit and never passes it.
    auto most = std::make_shared<int>(0);
    const auto watching = connect(
            engine->spendGuard(), &SpendGuard::spendChanged, &runner,
            [most, runner = &runner] { *most = qMax(*most, runner->inFlight()); });
    QVERIFY(runner.run(id));
    QVERIFY(previewsSettled(engine.get(), id));
    disconnect(watching);
    QCOMPARE(*most, BatchRunner::DefaultMaxInFlight);

    Batch batch = batchOf(engine.get(), id);
    BatchProgress::Summary summary = BatchProgress::summarize(batch, *engine->store());
    QCOMPARE(summary.rowsReady, 10);
    QCOMPARE(summary.rowsFailed, 2);
    QCOMPARE(summary.text(),
             QStringLiteral("20 of 20 previews ready · 1 product blocked · 1 "
                            "product failed · 0 picked"));
    const BatchRow blocked = batch.rows.at(2);
    QCOMPARE(BatchProgress::rowState(blocked, *engine->store()),
             BatchProgress::RowState::LinkFailed);
    QVERIFY2(blocked.error.contains(QLatin1String("Failed to scrape")), qPrintable(blocked.error));
    const BatchRow teapot = batch.rows.at(5);
    QCOMPARE(BatchProgress::rowState(teapot, *engine->store()), BatchProgress::RowState::Failed);
    QVERIFY2(BatchProgress::rowError(teapot, *engine->store()).contains(QLatin1String("rejected")),
             qPrintable(BatchProgress::rowError(teapot, *engine->store())));

    // One pick per product that has previews, then render them.
    for (const BatchRow &row : batch.rows)
        QVERIFY(runner.setPicks(id, row.position, {QStringLiteral("FullScreenTemplate")}));
    QVERIFY(confirmAll(&runner, engine.get(), id));
    QVERIFY(QTest::qWaitFor(
            [&] {
                return BatchProgress::summarize(batchOf(engine.get(), id), *engine->store())
                        .rendersSettled();
            },
            30000));
    batch = batchOf(engine.get(), id);
    summary = BatchProgress::summarize(batch, *engine->store());
    QCOMPARE(summary.picks, 12);
    QCOMPARE(summary.picksDone, 10);
    QCOMPARE(summary.picksFailed, 2); // the blocked shop and the rejected previews
    const QStringList files = QDir(folder).entryList({QStringLiteral("*.mp4")});
    QCOMPARE(files.size(), 10);
    QVERIFY2(files.contains(QStringLiteral("Item 1 - Full screen.mp4"))
                     && !files.contains(QStringLiteral("Teapot - Full screen.mp4")),
             qPrintable(files.join(QLatin1Char(','))));
    const auto first = BatchProgress::pickState(batch.rows.first(),
                                                batch.rows.first().picks.first(), *engine->store());
    QCOMPARE(first.stage, BatchProgress::PickStage::Done);
    QVERIFY(first.path.startsWith(folder));
    QVERIFY2(QFileInfo(first.path).fileName().contains(QLatin1String("Full screen")),
             qPrintable(files.join(QLatin1Char(','))));

    // Counted on the sandbox: one link per product, one preview job per product read, one
    // render per pick that had a preview.
    QCOMPARE(posts(QStringLiteral("^/api/links/$")), 12);
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 11);
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 10);

    const QStringList report
            = BatchExport::csv(batch, *engine->store()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(report.size(), 1 + 12 * 2);
    QCOMPARE(report.filter(QStringLiteral(",yes,done,")).size(), 10);
    QVERIFY(report.filter(QStringLiteral("blocked")).size() >= 1);
}

void TestBatchRunner::rateLimitPausesTheQueueAndChargesOnce()
{
    Sandbox::Fault limit;
    QString error;
    QVERIFY(Sandbox::Fault::fromSpec(QStringLiteral("rate-limit,method=POST,path=preview_list,"
                                                    "skip=1,count=1,retry-after=1"),
                                     &limit, &error));
    m_sandbox->addFault(limit);
    // The first preview request answers late, inside the pause: its slot frees while paused.
    Sandbox::Fault slow;
    QVERIFY(Sandbox::Fault::fromSpec(
            QStringLiteral("slow,method=POST,path=preview_list,count=1,delay-ms=400"), &slow,
            &error));
    m_sandbox->addFault(slow);
    auto engine = openEngine(QStringLiteral("limited.sqlite"));
    BatchRunner runner(engine.get());
    // Two at a time for 8 products: when the second preview request is limited, the first is
    // still out and more are waiting in the queue, which its slot would let through.
    runner.setMaxInFlight(2);
    const qint64 id = runner.create(QStringLiteral("Limited"), twoStyles(), products(8),
                                    m_dir.filePath(QStringLiteral("limited")));
    QSignalSpy paused(&runner, &BatchRunner::paused);
    QSignalSpy resumed(&runner, &BatchRunner::resumed);
    // Every purchase begins by recording a new spend: none may begin while the queue is paused.
    struct Seen
    {
        QSet<qint64> spends;
        int begunWhilePaused = 0;
        int begunAfterResume = 0;
        bool pausedWhenSignalled = false;
    };
    auto seen = std::make_shared<Seen>();
    connect(engine->spendGuard(), &SpendGuard::spendChanged, &runner,
            [seen, runner = &runner, resumed = &resumed](qint64 spendId) {
                if (seen->spends.contains(spendId))
                    return;
                seen->spends.insert(spendId);
                if (runner->isPaused())
                    ++seen->begunWhilePaused;
                else if (!resumed->isEmpty())
                    ++seen->begunAfterResume;
            });
    connect(&runner, &BatchRunner::paused, &runner,
            [seen, runner = &runner] { seen->pausedWhenSignalled = runner->isPaused(); });
    QVERIFY(runner.run(id));
    QVERIFY(previewsSettled(engine.get(), id));
    QCOMPARE(paused.size(), 1);
    QCOMPARE(paused.first().first().toInt(), 1);
    QVERIFY(seen->pausedWhenSignalled);
    QCOMPARE(resumed.size(), 1);
    QCOMPARE(seen->begunWhilePaused, 0);
    QVERIFY2(seen->begunAfterResume >= 1, "nothing was waiting: the pause held nothing back");
    QCOMPARE(BatchProgress::summarize(batchOf(engine.get(), id), *engine->store()).rowsReady, 8);
    const QList<Sandbox::RequestLogEntry> log = m_sandbox->requestLog();
    QCOMPARE(std::count_if(log.cbegin(), log.cend(),
                           [](const Sandbox::RequestLogEntry &e) { return e.status == 429; }),
             1);
    // Charged once: 8 links and 8 × 2 previews (the 429'd request is sent again, not twice).
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 9);
    QCOMPARE(m_sandbox->credits(), 1000.0 - 8 - 16);
}

void TestBatchRunner::restartCarriesOnWithoutBuyingAgain()
{
    m_sandbox->setStepIntervalMs(150); // the previews take a while: the stop lands meanwhile
    const QString db = QStringLiteral("restart.sqlite");
    qint64 id = 0;
    {
        auto engine = openEngine(db);
        BatchRunner runner(engine.get());
        id = runner.create(QStringLiteral("Restart"), twoStyles(), products(6),
                           m_dir.filePath(QStringLiteral("restart")));
        QVERIFY(runner.run(id));
        QVERIFY(QTest::qWaitFor([&] { return posts(QStringLiteral("preview_list_async")) >= 2; },
                                10000));
        QVERIFY(!BatchProgress::summarize(batchOf(engine.get(), id), *engine->store())
                         .previewsSettled());
    } // the process stops with purchases in flight
    auto engine = openEngine(db);
    engine->resume();
    BatchRunner runner(engine.get());
    QVERIFY(runner.run(id));
    QVERIFY(previewsSettled(engine.get(), id));
    QCOMPARE(BatchProgress::summarize(batchOf(engine.get(), id), *engine->store()).rowsReady, 6);
    QCOMPARE(posts(QStringLiteral("^/api/links/$")), 6);
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 6);
    QCOMPARE(m_sandbox->credits(), 1000.0 - 6 - 12);

    // Run once more after everything: nothing is bought.
    QVERIFY(runner.run(id));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("^/api/links/$")), 6);
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 6);
}

void TestBatchRunner::fixedRowIsEnteredByHandAndDroppedRowIsLeftAlone()
{
    auto engine = openEngine(QStringLiteral("fixed.sqlite"));
    BatchRunner runner(engine.get());
    const qint64 id = runner.create(
            QStringLiteral("Fixed"), twoStyles(),
            products(3, {QStringLiteral("blocked"), QStringLiteral("blocked")}),
            m_dir.filePath(QStringLiteral("fixed")));
    QVERIFY(runner.run(id));
    QVERIFY(previewsSettled(engine.get(), id));
    QCOMPARE(BatchProgress::summarize(batchOf(engine.get(), id), *engine->store()).rowsFailed, 2);

    LinkParams product;
    product.title = QStringLiteral("Brass lamp");
    product.description = QStringLiteral("A lamp entered by hand.");
    for (int i = 1; i <= 3; ++i)
        product.imageUrls << m_sandbox->baseUrl().toString()
                        + QStringLiteral("/media/products/x-%1.jpg").arg(i);
    QVERIFY(runner.fixRow(id, 0, product));
    QVERIFY(runner.dropRow(id, 1));
    QVERIFY(previewsSettled(engine.get(), id));
    const Batch batch = batchOf(engine.get(), id);
    const auto summary = BatchProgress::summarize(batch, *engine->store());
    QCOMPARE(summary.rows, 2);
    QCOMPARE(summary.rowsReady, 2);
    QCOMPARE(batch.rows.at(0).title, QStringLiteral("Brass lamp"));
    QCOMPARE(posts(QStringLiteral("link_with_params")), 1);
    QCOMPARE(BatchProgress::productName(batch.rows.at(0), *engine->store()),
             QStringLiteral("Brass lamp"));
}

void TestBatchRunner::fixRowTakesOnlyABlockedRowNotBeingRead()
{
    auto engine = openEngine(QStringLiteral("fixonly.sqlite"));
    BatchRunner runner(engine.get());
    const qint64 id = runner.create(QStringLiteral("Fix only"), twoStyles(),
                                    products(2, {QStringLiteral("blocked")}),
                                    m_dir.filePath(QStringLiteral("fixonly")));
    LinkParams product;
    product.title = QStringLiteral("Brass lamp");
    product.description = QStringLiteral("A lamp entered by hand.");
    for (int i = 1; i <= 3; ++i)
        product.imageUrls << m_sandbox->baseUrl().toString()
                        + QStringLiteral("/media/products/x-%1.jpg").arg(i);
    QVERIFY(runner.run(id));
    // Its page is being read: a fix now would be overwritten by the answer.
    QCOMPARE(batchOf(engine.get(), id).rows.at(0).stage, BatchRowStage::Reading);
    QVERIFY(!runner.fixRow(id, 0, product));
    QVERIFY(previewsSettled(engine.get(), id));
    QCOMPARE(batchOf(engine.get(), id).rows.at(0).stage, BatchRowStage::LinkFailed);
    QVERIFY(batchOf(engine.get(), id).rows.at(0).title.isEmpty());
    // Row 2's previews are paid for: it is not "fixed" into new purchases.
    const BatchRow ready = batchOf(engine.get(), id).rows.at(1);
    QVERIFY(!runner.fixRow(id, 1, product));
    QCOMPARE(batchOf(engine.get(), id).rows.at(1), ready);

    QVERIFY(runner.fixRow(id, 0, product));
    QVERIFY(!runner.fixRow(id, 0, product)); // already queued to be read from this data
    QVERIFY(previewsSettled(engine.get(), id));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(BatchProgress::summarize(batchOf(engine.get(), id), *engine->store()).rowsReady, 2);
    QCOMPARE(posts(QStringLiteral("link_with_params")), 1);
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 2);
}

void TestBatchRunner::pickAddedAfterTheConfirmationIsNotBought()
{
    const QString dynamic = QStringLiteral("DynamicProductTemplate");
    const QString fullScreen = QStringLiteral("FullScreenTemplate");
    auto engine = openEngine(QStringLiteral("confirmed.sqlite"));
    BatchRunner runner(engine.get());
    const qint64 id = runner.create(QStringLiteral("Confirmed"), twoStyles(), products(2),
                                    m_dir.filePath(QStringLiteral("confirmed")));
    QVERIFY(runner.setPicks(id, 0, {dynamic}));
    QVERIFY(runner.setPicks(id, 1, {dynamic}));
    QVERIFY(confirmAll(&runner, engine.get(), id)); // the user confirmed two renders
    QVERIFY(BatchProgress::picksToConfirm(batchOf(engine.get(), id), *engine->store()).isEmpty());
    QVERIFY(batchOf(engine.get(), id).rows.at(1).picks.at(0).renderConfirmed);
    // Before any preview is ready: row 1 gets a second pick, row 0's confirmed pick is taken
    // back and picked again. Neither was confirmed as it stands.
    for (const BatchRow &row : batchOf(engine.get(), id).rows)
        QCOMPARE(BatchProgress::rowState(row, *engine->store()), BatchProgress::RowState::Reading);
    QVERIFY(runner.setPicks(id, 1, {dynamic, fullScreen}));
    QVERIFY(runner.setPicks(id, 0, {}));
    QVERIFY(runner.setPicks(id, 0, {dynamic}));

    QVERIFY(pickDone(engine.get(), id, 1, dynamic));
    QVERIFY(previewsSettled(engine.get(), id));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 1);
    const Batch batch = batchOf(engine.get(), id);
    for (const auto &[position, index] : {std::pair{0, 0}, std::pair{1, 1}}) {
        const BatchRow &row = batch.rows.at(position);
        const BatchPick &pick = row.picks.at(index);
        QVERIFY(!pick.renderConfirmed);
        QCOMPARE(pick.renderLocalId, 0);
        QCOMPARE(BatchProgress::pickState(row, pick, *engine->store()).stage,
                 BatchProgress::PickStage::Waiting);
    }
    QCOMPARE(BatchProgress::picksToConfirm(batch, *engine->store()).size(), 2);

    // Confirmed again: now they are bought.
    QVERIFY(confirmAll(&runner, engine.get(), id));
    QVERIFY(pickDone(engine.get(), id, 0, dynamic));
    QVERIFY(pickDone(engine.get(), id, 1, fullScreen));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 3);
}

void TestBatchRunner::confirmedPicksRenderAfterARestart()
{
    m_sandbox->setStepIntervalMs(150); // the previews take a while: the stop lands meanwhile
    const QString db = QStringLiteral("confirmedrestart.sqlite");
    const QString style = QStringLiteral("FullScreenTemplate");
    qint64 id = 0;
    {
        auto engine = openEngine(db);
        BatchRunner runner(engine.get());
        id = runner.create(QStringLiteral("Confirmed restart"), twoStyles(), products(3),
                           m_dir.filePath(QStringLiteral("confirmedrestart")));
        for (int row = 0; row < 3; ++row)
            QVERIFY(runner.setPicks(id, row, {style}));
        QVERIFY(confirmAll(&runner, engine.get(), id));
        QVERIFY(QTest::qWaitFor([&] { return posts(QStringLiteral("preview_list_async")) >= 1; },
                                10000));
        QCOMPARE(BatchProgress::summarize(batchOf(engine.get(), id), *engine->store()).rowsReady, 0);
    } // the process stops before any row's previews are ready
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 0);
    m_sandbox->setStepIntervalMs(20);
    auto engine = openEngine(db);
    engine->resume();
    BatchRunner runner(engine.get());
    QVERIFY(runner.run(id));
    for (int row = 0; row < 3; ++row)
        QVERIFY2(pickDone(engine.get(), id, row, style), qPrintable(QString::number(row)));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 3);
    QCOMPARE(posts(QStringLiteral("preview_list_async")), 3);
}

void TestBatchRunner::failedRenderTriedAgainIsBoughtOnceMore()
{
    Sandbox::Fault failRender;
    QVERIFY(Sandbox::Fault::fromSpec(
            QStringLiteral("job-failed,path=render_single_preview,count=1"), &failRender, nullptr));
    m_sandbox->addFault(failRender);
    const QString style = QStringLiteral("FullScreenTemplate");
    auto engine = openEngine(QStringLiteral("retryrender.sqlite"));
    BatchRunner runner(engine.get());
    const qint64 id = runner.create(QStringLiteral("Retry render"), twoStyles(), products(1),
                                    m_dir.filePath(QStringLiteral("retryrender")));
    QVERIFY(runner.setPicks(id, 0, {style}));
    QVERIFY(confirmAll(&runner, engine.get(), id));
    const auto pickStatus = [&] { return firstPick(engine.get(), id).status(); };
    QVERIFY(QTest::qWaitFor([&] { return pickStatus() == QLatin1String("failed"); }, 20000));
    {
        const Batch failed = batchOf(engine.get(), id);
        QCOMPARE(BatchProgress::rendersToBuyAgain(failed, *engine->store()).size(), 1);
        QVERIFY(BatchProgress::picksToConfirm(failed, *engine->store()).isEmpty());
    }
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 1);

    // Tried again alone: only what the question listed is bought (nothing when it listed
    // nothing), then one more purchase, and this one gets its video.
    const auto toRetry = [&] {
        return BatchProgress::rendersToRetry(batchOf(engine.get(), id).rows.at(0), *engine->store());
    };
    QCOMPARE(toRetry(), QStringList{style});
    QVERIFY(runner.retryRow(id, 0, {}));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 1);
    QVERIFY(runner.retryRow(id, 0, toRetry()));
    QVERIFY2(pickDone(engine.get(), id, 0, style), qPrintable(pickStatus()));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 2);
    // Nothing failed is left to try: a second retry buys nothing.
    QVERIFY(toRetry().isEmpty());
    QVERIFY(!runner.retryRow(id, 0, {style}) || becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), 2);
}

void TestBatchRunner::refusedRenderIsSentOnlyWhenConfirmedAgain()
{
    const QString style = QStringLiteral("FullScreenTemplate");
    auto engine = openEngine(QStringLiteral("refused.sqlite"));
    BatchRunner runner(engine.get());
    const qint64 id = runner.create(QStringLiteral("Refused"), twoStyles(), products(1),
                                    m_dir.filePath(QStringLiteral("refused")));
    QVERIFY(runner.run(id));
    QVERIFY(previewsSettled(engine.get(), id));
    QVERIFY(becomesIdle(&runner));
    QVERIFY(runner.setPicks(id, 0, {style}));
    m_sandbox->setCredits(1); // a render costs 4: Creatify refuses it, nothing is charged
    QVERIFY(confirmAll(&runner, engine.get(), id));
    const auto pickNow = [&] { return firstPick(engine.get(), id); };
    QVERIFY(QTest::qWaitFor([&] { return pickNow().stage == BatchProgress::PickStage::Failed; },
                            20000));
    QCOMPARE(pickNow().retry, BatchProgress::PickRetry::Send);
    QVERIFY(becomesIdle(&runner));
    const int refused = posts(QStringLiteral("render_single_preview"));
    QCOMPARE(m_sandbox->credits(), 1.0);

    // Topped up: carrying the batch on (a restart) does not send it by itself; the next
    // question counts it, and confirming sends it once.
    m_sandbox->setCredits(100);
    QVERIFY(runner.run(id));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), refused);
    QCOMPARE(BatchProgress::picksToConfirm(batchOf(engine.get(), id), *engine->store()).size(), 1);
    QVERIFY(confirmAll(&runner, engine.get(), id));
    QVERIFY(pickDone(engine.get(), id, 0, style));
    QVERIFY(becomesIdle(&runner));
    QCOMPARE(posts(QStringLiteral("render_single_preview")), refused + 1);
    QCOMPARE(m_sandbox->credits(), 96.0);
}

void TestBatchRunner::sameProductsAndStylesMakeTheSameBatchKey()
{
    PreviewListRequest options = twoStyles();
    QList<BatchRow> rows = products(2);
    const QString key = SpendLedger::batchKey(options, rows);
    // Styles in another order, an address spelled another way: the same batch.
    std::reverse(options.visualStyles.begin(), options.visualStyles.end());
    rows[0].url = QStringLiteral("https://SHOP.example.com/products/item-1/");
    QCOMPARE(SpendLedger::batchKey(options, rows), key);
    // Another product or another option: another batch.
    rows[1].url = QStringLiteral("https://shop.example.com/products/item-9");
    QVERIFY(SpendLedger::batchKey(options, rows) != key);
    rows = products(2);
    options.videoLength = 15;
    QVERIFY(SpendLedger::batchKey(options, rows) != key);
}

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "tst_batchrunner.moc"

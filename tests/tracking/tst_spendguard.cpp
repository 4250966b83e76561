#include "coretesthelpers.h"

#include "jobtracker.h"
#include "spendguard.h"
#include "store.h"
#include "templatejobs.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <QStandardPaths>
#include <QTemporaryDir>

using namespace PreviewDeck;
using namespace TestHelpers;

namespace {
const QString kRenderPath = QStringLiteral("render_single_preview/$");
}

class TestSpendGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void confirmedRenderIsChargedOnce();
    void lostRenderAnswerIsFoundNotRepeated();
    void secondRenderOfAPreviewIsTrackedAndItsLostAnswerFound();
    void lostPreviewListAnswerIsFound();
    void serverErrorThatDidNotTakeEffectIsAbsent();
    void doubleClickNeverRendersTwice();
    void refusedRenderCostsNothingAndMayBeRetried();
    void unknownOutcomeBlocksRepeatUntilReconciled();
    void reconcilesAfterARestart();
    void lostTemplateRenderAnswerIsFound();
    void rateLimitedPostIsSentAgainAfterRetryAfter();
    void rateLimitedPostGivesUpAndChargesNothing();
    void lostPreviewListAnswerCarriesTheTaggedName();
    void sameRequestAgainCarriesOnInsteadOfBuying();
    void lateLinkAnswerIsAdopted();
    void lostTemplatePreviewWithoutAListIsNotSure();
    void rejectedJobCannotBeRendered();
    void unrecordedIntentSendsNothing();

private:
    SpendOperation::Outcome finish(SpendOperation *operation);
    qint64 previewsDone(const QStringList &styles = {QStringLiteral("VanillaTemplate")});
    void addLoseResponse(const QString &path);

    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<JobTracker> m_tracker;
    std::unique_ptr<SpendGuard> m_guard;
    QString m_linkId;
    QTemporaryDir m_dir;
};

void TestSpendGuard::init()
{
    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    m_sandbox->setStepIntervalMs(20);
    m_sandbox->setCredits(1000);
    m_client = std::make_unique<ApiClient>();
    pointAt(m_client.get(), *m_sandbox);
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(m_dir.filePath(
            QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction())))));
    m_tracker = std::make_unique<JobTracker>(m_client.get(), m_store.get());
    m_tracker->setBaseIntervalMs(10);
    m_tracker->setMaxIntervalMs(50);
    m_guard = std::make_unique<SpendGuard>(m_client.get(), m_store.get());
    m_guard->setReconcileRetryMs(50);
    m_guard->setReconcileGraceMs(20);
    m_guard->setReconcileLooks(3);
    connect(m_guard.get(), &SpendGuard::workAdded, m_tracker.get(), &JobTracker::poke);
    m_linkId = createLink(m_client.get());
    QVERIFY(!m_linkId.isEmpty());
}

void TestSpendGuard::cleanup()
{
    m_guard.reset();
    m_tracker.reset();
    m_store.reset();
    m_client.reset();
    m_sandbox.reset();
}

SpendOperation::Outcome TestSpendGuard::finish(SpendOperation *operation)
{
    QSignalSpy finished(operation, &SpendOperation::finished);
    if (!finished.wait(10000))
        return SpendOperation::Outcome::Unknown;
    return finished.first().first().value<SpendOperation *>()->outcome();
}

qint64 TestSpendGuard::previewsDone(const QStringList &styles)
{
    SpendOperation *op = m_guard->requestPreviews(previewRequest(m_linkId, styles));
    const qint64 jobId = op->jobLocalId();
    if (finish(op) != SpendOperation::Outcome::Confirmed)
        return 0;
    m_tracker->start();
    QDeadlineTimer deadline(5000);
    while (m_store->job(jobId)->status != QLatin1String("done") && !deadline.hasExpired())
        QTest::qWait(10);
    return m_store->job(jobId)->status == QLatin1String("done") ? jobId : 0;
}

void TestSpendGuard::addLoseResponse(const QString &path)
{
    Sandbox::Fault lose;
    lose.kind = Sandbox::Fault::Kind::LoseResponse;
    lose.method = "POST";
    lose.pathPattern = path;
    m_sandbox->addFault(lose);
}

void TestSpendGuard::confirmedRenderIsChargedOnce()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    const double before = m_sandbox->credits();
    const double estimate = m_guard->estimateRender(jobId);
    QCOMPARE(estimate, 4.0);

    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    // The intent is on disk before the answer arrives.
    QCOMPARE(m_store->render(renderId)->status, LocalStatus::submitting());
    QCOMPARE(m_store->unresolvedSpends().size(), 1);
    QCOMPARE(finish(op), SpendOperation::Outcome::Confirmed);
    QCOMPARE(m_sandbox->credits(), before - estimate); // what we showed is what was charged
    QCOMPARE(m_store->unresolvedSpends().size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 1);
}

void TestSpendGuard::lostRenderAnswerIsFoundNotRepeated()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    const double before = m_sandbox->credits();
    addLoseResponse(kRenderPath);

    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    QSignalSpy finished(op, &SpendOperation::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Confirmed);
    QVERIFY(op->wasReconciled());
    QVERIFY(!op->message().isEmpty());

    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 1); // sent once, never repeated
    QCOMPARE(m_sandbox->credits(), before - 4.0); // charged once
    const auto spend = m_store->spend(m_store->render(renderId)->spendId);
    QCOMPARE(spend->state, SpendState::Confirmed);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
    QVERIFY(!m_store->render(renderId)->videoOutput.isEmpty());
}

void TestSpendGuard::secondRenderOfAPreviewIsTrackedAndItsLostAnswerFound()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    SpendOperation *first = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 firstId = first->renderLocalId();
    QCOMPARE(finish(first), SpendOperation::Outcome::Confirmed);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(firstId)->status, QStringLiteral("done"), 5000);
    const QUrl firstVideo = m_store->render(firstId)->videoOutput;

    // The same preview rendered again, its answer lost: the job now lists two renders of one
    // style, and the second is the one that arrived, not a reason to buy a third.
    const double before = m_sandbox->credits();
    addLoseResponse(kRenderPath);
    SpendOperation *second = m_guard->renderPreview(jobId, preview.mediaJob,
                                                    SpendGuard::BuyAgainIfFinished);
    const qint64 secondId = second->renderLocalId();
    QVERIFY(secondId != firstId);
    QCOMPARE(finish(second), SpendOperation::Outcome::Confirmed);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 2);
    QCOMPARE(m_sandbox->credits(), before - 4.0);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(secondId)->status, QStringLiteral("done"), 5000);
    QVERIFY(!m_store->render(secondId)->videoOutput.isEmpty());
    QVERIFY(m_store->render(secondId)->videoOutput != firstVideo);
    QCOMPARE(m_store->render(firstId)->videoOutput, firstVideo);
}

void TestSpendGuard::lostPreviewListAnswerIsFound()
{
    addLoseResponse(QStringLiteral("preview_list_async/$"));
    const double before = m_sandbox->credits();
    SpendOperation *op = m_guard->requestPreviews(previewRequest(
            m_linkId, {QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate")}));
    const qint64 jobId = op->jobLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Confirmed);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_list_async/$")), 1);
    QCOMPARE(m_sandbox->credits(), before - 2.0);
    QVERIFY(!m_store->job(jobId)->remoteId.isEmpty());
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(jobId)->status, QStringLiteral("done"), 5000);
    QCOMPARE(m_store->previews(jobId).size(), 2);
}

void TestSpendGuard::serverErrorThatDidNotTakeEffectIsAbsent()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    const double before = m_sandbox->credits();
    Sandbox::Fault error;
    error.kind = Sandbox::Fault::Kind::ServerError;
    error.status = 503;
    error.method = "POST";
    error.pathPattern = kRenderPath;
    m_sandbox->addFault(error);

    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Absent);
    QCOMPARE(m_sandbox->credits(), before);
    QCOMPARE(m_store->render(renderId)->status, LocalStatus::notCreated());
    QVERIFY(m_store->render(renderId)->failedReason.contains(QLatin1String("nothing was charged")));
    // Three looks at the server (as set up), further and further apart, before concluding it
    // never arrived.
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("^/api/link_to_videos/[^/]+/$")), 3);

    // Known not to have happened: the user may try again, and it works.
    SpendOperation *again = m_guard->renderPreview(jobId, preview.mediaJob);
    QCOMPARE(finish(again), SpendOperation::Outcome::Confirmed);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 2);
    QCOMPARE(m_sandbox->credits(), before - 4.0);
}

void TestSpendGuard::doubleClickNeverRendersTwice()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    SpendOperation *first = m_guard->renderPreview(jobId, preview.mediaJob);
    SpendOperation *second = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = first->renderLocalId();
    QSignalSpy secondFinished(second, &SpendOperation::finished);
    QCOMPARE(finish(first), SpendOperation::Outcome::Confirmed);
    // The second click follows the first purchase instead of making another.
    QVERIFY(secondFinished.count() || secondFinished.wait(5000));
    QCOMPARE(second->outcome(), SpendOperation::Outcome::Existing);
    QCOMPARE(second->renderLocalId(), renderId);
    QVERIFY(!second->isFinishedBefore());
    QVERIFY(!second->message().isEmpty());
    // Even after it was confirmed, the same preview is not bought again.
    SpendOperation *third = m_guard->renderPreview(jobId, preview.mediaJob);
    QCOMPARE(finish(third), SpendOperation::Outcome::Existing);
    QCOMPARE(third->renderLocalId(), renderId);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 1);
}

void TestSpendGuard::refusedRenderCostsNothingAndMayBeRetried()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    m_sandbox->setCredits(1);
    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    QSignalSpy finished(op, &SpendOperation::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Refused);
    QCOMPARE(op->error().kind, ApiError::Kind::OutOfCredits);
    QCOMPARE(m_sandbox->credits(), 1.0);
    QCOMPARE(m_store->render(renderId)->status, LocalStatus::notCreated());
    QCOMPARE(m_store->spend(m_store->render(renderId)->spendId)->state, SpendState::Refused);

    m_sandbox->setCredits(10);
    QCOMPARE(finish(m_guard->renderPreview(jobId, preview.mediaJob)),
             SpendOperation::Outcome::Confirmed);
    QCOMPARE(m_sandbox->credits(), 6.0);
}

void TestSpendGuard::unknownOutcomeBlocksRepeatUntilReconciled()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    const QString remoteId = m_store->job(jobId)->remoteId;
    addLoseResponse(kRenderPath);
    // And the server cannot be asked for a while either.
    Sandbox::Fault down;
    down.kind = Sandbox::Fault::Kind::ServerError;
    down.method = "GET";
    down.pathPattern = QStringLiteral("^/api/link_to_videos/") + remoteId;
    down.count = 8;
    m_sandbox->addFault(down);

    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Unknown);
    QCOMPARE(m_store->render(renderId)->status, LocalStatus::unknown());
    // Asking again follows the unresolved purchase: nothing is sent until it is settled.
    SpendOperation *again = m_guard->renderPreview(jobId, preview.mediaJob);
    std::optional<SpendOperation::Outcome> againOutcome;
    connect(again, &SpendOperation::finished, this,
            [&againOutcome](SpendOperation *o) { againOutcome = o->outcome(); });

    // The guard keeps asking in the background and finds the render once the server answers.
    QTRY_COMPARE_WITH_TIMEOUT(m_store->spend(m_store->render(renderId)->spendId)->state,
                              SpendState::Confirmed, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(againOutcome.has_value(), 5000);
    QCOMPARE(*againOutcome, SpendOperation::Outcome::Existing);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 1);
}

void TestSpendGuard::reconcilesAfterARestart()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    const QString path = m_store->path();
    addLoseResponse(kRenderPath);
    // The app "crashes" right after sending: the guard is gone before any answer. It must not
    // reconcile on its own meanwhile (a busy machine may let it see the lost answer first).
    m_guard->setReconcileGraceMs(60000);
    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->requestCount("POST", kRenderPath), 1, 5000);
    m_guard.reset();
    m_tracker.reset();
    m_store.reset();

    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(path));
    QCOMPARE(m_store->unresolvedSpends().size(), 1);
    m_tracker = std::make_unique<JobTracker>(m_client.get(), m_store.get());
    m_tracker->setBaseIntervalMs(10);
    m_guard = std::make_unique<SpendGuard>(m_client.get(), m_store.get());
    m_guard->setReconcileGraceMs(20);
    connect(m_guard.get(), &SpendGuard::workAdded, m_tracker.get(), &JobTracker::poke);
    m_guard->reconcileUnresolved();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->unresolvedSpends().size(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 1);
}

void TestSpendGuard::lostTemplateRenderAnswerIsFound()
{
    std::unique_ptr<ListTemplatesJob> list(runToEnd(new ListTemplatesJob(m_client.get())));
    std::unique_ptr<GetTemplateJob> detail(
            runToEnd(new GetTemplateJob(m_client.get(), list->templates().first().id)));
    TemplateJobRequest request;
    request.templateId = detail->customTemplate().id;
    for (const TemplateVariable &v : detail->customTemplate().variables)
        request.variables.insert(v.name,
                                 QJsonObject{{QStringLiteral("type"), variableTypeToString(v.type)},
                                             {QStringLiteral("properties"), v.properties}});
    addLoseResponse(QStringLiteral("preview_async/$"));
    SpendOperation *preview = m_guard->requestTemplatePreview(request);
    const qint64 jobId = preview->jobLocalId();
    QCOMPARE(finish(preview), SpendOperation::Outcome::Confirmed);
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(jobId)->status, QStringLiteral("done"), 5000);

    addLoseResponse(QStringLiteral("^/api/custom_template_jobs/[^/]+/render/$"));
    SpendOperation *render = m_guard->renderTemplate(jobId);
    const qint64 renderId = render->renderLocalId();
    QCOMPARE(finish(render), SpendOperation::Outcome::Confirmed);
    QVERIFY(render->wasReconciled());
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
    QVERIFY(!m_store->render(renderId)->videoOutput.isEmpty());
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("/render/$")), 1);
}

void TestSpendGuard::rateLimitedPostIsSentAgainAfterRetryAfter()
{
    const qint64 jobId = previewsDone();
    QVERIFY(jobId);
    const PreviewRecord preview = m_store->previews(jobId).first();
    const double before = m_sandbox->credits();
    Sandbox::Fault throttle;
    throttle.kind = Sandbox::Fault::Kind::RateLimit;
    throttle.method = "POST";
    throttle.pathPattern = kRenderPath;
    throttle.retryAfterSeconds = 1;
    throttle.count = 2;
    m_sandbox->addFault(throttle);

    QElapsedTimer clock;
    clock.start();
    SpendOperation *op = m_guard->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    QSignalSpy waiting(op, &SpendOperation::waiting);
    QCOMPARE(finish(op), SpendOperation::Outcome::Confirmed);
    // Told twice to wait, it waited each Retry-After, then the same request went through.
    QCOMPARE(waiting.count(), 2);
    QCOMPARE(waiting.first().at(0).toInt(), 1);
    QVERIFY(waiting.first().at(1).toString().contains(QLatin1String("sending again")));
    QVERIFY(clock.elapsed() >= 2000);
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 3);
    QCOMPARE(m_sandbox->credits(), before - 4.0); // a 429 charges nothing; the third did
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
}

void TestSpendGuard::rateLimitedPostGivesUpAndChargesNothing()
{
    const double before = m_sandbox->credits();
    Sandbox::Fault throttle;
    throttle.kind = Sandbox::Fault::Kind::RateLimit;
    throttle.method = "POST";
    throttle.pathPattern = QStringLiteral("preview_list_async/$");
    throttle.retryAfterSeconds = 0;
    throttle.count = -1;
    m_sandbox->addFault(throttle);

    SpendOperation *op = m_guard->requestPreviews(
            previewRequest(m_linkId, {QStringLiteral("VanillaTemplate")}));
    const qint64 jobId = op->jobLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Refused);
    QCOMPARE(op->error().kind, ApiError::Kind::RateLimited);
    QVERIFY(op->message().contains(QLatin1String("Nothing was charged")));
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_list_async/$")),
             ApiJob::DefaultRateLimitedAttempts);
    QCOMPARE(m_sandbox->credits(), before);
    QCOMPARE(m_store->job(jobId)->status, LocalStatus::notCreated());
}

void TestSpendGuard::lostPreviewListAnswerCarriesTheTaggedName()
{
    addLoseResponse(QStringLiteral("preview_list_async/$"));
    PreviewListRequest request = previewRequest(m_linkId, {QStringLiteral("VanillaTemplate")});
    request.name = QStringLiteral("Desk lamp");
    SpendOperation *op = m_guard->requestPreviews(request);
    const qint64 jobId = op->jobLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Confirmed);
    QVERIFY(op->wasReconciled());
    // The name sent carries a mark that makes this purchase recognisable in any list.
    std::unique_ptr<GetVideoJobJob> remote(
            runToEnd(new GetVideoJobJob(m_client.get(), m_store->job(jobId)->remoteId)));
    QVERIFY(remote->job().name.startsWith(QLatin1String("Desk lamp [PD-")));
    QCOMPARE(m_store->job(jobId)->name, QStringLiteral("Desk lamp")); // shown as the user typed
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_list_async/$")), 1);
}

void TestSpendGuard::sameRequestAgainCarriesOnInsteadOfBuying()
{
    const PreviewListRequest request = previewRequest(
            m_linkId, {QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate")});
    SpendOperation *first = m_guard->requestPreviews(request);
    const qint64 jobId = first->jobLocalId();
    QCOMPARE(finish(first), SpendOperation::Outcome::Confirmed);

    // The same styles in another order are the same purchase: carried on, not bought.
    PreviewListRequest reordered = request;
    std::reverse(reordered.visualStyles.begin(), reordered.visualStyles.end());
    SpendOperation *again = m_guard->requestPreviews(reordered);
    QCOMPARE(finish(again), SpendOperation::Outcome::Existing);
    QCOMPARE(again->jobLocalId(), jobId);
    QVERIFY(!again->isFinishedBefore());
    QVERIFY(again->startedAt().isValid());

    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(jobId)->status, QStringLiteral("done"), 5000);
    SpendOperation *afterDone = m_guard->requestPreviews(request);
    QCOMPARE(finish(afterDone), SpendOperation::Outcome::Existing);
    QVERIFY(afterDone->isFinishedBefore());
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_list_async/$")), 1);

    // Asked for explicitly, a finished purchase is bought again.
    SpendOperation *bought = m_guard->requestPreviews(request, SpendGuard::BuyAgainIfFinished);
    QCOMPARE(finish(bought), SpendOperation::Outcome::Confirmed);
    QVERIFY(bought->jobLocalId() != jobId);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_list_async/$")), 2);

    // Other options are another purchase.
    PreviewListRequest longer = request;
    longer.videoLength = 15;
    QCOMPARE(finish(m_guard->requestPreviews(longer)), SpendOperation::Outcome::Confirmed);
}

void TestSpendGuard::lateLinkAnswerIsAdopted()
{
    // The server reads the page and creates the link at once, but answers after our timeout.
    m_client->setTimeoutMs(300);
    Sandbox::Fault slow;
    slow.kind = Sandbox::Fault::Kind::Slow;
    slow.method = "POST";
    slow.pathPattern = QStringLiteral("^/api/links/$");
    slow.delayMs = 1500;
    m_sandbox->addFault(slow);
    const double before = m_sandbox->credits();
    const QUrl url(QStringLiteral("https://shop.example.com/products/slow-lamp"));
    const int postsBefore = m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$"));

    SpendOperation *op = m_guard->createLink(url);
    QCOMPARE(finish(op), SpendOperation::Outcome::Confirmed);
    QVERIFY(op->wasReconciled());
    const QString linkId = op->link().id;
    QVERIFY(!linkId.isEmpty());
    QVERIFY(m_store->link(linkId));
    QCOMPARE(m_sandbox->credits(), before - 1.0);

    // The same page asked for again is the link already bought.
    SpendOperation *again = m_guard->createLink(url);
    QCOMPARE(finish(again), SpendOperation::Outcome::Existing);
    QCOMPARE(again->link().id, linkId);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), postsBefore + 1);
}

void TestSpendGuard::lostTemplatePreviewWithoutAListIsNotSure()
{
    std::unique_ptr<ListTemplatesJob> list(runToEnd(new ListTemplatesJob(m_client.get())));
    std::unique_ptr<GetTemplateJob> detail(
            runToEnd(new GetTemplateJob(m_client.get(), list->templates().first().id)));
    TemplateJobRequest request;
    request.templateId = detail->customTemplate().id;
    request.name = QStringLiteral("Spring promo");
    for (const TemplateVariable &v : detail->customTemplate().variables)
        request.variables.insert(v.name,
                                 QJsonObject{{QStringLiteral("type"), variableTypeToString(v.type)},
                                             {QStringLiteral("properties"), v.properties}});
    // A server with only the documented endpoints: no list of template jobs.
    m_sandbox->setDocumentedOnly(true);
    addLoseResponse(QStringLiteral("preview_async/$"));
    const double before = m_sandbox->credits();

    SpendOperation *op = m_guard->requestTemplatePreview(request);
    const qint64 jobId = op->jobLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::NotSure);
    QVERIFY(op->message().contains(QLatin1String("Spring promo [PD-")));
    QCOMPARE(m_store->job(jobId)->status, LocalStatus::unsure());
    QCOMPARE(m_sandbox->credits(), before - 1.0); // it was charged, and we say we cannot tell

    // Running the same purchase again is refused with the same explanation…
    SpendOperation *again = m_guard->requestTemplatePreview(request);
    QCOMPARE(finish(again), SpendOperation::Outcome::NotSure);
    QCOMPARE(again->jobLocalId(), jobId);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_async/$")), 1);

    // …until the user explicitly sends it again.
    SpendOperation *sent = m_guard->requestTemplatePreview(request, 30,
                                                           SpendGuard::SendAgainIfNotSure);
    QCOMPARE(finish(sent), SpendOperation::Outcome::Confirmed);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_async/$")), 2);
}

void TestSpendGuard::rejectedJobCannotBeRendered()
{
    Sandbox::Fault reject;
    reject.kind = Sandbox::Fault::Kind::JobRejected;
    reject.method = "POST";
    reject.pathPattern = QStringLiteral("preview_list_async/$");
    m_sandbox->addFault(reject);
    SpendOperation *op = m_guard->requestPreviews(
            previewRequest(m_linkId, {QStringLiteral("VanillaTemplate")}));
    const qint64 jobId = op->jobLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Confirmed);
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(jobId)->status, QStringLiteral("rejected"), 5000);
    const QList<PreviewRecord> previews = m_store->previews(jobId);
    const QString mediaJob = previews.isEmpty() ? QStringLiteral("any") : previews.first().mediaJob;
    SpendOperation *render = m_guard->renderPreview(jobId, mediaJob);
    QCOMPARE(finish(render), SpendOperation::Outcome::Blocked);
    QVERIFY(render->message().contains(QLatin1String("rejected")));
    QCOMPARE(m_sandbox->requestCount("POST", kRenderPath), 0);
}

void TestSpendGuard::unrecordedIntentSendsNothing()
{
    // The history cannot take the intent (a full disk looks the same to SQLite).
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("saboteur"));
        db.setDatabaseName(m_store->path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER no_room BEFORE INSERT ON spends BEGIN "
                                      "SELECT RAISE(FAIL, 'database or disk is full'); END")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
    const double before = m_sandbox->credits();
    SpendOperation *op = m_guard->requestPreviews(
            previewRequest(m_linkId, {QStringLiteral("VanillaTemplate")}));
    const qint64 jobId = op->jobLocalId();
    QCOMPARE(finish(op), SpendOperation::Outcome::Blocked);
    QVERIFY(op->message().contains(QLatin1String("nothing was sent")));
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("preview_list_async/$")), 0);
    QCOMPARE(m_sandbox->credits(), before);
    QCOMPARE(m_store->job(jobId)->status, LocalStatus::notCreated());
}

QTEST_GUILESS_MAIN(TestSpendGuard)
#include "tst_spendguard.moc"

// The one job contract (docs/decisions.md, "One job contract") checked on each job type against
// a real sandbox on loopback: finished(self) exactly once on success, failure and cancel;
// deleted after finishing unless told otherwise; cancel() finishes with a Cancelled error;
// cancel() after the end changes nothing; a retry is announced with retrying(self, delay, why).

#include "coretesthelpers.h"

#include "accountjobs.h"

#include "downloadjob.h"
#include "downloadmanager.h"
#include "spendguard.h"
#include "store.h"

#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace PreviewDeck;
using namespace TestHelpers;
using Sandbox::Fault;

namespace {

constexpr int kWait = 10000;
const QString kLinksPath = QStringLiteral("^/api/links/$");

// An endpoint-less job, to send each verb the enum has.
class VerbJob : public ApiJob
{
public:
    VerbJob(ApiClient *client, HttpVerb verb, const QString &path) : ApiJob(client, verb, path) { }

protected:
    bool parseResult(const QJsonDocument &, QString *) override { return true; }
};

Fault fault(Fault::Kind kind, const QByteArray &method, const QString &path)
{
    Fault f;
    f.kind = kind;
    f.method = method;
    f.pathPattern = path;
    return f;
}

// Lets queued events (a second emission, a deferred delete) happen.
void settle()
{
    QTest::qWait(50);
}

} // namespace

class TestJobContract : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void apiJobSucceedsOnceAndIsDeleted();
    void apiJobFailsOnceAndIsDeleted();
    void apiJobCancelledBeforeSendingFinishesOnce();
    void apiJobCancelledOnTheWireFinishesOnce();
    void apiJobCancelAfterFinishIsHarmless();
    void apiJobAnnouncesRetries();
    void apiJobSendsItsVerb_data();
    void apiJobSendsItsVerb();

    void downloadSucceedsOnceAndIsDeleted();
    void downloadFailsOnceAndIsDeleted();
    void downloadCancelFinishesOnce();
    void downloadCancelAfterFinishIsHarmless();
    void downloadAnnouncesResumes();

    void spendSucceedsOnceAndIsDeleted();
    void spendRefusedOnceAnnouncesRetriesAndIsDeleted();
    void spendCancelledBeforeSendingChargesNothing();
    void spendCancelledOnTheWireIsStillReconciled();
    void spendCancelAfterFinishIsHarmless();

private:
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SpendGuard> m_guard;
    std::unique_ptr<DownloadManager> m_downloads;
    QTemporaryDir m_dir;
};

void TestJobContract::init()
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
    m_guard = std::make_unique<SpendGuard>(m_client.get(), m_store.get());
    m_guard->setReconcileRetryMs(50);
    m_guard->setReconcileGraceMs(20);
    m_guard->setReconcileLooks(3);
    m_downloads = std::make_unique<DownloadManager>();
}

void TestJobContract::cleanup()
{
    m_downloads.reset();
    m_guard.reset();
    m_store.reset();
    m_client.reset();
    m_sandbox.reset();
}

// --- ApiJob ----------------------------------------------------------------------------------

void TestJobContract::apiJobSucceedsOnceAndIsDeleted()
{
    QPointer<ApiJob> job = new GetCreditsJob(m_client.get());
    QSignalSpy finished(job.data(), &ApiJob::finished);
    job->start();
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().value<ApiJob *>(), job.data());
    QTRY_VERIFY(job.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::apiJobFailsOnceAndIsDeleted()
{
    QPointer<ApiJob> job = new GetLinkJob(m_client.get(), QStringLiteral("no-such-link"));
    QSignalSpy finished(job.data(), &ApiJob::finished);
    ApiError::Kind kind = ApiError::Kind::None;
    connect(job, &ApiJob::finished, this, [&](ApiJob *j) { kind = j->error().kind; });
    job->start();
    QVERIFY(finished.wait(kWait));
    QCOMPARE(kind, ApiError::Kind::NotFound);
    QTRY_VERIFY(job.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::apiJobCancelledBeforeSendingFinishesOnce()
{
    QPointer<ApiJob> job = new GetCreditsJob(m_client.get());
    QSignalSpy finished(job.data(), &ApiJob::finished);
    job->start();
    job->cancel(); // finishes at once
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(!job->error().outcomeUnknown);
    job->cancel();
    QTRY_VERIFY(job.isNull());
    settle();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("remaining_credits")), 0);
}

void TestJobContract::apiJobCancelledOnTheWireFinishesOnce()
{
    Fault slow = fault(Fault::Kind::Slow, "POST", kLinksPath);
    slow.delayMs = 3000;
    m_sandbox->addFault(slow);
    QPointer<ApiJob> job = new CreateLinkJob(
            m_client.get(), QUrl(QStringLiteral("https://shop.example.com/products/slow")));
    QSignalSpy finished(job.data(), &ApiJob::finished);
    job->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->requestCount("POST", kLinksPath), 1, kWait);
    job->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(job->error().outcomeUnknown); // a POST on the wire may have been taken
    QTRY_VERIFY(job.isNull());
    settle();
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::apiJobCancelAfterFinishIsHarmless()
{
    std::unique_ptr<ApiJob> job(new GetCreditsJob(m_client.get()));
    job->setAutoDelete(false);
    QSignalSpy finished(job.get(), &ApiJob::finished);
    job->start();
    QVERIFY(finished.wait(kWait));
    QVERIFY(job->succeeded());
    job->cancel();
    settle();
    QCOMPARE(finished.count(), 1);
    QVERIFY(job->succeeded());
    QCOMPARE(job->error().kind, ApiError::Kind::None);
}

void TestJobContract::apiJobAnnouncesRetries()
{
    Fault failing = fault(Fault::Kind::ServerError, "GET", QStringLiteral("remaining_credits"));
    failing.count = 2;
    m_sandbox->addFault(failing);
    QPointer<ApiJob> job = new GetCreditsJob(m_client.get());
    QSignalSpy retrying(job.data(), &ApiJob::retrying);
    QSignalSpy finished(job.data(), &ApiJob::finished);
    job->start();
    QVERIFY(finished.wait(kWait));
    QCOMPARE(retrying.count(), 2);
    QCOMPARE(retrying.first().at(0).value<ApiJob *>(), job.data());
    QVERIFY(retrying.first().at(1).toInt() > 0);
    QCOMPARE(retrying.first().at(2).value<ApiError>().kind, ApiError::Kind::Server);
    QTRY_VERIFY(job.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::apiJobSendsItsVerb_data()
{
    QTest::addColumn<HttpVerb>("verb");
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("get") << HttpVerb::Get << QByteArray("GET");
    QTest::newRow("post") << HttpVerb::Post << QByteArray("POST");
    QTest::newRow("put") << HttpVerb::Put << QByteArray("PUT");
    QTest::newRow("delete") << HttpVerb::Delete << QByteArray("DELETE");
}

void TestJobContract::apiJobSendsItsVerb()
{
    QFETCH(HttpVerb, verb);
    QFETCH(QByteArray, method);
    QCOMPARE(verbName(verb), method);
    const QString path = QStringLiteral("/api/verb_probe/");
    std::unique_ptr<VerbJob> job(runToEnd(new VerbJob(m_client.get(), verb, path)));
    QCOMPARE(job->verb(), verb);
    QVERIFY(job->isFinished());
    const QList<QByteArray> all = {"GET", "POST", "PUT", "DELETE"};
    for (const QByteArray &other : all)
        QCOMPARE(m_sandbox->requestCount(other, QStringLiteral("verb_probe")),
                 other == method ? 1 : 0);
}

// --- DownloadJob -----------------------------------------------------------------------------

void TestJobContract::downloadSucceedsOnceAndIsDeleted()
{
    DownloadRequest request;
    request.url = m_sandbox->addBlob(QStringLiteral("ok"), 64 * 1024);
    request.targetPath = m_dir.filePath(QStringLiteral("ok.bin"));
    QPointer<DownloadJob> job = m_downloads->enqueue(request);
    QSignalSpy finished(job.data(), &DownloadJob::finished);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().value<DownloadJob *>(), job.data());
    QTRY_VERIFY(job.isNull());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(QFileInfo(request.targetPath).size(), 64 * 1024);
}

void TestJobContract::downloadFailsOnceAndIsDeleted()
{
    DownloadRequest request;
    request.url = m_sandbox->baseUrl().resolved(QUrl(QStringLiteral("/media/blob/missing")));
    request.targetPath = m_dir.filePath(QStringLiteral("missing.bin"));
    QPointer<DownloadJob> job = m_downloads->enqueue(request);
    QSignalSpy finished(job.data(), &DownloadJob::finished);
    DownloadError::Kind kind = DownloadError::Kind::None;
    connect(job, &DownloadJob::finished, this, [&](DownloadJob *j) { kind = j->error().kind; });
    QVERIFY(finished.wait(kWait));
    QCOMPARE(kind, DownloadError::Kind::HttpStatus);
    QTRY_VERIFY(job.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::downloadCancelFinishesOnce()
{
    Fault slow = fault(Fault::Kind::Slow, "GET", QStringLiteral("^/media/blob/"));
    slow.delayMs = 3000;
    m_sandbox->addFault(slow);
    DownloadRequest request;
    request.url = m_sandbox->addBlob(QStringLiteral("slow"), 64 * 1024);
    request.targetPath = m_dir.filePath(QStringLiteral("slow.bin"));
    QPointer<DownloadJob> job = m_downloads->enqueue(request);
    QSignalSpy finished(job.data(), &DownloadJob::finished);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), DownloadJob::State::Running, kWait);
    job->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, DownloadError::Kind::Cancelled);
    job->cancel();
    QTRY_VERIFY(job.isNull());
    settle();
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::downloadCancelAfterFinishIsHarmless()
{
    DownloadRequest request;
    request.url = m_sandbox->addBlob(QStringLiteral("kept"), 1024);
    request.targetPath = m_dir.filePath(QStringLiteral("kept.bin"));
    DownloadJob *job = m_downloads->enqueue(request);
    job->setAutoDelete(false);
    QSignalSpy finished(job, &DownloadJob::finished);
    QVERIFY(finished.wait(kWait));
    job->cancel(DownloadJob::PartialFile::Remove);
    settle();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, DownloadError::Kind::None);
    QVERIFY(QFileInfo::exists(job->targetPath()));
    delete job;
}

void TestJobContract::downloadAnnouncesResumes()
{
    Fault drop = fault(Fault::Kind::DropConnection, "GET", QStringLiteral("^/media/blob/"));
    drop.dropAfterBytes = 1024 * 1024;
    m_sandbox->addFault(drop);
    const qint64 size = 4 * 1024 * 1024;
    DownloadRequest request;
    request.url = m_sandbox->addBlob(QStringLiteral("resumed"), size);
    request.targetPath = m_dir.filePath(QStringLiteral("resumed.bin"));
    request.expectedSize = size;
    QPointer<DownloadJob> job = m_downloads->enqueue(request);
    QSignalSpy retrying(job.data(), &DownloadJob::retrying);
    QSignalSpy finished(job.data(), &DownloadJob::finished);
    qint64 resumedFrom = 0;
    connect(job, &DownloadJob::finished, this, [&](DownloadJob *j) {
        QCOMPARE(j->error().kind, DownloadError::Kind::None);
        resumedFrom = j->resumedFrom();
    });
    QVERIFY(finished.wait(kWait));
    QVERIFY(resumedFrom > 0);
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(retrying.first().at(0).value<DownloadJob *>(), job.data());
    QVERIFY(retrying.first().at(1).toInt() > 0);
    QCOMPARE(retrying.first().at(2).value<DownloadError>().kind, DownloadError::Kind::Network);
    QTRY_VERIFY(job.isNull());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(QFileInfo(request.targetPath).size(), size);
}

// --- SpendOperation --------------------------------------------------------------------------

void TestJobContract::spendSucceedsOnceAndIsDeleted()
{
    QPointer<SpendOperation> op = m_guard->createLink(
            QUrl(QStringLiteral("https://shop.example.com/products/contract-ok")));
    QSignalSpy finished(op.data(), &SpendOperation::finished);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().value<SpendOperation *>(), op.data());
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Confirmed);
    QTRY_VERIFY(op.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::spendRefusedOnceAnnouncesRetriesAndIsDeleted()
{
    Fault throttle = fault(Fault::Kind::RateLimit, "POST", kLinksPath);
    throttle.retryAfterSeconds = 0;
    throttle.count = -1;
    m_sandbox->addFault(throttle);
    QPointer<SpendOperation> op = m_guard->createLink(
            QUrl(QStringLiteral("https://shop.example.com/products/contract-refused")));
    QSignalSpy retrying(op.data(), &SpendOperation::retrying);
    QSignalSpy finished(op.data(), &SpendOperation::finished);
    SpendOperation::Outcome outcome = SpendOperation::Outcome::Unknown;
    connect(op, &SpendOperation::finished, this, [&](SpendOperation *o) { outcome = o->outcome(); });
    QVERIFY(finished.wait(kWait));
    QCOMPARE(outcome, SpendOperation::Outcome::Refused);
    QCOMPARE(retrying.count(), ApiJob::DefaultRateLimitedAttempts - 1);
    QCOMPARE(retrying.first().at(0).value<SpendOperation *>(), op.data());
    QCOMPARE(retrying.first().at(2).value<ApiError>().kind, ApiError::Kind::RateLimited);
    QTRY_VERIFY(op.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestJobContract::spendCancelledBeforeSendingChargesNothing()
{
    QPointer<SpendOperation> op = m_guard->createLink(
            QUrl(QStringLiteral("https://shop.example.com/products/contract-cancelled")));
    const qint64 spendId = op->spendId();
    QSignalSpy finished(op.data(), &SpendOperation::finished);
    op->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Cancelled);
    QCOMPARE(op->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(!op->error().outcomeUnknown);
    QVERIFY(op->message().contains(QLatin1String("nothing was charged")));
    op->cancel();
    QTRY_VERIFY(op.isNull());
    settle();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_sandbox->requestCount("POST", kLinksPath), 0);
    QCOMPARE(m_store->spend(spendId)->state, SpendState::Refused);
}

void TestJobContract::spendCancelledOnTheWireIsStillReconciled()
{
    Fault slow = fault(Fault::Kind::Slow, "POST", kLinksPath);
    slow.delayMs = 3000;
    m_sandbox->addFault(slow);
    QPointer<SpendOperation> op = m_guard->createLink(
            QUrl(QStringLiteral("https://shop.example.com/products/contract-on-the-wire")));
    const qint64 spendId = op->spendId();
    QSignalSpy finished(op.data(), &SpendOperation::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->requestCount("POST", kLinksPath), 1, kWait);
    op->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Cancelled);
    QVERIFY(op->error().outcomeUnknown);
    QTRY_VERIFY(op.isNull());
    // The sandbox took it; the guard finds that out on its own, so it is not bought twice.
    QTRY_COMPARE_WITH_TIMEOUT(m_store->spend(spendId)->state, SpendState::Confirmed, kWait);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_sandbox->requestCount("POST", kLinksPath), 1);
}

void TestJobContract::spendCancelAfterFinishIsHarmless()
{
    SpendOperation *op = m_guard->createLink(
            QUrl(QStringLiteral("https://shop.example.com/products/contract-kept")));
    op->setAutoDelete(false);
    QSignalSpy finished(op, &SpendOperation::finished);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Confirmed);
    op->cancel();
    settle();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(op->outcome(), SpendOperation::Outcome::Confirmed);
    QCOMPARE(op->error().kind, ApiError::Kind::None);
    delete op;
}

QTEST_GUILESS_MAIN(TestJobContract)
#include "tst_jobcontract.moc"

#include "coretesthelpers.h"

#include "jobtracker.h"
#include "store.h"
#include "templatejobs.h"

#include <QElapsedTimer>
#include <QStandardPaths>

using namespace PreviewDeck;
using namespace TestHelpers;

class TestJobTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void followsPreviewsToDone();
    void oneRequestPerHundredJobs_data();
    void oneRequestPerHundredJobs();
    void roundsNeverOverlap();
    void backsOffWhenNothingChanges();
    void pausesForRetryAfter();
    void fallsBackToOneGetPerJob();
    void failedAndRejectedJobs();
    void jobUnknownToServerIsMarkedLost();
    void followsARenderToItsVideo();
    void followsTemplateRenderReportedAsOutput();
    void survivesBadAnswers();

private:
    qint64 addJob(const QString &remoteId, JobKind kind = JobKind::LinkPreviews);
    QString createRemoteJob(const QStringList &styles);

    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<JobTracker> m_tracker;
    QString m_linkId;
};

void TestJobTracker::init()
{
    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    m_sandbox->setStepIntervalMs(30);
    m_sandbox->setCredits(100000);
    m_client = std::make_unique<ApiClient>();
    pointAt(m_client.get(), *m_sandbox);
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(QStringLiteral(":memory:")));
    m_tracker = std::make_unique<JobTracker>(m_client.get(), m_store.get());
    m_tracker->setBaseIntervalMs(10);
    m_tracker->setMaxIntervalMs(100);
    m_linkId = createLink(m_client.get());
    QVERIFY(!m_linkId.isEmpty());
}

void TestJobTracker::cleanup()
{
    m_tracker.reset();
    m_store.reset();
    m_client.reset();
    m_sandbox.reset();
}

qint64 TestJobTracker::addJob(const QString &remoteId, JobKind kind)
{
    JobRecord job;
    job.kind = kind;
    job.remoteId = remoteId;
    job.status = JobStatus::Pending;
    return m_store->insertJob(job);
}

QString TestJobTracker::createRemoteJob(const QStringList &styles)
{
    std::unique_ptr<CreatePreviewListJob> job(
            runToEnd(new CreatePreviewListJob(m_client.get(), previewRequest(m_linkId, styles))));
    return job->succeeded() ? job->job().id : QString();
}

void TestJobTracker::followsPreviewsToDone()
{
    const QStringList styles = {QStringLiteral("DynamicProductTemplate"),
                                QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("VanillaTemplate")};
    const qint64 localId = addJob(createRemoteJob(styles));
    bool previewsWhileUnfinished = false;
    connect(m_tracker.get(), &JobTracker::jobUpdated, this, [&](qint64 id) {
        const auto job = m_store->job(id);
        if (job->status != QLatin1String("done") && !m_store->previews(id).isEmpty())
            previewsWhileUnfinished = true;
    });
    QSignalSpy finished(m_tracker.get(), &JobTracker::jobFinished);
    m_tracker->start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().first().toLongLong(), localId);
    const auto job = m_store->job(localId);
    QCOMPARE(job->status, QStringLiteral("done"));
    QCOMPARE(job->progress, 1.0);
    const QList<PreviewRecord> previews = m_store->previews(localId);
    QCOMPARE(previews.size(), styles.size());
    QStringList seen;
    for (const PreviewRecord &p : previews) {
        seen << p.visualStyle;
        QVERIFY(p.url.isValid());
        QVERIFY(!p.mediaJob.isEmpty());
    }
    seen.sort();
    QCOMPARE(seen, styles);
    QVERIFY2(previewsWhileUnfinished, "previews should be shown as soon as they are listed");
    // Nothing left: the tracker goes idle instead of polling forever.
    QSignalSpy idle(m_tracker.get(), &JobTracker::idle);
    QVERIFY(idle.wait(2000));
}

void TestJobTracker::oneRequestPerHundredJobs_data()
{
    QTest::addColumn<int>("jobs");
    QTest::newRow("1") << 1;
    QTest::newRow("10") << 10;
    QTest::newRow("100") << 100;
    QTest::newRow("250") << 250;
}

void TestJobTracker::oneRequestPerHundredJobs()
{
    QFETCH(int, jobs);
    m_sandbox->setStepIntervalMs(600000); // everything stays pending
    for (int i = 0; i < jobs; ++i) {
        const QString id = createRemoteJob({QStringLiteral("VanillaTemplate")});
        QVERIFY(!id.isEmpty());
        addJob(id);
    }
    m_sandbox->clearRequestLog();
    QSignalSpy round(m_tracker.get(), &JobTracker::roundFinished);
    m_tracker->start();
    QVERIFY(round.wait(5000));
    m_tracker->stop();
    const int expected = (jobs + 99) / 100;
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("^/api/link_to_videos/$")), expected);
    QCOMPARE(m_sandbox->requestLog().size(), expected); // no per-job GETs besides
}

void TestJobTracker::roundsNeverOverlap()
{
    m_sandbox->setStepIntervalMs(600000);
    addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    m_tracker->setBaseIntervalMs(0);
    m_tracker->setMaxIntervalMs(0);
    // Each answer takes 150 ms while the tracker would like to poll continuously.
    Sandbox::Fault slow;
    slow.kind = Sandbox::Fault::Kind::Slow;
    slow.method = "GET";
    slow.delayMs = 150;
    slow.count = -1;
    m_sandbox->addFault(slow);
    m_sandbox->clearRequestLog();
    QElapsedTimer timer;
    timer.start();
    m_tracker->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_tracker->roundsCompleted() >= 3, 5000);
    m_tracker->stop();
    // Three rounds of 150 ms each cannot complete in less than 450 ms unless they overlap.
    QVERIFY(timer.elapsed() >= 440);
    QVERIFY(m_sandbox->requestCount("GET", QStringLiteral("^/api/link_to_videos/")) <= 4);
}

void TestJobTracker::backsOffWhenNothingChanges()
{
    m_sandbox->setStepIntervalMs(600000);
    addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    m_tracker->setBaseIntervalMs(10);
    m_tracker->setMaxIntervalMs(80);
    m_tracker->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_tracker->roundsCompleted() >= 8, 5000);
    QCOMPARE(m_tracker->currentIntervalMs(), 80); // grew to the cap while nothing changed
    // New work resets the pace.
    m_tracker->poke();
    QCOMPARE(m_tracker->currentIntervalMs(), 10);
}

void TestJobTracker::pausesForRetryAfter()
{
    m_sandbox->setStepIntervalMs(600000);
    addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    Sandbox::Fault limit;
    limit.kind = Sandbox::Fault::Kind::RateLimit;
    limit.method = "GET";
    limit.retryAfterSeconds = 1;
    limit.count = 1;
    m_sandbox->addFault(limit);
    m_sandbox->clearRequestLog();
    m_tracker->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->requestLog().size() >= 2, 5000);
    const QList<Sandbox::RequestLogEntry> log = m_sandbox->requestLog();
    QCOMPARE(log.at(0).status, 429);
    QCOMPARE(log.at(1).status, 200);
    const qint64 gap = log.at(0).receivedAt.msecsTo(log.at(1).receivedAt);
    QVERIFY2(gap >= 950, qPrintable(QStringLiteral("next request after %1 ms").arg(gap)));
}

void TestJobTracker::fallsBackToOneGetPerJob()
{
    const qint64 a = addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    const qint64 b = addJob(createRemoteJob({QStringLiteral("FullScreenTemplate")}));
    Sandbox::Fault noList;
    noList.kind = Sandbox::Fault::Kind::ServerError;
    noList.status = 404; // a server without the ?ids= list form
    noList.method = "GET";
    noList.pathPattern = QStringLiteral("^/api/link_to_videos/$");
    noList.count = -1;
    m_sandbox->addFault(noList);
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(a)->status, QStringLiteral("done"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(b)->status, QStringLiteral("done"), 5000);
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("^/api/link_to_videos/$")), 1);
    QVERIFY(m_sandbox->requestCount("GET", QStringLiteral("^/api/link_to_videos/[0-9a-f-]+/$"))
            >= 2);
}

void TestJobTracker::failedAndRejectedJobs()
{
    Sandbox::Fault failed;
    failed.kind = Sandbox::Fault::Kind::JobFailed;
    failed.method = "POST";
    failed.reason = QStringLiteral("The product images could not be used.");
    m_sandbox->addFault(failed);
    const qint64 f = addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    Sandbox::Fault rejected;
    rejected.kind = Sandbox::Fault::Kind::JobRejected;
    rejected.method = "POST";
    m_sandbox->addFault(rejected);
    const qint64 r = addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));

    QSignalSpy finished(m_tracker.get(), &JobTracker::jobFinished);
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 5000);
    QCOMPARE(m_store->job(f)->status, QStringLiteral("failed"));
    QCOMPARE(m_store->job(f)->failedReason, QStringLiteral("The product images could not be used."));
    QCOMPARE(m_store->job(r)->status, QStringLiteral("rejected"));
}

void TestJobTracker::jobUnknownToServerIsMarkedLost()
{
    const qint64 known = addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    const qint64 gone = addJob(QStringLiteral("00000000-0000-4000-8000-000000000000"));
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(gone)->status, LocalStatus::lost(), 5000);
    QVERIFY(!m_store->job(gone)->failedReason.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(known)->status, QStringLiteral("done"), 5000);
}

void TestJobTracker::followsARenderToItsVideo()
{
    const QString remoteId = createRemoteJob({QStringLiteral("VanillaTemplate")});
    const qint64 localId = addJob(remoteId);
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(localId)->status, QStringLiteral("done"), 5000);
    const PreviewRecord preview = m_store->previews(localId).first();

    std::unique_ptr<RenderSinglePreviewJob> render(
            runToEnd(new RenderSinglePreviewJob(m_client.get(), remoteId, preview.mediaJob)));
    QVERIFY(render->succeeded());
    RenderRecord record;
    record.jobLocalId = localId;
    record.mediaJob = preview.mediaJob;
    record.visualStyle = preview.visualStyle;
    record.status = JobStatus::Pending;
    const qint64 renderId = m_store->insertRender(record);

    QSignalSpy renderFinished(m_tracker.get(), &JobTracker::renderFinished);
    m_tracker->poke();
    QVERIFY(renderFinished.wait(5000));
    QCOMPARE(renderFinished.first().first().toLongLong(), renderId);
    const auto done = m_store->render(renderId);
    QCOMPARE(done->status, QStringLiteral("done"));
    QVERIFY(done->videoOutput.isValid());
    QVERIFY(!done->videoOutput.isEmpty());
    // The preview job's own row stays done while its render runs.
    QCOMPARE(m_store->job(localId)->status, QStringLiteral("done"));
}

void TestJobTracker::followsTemplateRenderReportedAsOutput()
{
    std::unique_ptr<ListTemplatesJob> list(runToEnd(new ListTemplatesJob(m_client.get())));
    QVERIFY(list->succeeded());
    QVERIFY(!list->templates().isEmpty());
    // The template whose variables all have defaults or are optional is not guaranteed; fill
    // every variable from the detail so the preview is accepted.
    std::unique_ptr<GetTemplateJob> detail(
            runToEnd(new GetTemplateJob(m_client.get(), list->templates().first().id)));
    QVERIFY(detail->succeeded());
    TemplateJobRequest request;
    request.templateId = detail->customTemplate().id;
    for (const TemplateVariable &v : detail->customTemplate().variables)
        request.variables.insert(v.name,
                                 QJsonObject{{QStringLiteral("type"), variableTypeToString(v.type)},
                                             {QStringLiteral("properties"), v.properties}});
    std::unique_ptr<CreateTemplatePreviewJob> create(
            runToEnd(new CreateTemplatePreviewJob(m_client.get(), request)));
    QVERIFY2(create->succeeded(), qPrintable(create->error().message()));
    QCOMPARE(create->httpStatus(), 201);
    const qint64 localId = addJob(create->job().id, JobKind::TemplatePreview);
    m_tracker->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(localId)->status, QStringLiteral("done"), 5000);
    QVERIFY(m_store->job(localId)->previewUrl.isValid());

    std::unique_ptr<RenderTemplateJob> render(
            runToEnd(new RenderTemplateJob(m_client.get(), create->job().id)));
    QVERIFY(render->succeeded());
    RenderRecord record;
    record.jobLocalId = localId;
    record.status = JobStatus::Pending;
    const qint64 renderId = m_store->insertRender(record);
    m_tracker->poke();
    QTRY_COMPARE_WITH_TIMEOUT(m_store->render(renderId)->status, QStringLiteral("done"), 5000);
    QVERIFY(!m_store->render(renderId)->videoOutput.isEmpty());
}

void TestJobTracker::survivesBadAnswers()
{
    const qint64 localId = addJob(createRemoteJob({QStringLiteral("VanillaTemplate")}));
    Sandbox::Fault html;
    html.kind = Sandbox::Fault::Kind::HtmlError;
    html.method = "GET";
    html.count = 2;
    m_sandbox->addFault(html);
    Sandbox::Fault server;
    server.kind = Sandbox::Fault::Kind::ServerError;
    server.method = "GET";
    server.count = 2;
    server.skip = 2;
    m_sandbox->addFault(server);
    m_tracker->start();
    // One bad answer must never end the loop and lose a finished video.
    QTRY_COMPARE_WITH_TIMEOUT(m_store->job(localId)->status, QStringLiteral("done"), 8000);
}

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"

#include "store.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void everythingSurvivesCloseAndReopen();
    void spendGuardQueries();
    void unfinishedSelections();
    void downloadsAreOnePerRender();
    void refusesNewerSchema();
    void removingAJobRemovesItsRows();
};

void TestStore::everythingSurvivesCloseAndReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    qint64 jobId = 0;
    qint64 renderId = 0;
    {
        Store store;
        QVERIFY(store.open(path));
        QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
        Link link;
        link.id = QStringLiteral("11111111-1111-1111-1111-111111111111");
        link.title = QStringLiteral("Aurora Lamp");
        link.imageUrls = {QStringLiteral("http://x/1.jpg")};
        store.saveLink(link);

        JobRecord job;
        job.kind = JobKind::LinkPreviews;
        job.remoteId = QStringLiteral("job-1");
        job.linkId = link.id;
        job.status = JobStatus::Running;
        job.progress = 0.5;
        job.request = QJsonObject{{QStringLiteral("video_length"), 30}};
        QSignalSpy changed(&store, &Store::jobChanged);
        jobId = store.insertJob(job);
        QVERIFY(jobId > 0);
        QCOMPARE(changed.count(), 1);

        PreviewRecord preview;
        preview.mediaJob = QStringLiteral("m1");
        preview.visualStyle = QStringLiteral("VanillaTemplate");
        preview.url = QUrl(QStringLiteral("http://x/preview"));
        store.setPreviews(jobId, {preview});

        RenderRecord render;
        render.jobLocalId = jobId;
        render.mediaJob = QStringLiteral("m1");
        render.status = JobStatus::Pending;
        renderId = store.insertRender(render);

        DownloadRecord download;
        download.renderLocalId = renderId;
        download.url = QUrl(QStringLiteral("http://x/v.mp4"));
        download.targetPath = QStringLiteral("/tmp/v.mp4");
        download.status = JobStatus::Running;
        store.upsertDownload(download);
    }
    Store reopened;
    QVERIFY(reopened.open(path));
    const auto link = reopened.link(QStringLiteral("11111111-1111-1111-1111-111111111111"));
    QVERIFY(link);
    QCOMPARE(link->title, QStringLiteral("Aurora Lamp"));
    const auto job = reopened.jobByRemoteId(QStringLiteral("job-1"));
    QVERIFY(job);
    QCOMPARE(job->localId, jobId);
    QCOMPARE(job->status, QStringLiteral("running"));
    QCOMPARE(job->progress, 0.5);
    QCOMPARE(job->request.value(QLatin1String("video_length")).toInt(), 30);
    QCOMPARE(reopened.previews(jobId).size(), 1);
    QCOMPARE(reopened.previews(jobId).first().visualStyle, QStringLiteral("VanillaTemplate"));
    QCOMPARE(reopened.unfinishedRenders().size(), 1);
    QCOMPARE(reopened.unfinishedDownloads().size(), 1);
    QCOMPARE(reopened.unfinishedDownloads().first().renderLocalId, renderId);
}

void TestStore::spendGuardQueries()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    const QString key = QStringLiteral("render:job:m1");
    QVERIFY(!store.blockingSpend(key));
    const qint64 id = store.recordSpendIntent(SpendKind::RenderPreview, key,
                                              QJsonObject{{QStringLiteral("job_id"), 1}}, 4);
    QVERIFY(id > 0);
    QCOMPARE(store.blockingSpend(key)->id, id);
    QCOMPARE(store.unresolvedSpends().size(), 1);

    store.setSpendState(id, SpendState::Unknown, QString(), QStringLiteral("timeout"));
    QCOMPARE(store.blockingSpend(key)->state, SpendState::Unknown);
    QCOMPARE(store.unresolvedSpends().size(), 1);

    store.setSpendState(id, SpendState::Absent);
    QVERIFY(!store.blockingSpend(key)); // nothing was charged: the user may try again
    QCOMPARE(store.unresolvedSpends().size(), 0);

    const qint64 second = store.recordSpendIntent(SpendKind::RenderPreview, key, {}, 4);
    store.setSpendState(second, SpendState::Confirmed, QStringLiteral("job"));
    QCOMPARE(store.blockingSpend(key)->state, SpendState::Confirmed);
    QCOMPARE(store.spend(second)->resultId, QStringLiteral("job"));
    QCOMPARE(store.spends().size(), 2); // the audit trail keeps both
}

void TestStore::unfinishedSelections()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    auto add = [&store](const QString &remote, const JobStatus &status, JobKind kind) {
        JobRecord job;
        job.kind = kind;
        job.remoteId = remote;
        job.status = status;
        return store.insertJob(job);
    };
    add(QStringLiteral("a"), JobStatus::Pending, JobKind::LinkPreviews);
    add(QStringLiteral("b"), JobStatus::Done, JobKind::LinkPreviews);
    add(QStringLiteral("c"), JobStatus::Running, JobKind::TemplatePreview);
    add(QString(), JobStatus::Submitting, JobKind::LinkPreviews); // no id yet: not polled
    const qint64 failed = add(QStringLiteral("d"), JobStatus::Failed, JobKind::LinkPreviews);

    const QList<JobRecord> link = store.unfinishedJobs(JobKind::LinkPreviews);
    QCOMPARE(link.size(), 1);
    QCOMPARE(link.first().remoteId, QStringLiteral("a"));
    QCOMPARE(store.unfinishedJobs(JobKind::TemplatePreview).size(), 1);

    RenderRecord render;
    render.jobLocalId = failed;
    render.status = JobStatus::Submitting;
    store.insertRender(render); // the spend guard owns these until confirmed
    render.status = JobStatus::Running;
    const qint64 running = store.insertRender(render);
    render.status = JobStatus::Done;
    store.insertRender(render);
    QCOMPARE(store.unfinishedRenders().size(), 1);
    QCOMPARE(store.unfinishedRenders().first().localId, running);
}

void TestStore::downloadsAreOnePerRender()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    JobRecord job;
    job.status = JobStatus::Done;
    RenderRecord render;
    render.jobLocalId = store.insertJob(job);
    render.status = JobStatus::Done;
    render.localId = store.insertRender(render);

    DownloadRecord download;
    download.renderLocalId = render.localId;
    download.url = QUrl(QStringLiteral("http://x/v.mp4"));
    download.targetPath = QStringLiteral("/tmp/a.mp4");
    download.status = JobStatus::Running;
    const qint64 first = store.upsertDownload(download);
    download.status = JobStatus::Done;
    download.targetPath = QStringLiteral("/tmp/a (1).mp4");
    QCOMPARE(store.upsertDownload(download), first);
    QCOMPARE(store.downloadForRender(render.localId)->targetPath, QStringLiteral("/tmp/a (1).mp4"));
    QCOMPARE(store.unfinishedDownloads().size(), 0);
}

void TestStore::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("future"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    Store store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

void TestStore::removingAJobRemovesItsRows()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    JobRecord job;
    job.remoteId = QStringLiteral("x");
    job.status = JobStatus::Done;
    const qint64 id = store.insertJob(job);
    PreviewRecord preview;
    preview.mediaJob = QStringLiteral("m");
    store.setPreviews(id, {preview});
    RenderRecord render;
    render.jobLocalId = id;
    render.status = JobStatus::Running;
    store.insertRender(render);
    QSignalSpy removed(&store, &Store::jobRemoved);
    store.removeJob(id);
    QCOMPARE(removed.count(), 1);
    QVERIFY(!store.job(id));
    QCOMPARE(store.previews(id).size(), 0);
    QCOMPARE(store.unfinishedRenders().size(), 0);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"

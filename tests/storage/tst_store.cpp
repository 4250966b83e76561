#include "store.h"

#include "apitypes.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
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
    void linkCreditsGoToTheLinksFirstJobCreatifyTook();
    void unfinishedSelections();
    void downloadsAreOnePerRender();
    void refusesNewerSchema();
    void removingAJobRemovesItsRows();
    void marksAreCheckedKeptAndSignalled();
    void upgradesAVersion1History();
    void upgradesAVersion2HistoryKeepingItsData();
    void templatePresetsRoundTripAndSignalRealChanges();
    void templateBatchesRoundTrip();
    void importsTheOldPresetsFileOnce();
    void upgradesAVersion3HistoryAndKeepsBatches();
    void upgradesAVersion4HistoryKeepingBatchesAndPicks();
    void batchRowsArePickedCheckedAndSignalled();
    void oneBatchRowIsReadWithoutTheRest();
    void savedAddressesFollowTheServer();

    void everyStatusIsStoredByItsOldName();
    void unknownStatusNamesSurvive();
    void apiNamesMapToTheApiStatusesOnly();
    void finishedIsDecidedInOnePlace();
    void recordedRequestReadsWhatWasAsked();
};

namespace {
// A history written by the first release, with its own schema (not the current code's): one
// link_previews job (local id 7) with two previews.
QStringList version1History()
{
    return {
            QStringLiteral("CREATE TABLE links (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                           "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE spends (id INTEGER PRIMARY KEY AUTOINCREMENT, kind "
                           "TEXT NOT NULL, dedup_key TEXT NOT NULL, request TEXT NOT NULL, "
                           "estimated_credits REAL NOT NULL DEFAULT 0, state TEXT NOT NULL, "
                           "result_id TEXT, error TEXT, created_at TEXT NOT NULL, updated_at "
                           "TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX spends_dedup ON spends(dedup_key)"),
            QStringLiteral("CREATE TABLE jobs (local_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "kind TEXT NOT NULL, remote_id TEXT UNIQUE, link_id TEXT, "
                           "template_id TEXT, name TEXT, request TEXT NOT NULL, status TEXT "
                           "NOT NULL, progress REAL NOT NULL DEFAULT 0, failed_reason TEXT, "
                           "estimated_credits REAL NOT NULL DEFAULT 0, credits_used REAL NOT "
                           "NULL DEFAULT 0, preview_url TEXT, media_job TEXT, created_at TEXT "
                           "NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE previews (job_local_id INTEGER NOT NULL REFERENCES "
                           "jobs(local_id) ON DELETE CASCADE, media_job TEXT NOT NULL, "
                           "visual_style TEXT, aspect_ratio TEXT, url TEXT, position INTEGER "
                           "NOT NULL DEFAULT 0, PRIMARY KEY (job_local_id, media_job))"),
            QStringLiteral("CREATE TABLE renders (local_id INTEGER PRIMARY KEY "
                           "AUTOINCREMENT, job_local_id INTEGER NOT NULL REFERENCES "
                           "jobs(local_id) ON DELETE CASCADE, media_job TEXT, visual_style "
                           "TEXT, status TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, "
                           "video_output TEXT, video_thumbnail TEXT, failed_reason TEXT, "
                           "estimated_credits REAL NOT NULL DEFAULT 0, spend_id INTEGER, "
                           "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE downloads (local_id INTEGER PRIMARY KEY "
                           "AUTOINCREMENT, render_local_id INTEGER NOT NULL UNIQUE "
                           "REFERENCES renders(local_id) ON DELETE CASCADE, url TEXT NOT "
                           "NULL, target_path TEXT NOT NULL, status TEXT NOT NULL, "
                           "bytes_received INTEGER NOT NULL DEFAULT 0, bytes_total INTEGER "
                           "NOT NULL DEFAULT -1, error TEXT, updated_at TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO jobs (local_id, kind, remote_id, request, status, "
                           "progress, credits_used, created_at, updated_at) VALUES (7, "
                           "'link_previews', 'old-job', '{}', 'done', 1, 5, "
                           "'2026-11-01T10:00:00.000Z', '2026-11-01T10:05:00.000Z')"),
            QStringLiteral("INSERT INTO previews (job_local_id, media_job, visual_style, "
                           "aspect_ratio, url, position) VALUES (7, 'm1', 'VanillaTemplate', "
                           "'9x16', 'http://x/p1', 0), (7, 'm2', 'FeatureTemplate', '9x16', "
                           "'http://x/p2', 1)"),
            QStringLiteral("PRAGMA user_version = 1"),
    };
}

// Writes a history with raw SQL (as an older release did).
bool writeHistory(const QString &path, const QStringList &statements)
{
    bool written = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("old"));
        db.setDatabaseName(path);
        written = db.open();
        for (const QString &statement : statements) {
            QSqlQuery q(db);
            if (written && !q.exec(statement)) {
                qWarning("%s", qPrintable(statement));
                written = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    return written;
}
} // namespace

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

// The built-in sandbox on another port after a restart: its addresses in the history follow it,
// others (a shop's pictures, a port that only starts the same) stay.
void TestStore::savedAddressesFollowTheServer()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    const QUrl before(QStringLiteral("http://127.0.0.1:876"));
    const QUrl after(QStringLiteral("http://127.0.0.1:40001"));
    int moved = -1;
    QVERIFY(store.followServerOrigin(before, &moved));
    QCOMPARE(moved, 0); // the first server: nothing to move

    Link link;
    link.id = QStringLiteral("link-1");
    link.imageUrls = {QStringLiteral("http://127.0.0.1:876/media/blob/a.jpg"),
                      QStringLiteral("https://shop.example.com/b.jpg")};
    QVERIFY(store.saveLink(link));
    JobRecord job;
    job.remoteId = QStringLiteral("job-1");
    job.status = JobStatus::Done;
    job.previewUrl = QUrl(QStringLiteral("http://127.0.0.1:876/preview?layout=x"));
    const qint64 jobId = store.insertJob(job);
    PreviewRecord near;
    near.mediaJob = QStringLiteral("m1");
    near.url = QUrl(QStringLiteral("http://127.0.0.1:876/preview?layout=m1"));
    PreviewRecord other;
    other.mediaJob = QStringLiteral("m2");
    other.url = QUrl(QStringLiteral("http://127.0.0.1:8765/preview?layout=m2"));
    QVERIFY(store.setPreviews(jobId, {near, other}));
    RenderRecord render;
    render.jobLocalId = jobId;
    render.status = JobStatus::Done;
    render.videoOutput = QUrl(QStringLiteral("http://127.0.0.1:876/media/blob/v.mp4"));
    const qint64 renderId = store.insertRender(render);

    QVERIFY(store.followServerOrigin(after, &moved));
    QCOMPARE(moved, 4);
    QCOMPARE(store.job(jobId)->previewUrl,
             QUrl(QStringLiteral("http://127.0.0.1:40001/preview?layout=x")));
    const QList<PreviewRecord> previews = store.previews(jobId);
    QCOMPARE(previews.at(0).url, QUrl(QStringLiteral("http://127.0.0.1:40001/preview?layout=m1")));
    QCOMPARE(previews.at(1).url, other.url);
    QCOMPARE(store.render(renderId)->videoOutput,
             QUrl(QStringLiteral("http://127.0.0.1:40001/media/blob/v.mp4")));
    QCOMPARE(store.link(link.id)->imageUrls,
             (QStringList{QStringLiteral("http://127.0.0.1:40001/media/blob/a.jpg"),
                          QStringLiteral("https://shop.example.com/b.jpg")}));
    // The same server again: nothing moves.
    QVERIFY(store.followServerOrigin(after, &moved));
    QCOMPARE(moved, 0);
}

void TestStore::marksAreCheckedKeptAndSignalled()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("marks.sqlite"));
    qint64 jobId = 0;
    PreviewRecord a, b;
    a.mediaJob = QStringLiteral("a");
    a.visualStyle = QStringLiteral("VanillaTemplate");
    b.mediaJob = QStringLiteral("b");
    b.visualStyle = QStringLiteral("DynamicProductTemplate");
    {
        Store store;
        QVERIFY(store.open(path));
        JobRecord job;
        job.remoteId = QStringLiteral("j");
        job.status = JobStatus::Done;
        jobId = store.insertJob(job);
        QVERIFY(store.setPreviews(jobId, {a, b}));
        QSignalSpy marked(&store, &Store::previewMarkChanged);
        QSignalSpy hidden(&store, &Store::hideRejectedChanged);

        QCOMPARE(store.previewMark(jobId, QStringLiteral("a")), PreviewMark::None);
        QVERIFY(store.setPreviewMark(jobId, QStringLiteral("a"), PreviewMark::Favourite));
        QVERIFY(store.setPreviewMark(jobId, QStringLiteral("b"), PreviewMark::Rejected));
        QCOMPARE(marked.count(), 2);
        QCOMPARE(marked.at(1).at(0).toLongLong(), jobId);
        QCOMPARE(marked.at(1).at(1).toString(), QStringLiteral("b"));
        // The same mark again changes nothing and says so by silence, yet it is written.
        QVERIFY(store.setPreviewMark(jobId, QStringLiteral("a"), PreviewMark::Favourite));
        QCOMPARE(marked.count(), 2);
        // No such preview or job: not written.
        QVERIFY(!store.setPreviewMark(jobId, QStringLiteral("zz"), PreviewMark::Rejected));
        QVERIFY(!store.setPreviewMark(jobId + 1, QStringLiteral("a"), PreviewMark::Rejected));
        QCOMPARE(marked.count(), 2);

        QVERIFY(!store.hidesRejected(jobId));
        QVERIFY(store.setHideRejected(jobId, true));
        QVERIFY(store.setHideRejected(jobId, true));
        QCOMPARE(hidden.count(), 1);
        QVERIFY(!store.setHideRejected(jobId + 1, true));

        // Polling lists the previews again (new URL, new order): the marks stay.
        a.url = QUrl(QStringLiteral("http://x/a2"));
        QVERIFY(store.setPreviews(jobId, {b, a}));
        QCOMPARE(store.previewMark(jobId, QStringLiteral("a")), PreviewMark::Favourite);
        QCOMPARE(store.previewMark(jobId, QStringLiteral("b")), PreviewMark::Rejected);
        QCOMPARE(store.previews(jobId).first().mediaJob, QStringLiteral("b"));
    }
    Store reopened;
    QVERIFY(reopened.open(path));
    const QHash<QString, PreviewMark> marks = reopened.previewMarks(jobId);
    QCOMPARE(marks.size(), 2);
    QCOMPARE(marks.value(QStringLiteral("a")), PreviewMark::Favourite);
    QCOMPARE(marks.value(QStringLiteral("b")), PreviewMark::Rejected);
    QVERIFY(reopened.hidesRejected(jobId));
    // A mark can be cleared.
    QSignalSpy marked(&reopened, &Store::previewMarkChanged);
    QVERIFY(reopened.setPreviewMark(jobId, QStringLiteral("b"), PreviewMark::None));
    QCOMPARE(marked.count(), 1);
    QCOMPARE(reopened.previewMark(jobId, QStringLiteral("b")), PreviewMark::None);
}

void TestStore::upgradesAVersion1History()
{
    // A history written by the first release, with its own schema (not the current code's).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        const QStringList v1 = version1History();
        for (const QString &statement : v1) {
            QSqlQuery q(db);
            QVERIFY2(q.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    Store store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    const auto job = store.jobByRemoteId(QStringLiteral("old-job"));
    QVERIFY(job);
    QCOMPARE(job->localId, 7);
    QCOMPARE(job->status.name(), QStringLiteral("done"));
    QCOMPARE(job->creditsUsed, 5.0);
    const QList<PreviewRecord> previews = store.previews(7);
    QCOMPARE(previews.size(), 2);
    QCOMPARE(previews.at(1).visualStyle, QStringLiteral("FeatureTemplate"));
    QCOMPARE(previews.at(1).url, QUrl(QStringLiteral("http://x/p2")));
    QCOMPARE(store.previewMark(7, QStringLiteral("m1")), PreviewMark::None);
    QVERIFY(!store.hidesRejected(7));
    // The new columns work on the old rows.
    QVERIFY(store.setPreviewMark(7, QStringLiteral("m2"), PreviewMark::Rejected));
    QVERIFY(store.setHideRejected(7, true));
    QCOMPARE(store.previewMark(7, QStringLiteral("m2")), PreviewMark::Rejected);
    QVERIFY(store.hidesRejected(7));
}

void TestStore::upgradesAVersion2HistoryKeepingItsData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v2.sqlite"));
    QStringList v2 = version1History();
    v2.removeLast(); // its user_version
    v2 << QStringLiteral("ALTER TABLE previews ADD COLUMN mark TEXT NOT NULL DEFAULT ''")
       << QStringLiteral("ALTER TABLE jobs ADD COLUMN hide_rejected INTEGER NOT NULL DEFAULT 0")
       << QStringLiteral("UPDATE previews SET mark = 'favourite' WHERE media_job = 'm1'")
       << QStringLiteral("UPDATE jobs SET hide_rejected = 1 WHERE local_id = 7")
       << QStringLiteral("PRAGMA user_version = 2");
    QVERIFY(writeHistory(path, v2));

    Store store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    const auto job = store.job(7);
    QVERIFY(job);
    QCOMPARE(job->remoteId, QStringLiteral("old-job"));
    QCOMPARE(store.previews(7).size(), 2);
    QCOMPARE(store.previewMark(7, QStringLiteral("m1")), PreviewMark::Favourite);
    QVERIFY(store.hidesRejected(7));
    // The new tables work beside the old rows.
    QVERIFY(store.templatePresets(QStringLiteral("t1")).isEmpty());
    QVERIFY(store.saveTemplatePreset({QStringLiteral("Launch"),
                                      QStringLiteral("t1"),
                                      QString(),
                                      {{QStringLiteral("headline"), QStringLiteral("Hi")}}}));
    TemplateBatch batch;
    batch.templateId = QStringLiteral("t1");
    batch.entries = {{7, QStringLiteral("Variant 1")}};
    const qint64 batchId = store.insertTemplateBatch(batch);
    QVERIFY(batchId > 0);
    QCOMPARE(store.templateBatchOfJob(7)->id, batchId);
}

void TestStore::templatePresetsRoundTripAndSignalRealChanges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("presets.sqlite"));
    const QString templateId = QStringLiteral("tpl-1");
    {
        Store store;
        QVERIFY(store.open(path));
        QSignalSpy changed(&store, &Store::templatePresetsChanged);
        TemplatePreset launch{QStringLiteral("Launch"),
                              templateId,
                              QStringLiteral("aurora_v1"),
                              {{QStringLiteral("headline"), QStringLiteral("New!")},
                               {QStringLiteral("logo"), QString()}}};
        QVERIFY(store.saveTemplatePreset(launch));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), templateId);
        QVERIFY(store.saveTemplatePreset(launch)); // the same again: no change
        QCOMPARE(changed.count(), 1);
        launch.values[QStringLiteral("headline")] = QStringLiteral("Newer");
        QVERIFY(store.saveTemplatePreset(launch)); // same name: replaced
        QCOMPARE(changed.count(), 2);
        QVERIFY(store.saveTemplatePreset({QStringLiteral("Autumn"), templateId, QString(), {}}));
        QVERIFY(store.saveTemplatePreset(
                {QStringLiteral("Other"), QStringLiteral("tpl-2"), QString(), {}}));
        // Checked: a preset needs a name and a template.
        QVERIFY(!store.saveTemplatePreset({QStringLiteral("  "), templateId, QString(), {}}));
        QVERIFY(!store.saveTemplatePreset({QStringLiteral("x"), QString(), QString(), {}}));
        QCOMPARE(changed.count(), 4);
    }
    Store store;
    QVERIFY(store.open(path));
    const QList<TemplatePreset> presets = store.templatePresets(templateId);
    QCOMPARE(presets.size(), 2);
    QCOMPARE(presets.at(0).name, QStringLiteral("Autumn")); // sorted by name, not as saved
    QCOMPARE(presets.at(1).name, QStringLiteral("Launch"));
    QCOMPARE(presets.at(1).modelVersion, QStringLiteral("aurora_v1"));
    QCOMPARE(presets.at(1).values.value(QStringLiteral("headline")), QStringLiteral("Newer"));
    QVERIFY(presets.at(1).values.contains(QStringLiteral("logo")));
    QVERIFY(store.templatePreset(templateId, QStringLiteral("Launch")));
    QVERIFY(!store.templatePreset(QStringLiteral("tpl-2"), QStringLiteral("Launch")));

    QSignalSpy changed(&store, &Store::templatePresetsChanged);
    QVERIFY(store.removeTemplatePreset(templateId, QStringLiteral("Launch")));
    QCOMPARE(changed.count(), 1);
    QVERIFY(store.removeTemplatePreset(templateId, QStringLiteral("Launch"))); // already gone
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.templatePresets(templateId).size(), 1);
}

void TestStore::templateBatchesRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("batches.sqlite"));
    qint64 batchId = 0;
    QList<qint64> jobIds;
    {
        Store store;
        QVERIFY(store.open(path));
        for (int i = 0; i < 3; ++i) {
            JobRecord job;
            job.kind = JobKind::TemplatePreview;
            job.templateId = QStringLiteral("tpl-1");
            job.status = JobStatus::Pending;
            jobIds << store.insertJob(job);
        }
        QSignalSpy changed(&store, &Store::templateBatchChanged);
        TemplateBatch batch;
        batch.templateId = QStringLiteral("tpl-1");
        batch.aspectRatio = QStringLiteral("9x16");
        batch.entries = {{jobIds.at(0), QStringLiteral("Bold")},
                         {jobIds.at(1), QStringLiteral("Calm")}};
        batchId = store.insertTemplateBatch(batch);
        QVERIFY(batchId > 0);
        QCOMPARE(changed.count(), 1);
        // The same entries again change nothing; a variant sent again takes its old place.
        QVERIFY(store.setTemplateBatchEntries(batchId, batch.entries));
        QCOMPARE(changed.count(), 1);
        QVERIFY(store.setTemplateBatchEntries(
                batchId,
                {{jobIds.at(0), QStringLiteral("Bold")}, {jobIds.at(2), QStringLiteral("Calm")}}));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).toLongLong(), batchId);
        // Checked writes: no such batch, no such job, no template.
        QVERIFY(!store.setTemplateBatchEntries(batchId + 100, batch.entries));
        QVERIFY(!store.setTemplateBatchEntries(batchId, {{9999, QStringLiteral("x")}}));
        QCOMPARE(store.templateBatch(batchId)->entries.size(), 2);
        QCOMPARE(store.insertTemplateBatch(TemplateBatch{}), qint64(0));
        QCOMPARE(changed.count(), 2);
    }
    Store store;
    QVERIFY(store.open(path));
    const auto batch = store.templateBatch(batchId);
    QVERIFY(batch);
    QCOMPARE(batch->templateId, QStringLiteral("tpl-1"));
    QCOMPARE(batch->aspectRatio, QStringLiteral("9x16"));
    QCOMPARE(batch->jobIds(), (QList<qint64>{jobIds.at(0), jobIds.at(2)}));
    QCOMPARE(batch->titleOf(jobIds.at(2)), QStringLiteral("Calm"));
    QVERIFY(batch->createdAt.isValid());
    QCOMPARE(store.templateBatchOfJob(jobIds.at(2))->id, batchId);
    QVERIFY(!store.templateBatchOfJob(jobIds.at(1))); // replaced
    // A job previewed again with the same values is in the newer batch too.
    TemplateBatch again;
    again.templateId = QStringLiteral("tpl-1");
    again.entries = {{jobIds.at(0), QStringLiteral("Bold")}};
    const qint64 newer = store.insertTemplateBatch(again);
    QVERIFY(newer > batchId);
    QCOMPARE(store.templateBatchOfJob(jobIds.at(0))->id, newer);
    // A removed job leaves its batches.
    QVERIFY(store.removeJob(jobIds.at(0)));
    QCOMPARE(store.templateBatch(batchId)->jobIds(), QList<qint64>{jobIds.at(2)});
    QVERIFY(store.templateBatch(newer)->entries.isEmpty());
}

void TestStore::importsTheOldPresetsFileOnce()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("template-presets.json"));
    auto preset = [](const QString &name, const QString &headline) {
        return QJsonObject{
                {QStringLiteral("name"), name},
                {QStringLiteral("template_id"), QStringLiteral("tpl-1")},
                {QStringLiteral("model_version"), QStringLiteral("standard")},
                {QStringLiteral("values"), QJsonObject{{QStringLiteral("headline"), headline}}}};
    };
    const QJsonObject old{{QStringLiteral("version"), 1},
                          {QStringLiteral("presets"),
                           QJsonArray{preset(QStringLiteral("Launch"), QStringLiteral("Old")),
                                      preset(QStringLiteral("Summer"), QStringLiteral("Sun"))}}};
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(old).toJson());
    }

    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("profile-a.sqlite"))));
    QCOMPARE(store.importLegacyTemplatePresets(dir.filePath(QStringLiteral("absent.json"))), 0);
    // A preset already in the store wins over the file's one of the same name.
    QVERIFY(store.saveTemplatePreset({QStringLiteral("Launch"),
                                      QStringLiteral("tpl-1"),
                                      QString(),
                                      {{QStringLiteral("headline"), QStringLiteral("Mine")}}}));
    QSignalSpy changed(&store, &Store::templatePresetsChanged);
    QCOMPARE(store.importLegacyTemplatePresets(file), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.templatePresets(QStringLiteral("tpl-1")).size(), 2);
    QCOMPARE(store.templatePreset(QStringLiteral("tpl-1"), QStringLiteral("Launch"))
                     ->values.value(QStringLiteral("headline")),
             QStringLiteral("Mine"));
    QCOMPARE(store.templatePreset(QStringLiteral("tpl-1"), QStringLiteral("Summer"))
                     ->values.value(QStringLiteral("headline")),
             QStringLiteral("Sun"));
    QVERIFY(QFile::exists(file)); // left alone
    // Once: a preset removed after the import does not come back.
    QVERIFY(store.removeTemplatePreset(QStringLiteral("tpl-1"), QStringLiteral("Summer")));
    QCOMPARE(store.importLegacyTemplatePresets(file), 0);
    QVERIFY(!store.templatePreset(QStringLiteral("tpl-1"), QStringLiteral("Summer")));

    // Every profile had the file: another profile's history imports it too.
    Store other;
    QVERIFY(other.open(dir.filePath(QStringLiteral("profile-b.sqlite"))));
    QCOMPARE(other.importLegacyTemplatePresets(file), 2);

    // A damaged file is reported and tried again later, not marked as done.
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{ not json");
    }
    Store third;
    QVERIFY(third.open(dir.filePath(QStringLiteral("profile-c.sqlite"))));
    QCOMPARE(third.importLegacyTemplatePresets(file), -1);
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(old).toJson());
    }
    QCOMPARE(third.importLegacyTemplatePresets(file), 2);
}

namespace {
// The names the database has always held (no migration): a rename here would strand old rows.
const QList<QPair<JobStatus::Value, QString>> &storedNames()
{
    static const QList<QPair<JobStatus::Value, QString>> names{
            {JobStatus::Pending, QStringLiteral("pending")},
            {JobStatus::InQueue, QStringLiteral("in_queue")},
            {JobStatus::Running, QStringLiteral("running")},
            {JobStatus::Done, QStringLiteral("done")},
            {JobStatus::Failed, QStringLiteral("failed")},
            {JobStatus::Rejected, QStringLiteral("rejected")},
            {JobStatus::Submitting, QStringLiteral("submitting")},
            {JobStatus::Reconciling, QStringLiteral("unknown")},
            {JobStatus::NotCreated, QStringLiteral("not_created")},
            {JobStatus::Lost, QStringLiteral("lost")},
            {JobStatus::Unsure, QStringLiteral("unsure")},
            {JobStatus::Queued, QStringLiteral("queued")},
    };
    return names;
}

// The text in the database itself (the suite opens one store at a time).
QString rawStatus(const QString &table, const QString &key, qint64 id)
{
    if (QSqlDatabase::connectionNames().size() != 1)
        return QStringLiteral("<not one store open>");
    QSqlQuery q(QSqlDatabase::database(QSqlDatabase::connectionNames().constFirst()));
    q.prepare(QStringLiteral("SELECT status FROM %1 WHERE %2 = ?").arg(table, key));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("<no row>");
}
} // namespace

void TestStore::everyStatusIsStoredByItsOldName()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    QCOMPARE(JobStatus::knownValues().size(), storedNames().size());
    for (const auto &[value, name] : storedNames()) {
        const JobStatus status(value);
        QCOMPARE(status.name(), name);
        QCOMPARE(JobStatus::fromName(name), status);

        JobRecord job;
        job.status = status;
        const qint64 jobId = store.insertJob(job);
        QVERIFY(jobId);
        QCOMPARE(rawStatus(QStringLiteral("jobs"), QStringLiteral("local_id"), jobId), name);
        QCOMPARE(store.job(jobId)->status, status);

        RenderRecord render;
        render.jobLocalId = jobId;
        render.status = status;
        const qint64 renderId = store.insertRender(render);
        QVERIFY(renderId);
        QCOMPARE(rawStatus(QStringLiteral("renders"), QStringLiteral("local_id"), renderId), name);
        QCOMPARE(store.render(renderId)->status, status);

        DownloadRecord download;
        download.renderLocalId = renderId;
        download.url = QUrl(QStringLiteral("http://127.0.0.1:9/v.mp4"));
        download.targetPath = QStringLiteral("/tmp/v.mp4");
        download.status = status;
        QVERIFY(store.upsertDownload(download));
        QCOMPARE(store.downloadForRender(renderId)->status, status);
    }
}

void TestStore::unknownStatusNamesSurvive()
{
    // A status a later Creatify adds: kept as written, never taken for finished or for a local
    // state, and written back unchanged.
    const JobStatus cancelled = JobStatus::fromApiName(QStringLiteral("cancelled"));
    QCOMPARE(cancelled.value(), JobStatus::Other);
    QCOMPARE(cancelled.name(), QStringLiteral("cancelled"));
    QVERIFY(!cancelled.isFinished());
    QVERIFY(cancelled != JobStatus::fromApiName(QStringLiteral("paused")));

    VideoJob remote;
    QVERIFY(VideoJob::fromJson(QJsonObject{{QStringLiteral("id"), QStringLiteral("job-x")},
                                           {QStringLiteral("status"), QStringLiteral("cancelled")}},
                               &remote));
    QCOMPARE(remote.status, cancelled);

    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    JobRecord job;
    job.remoteId = QStringLiteral("job-x");
    job.status = remote.status;
    const qint64 jobId = store.insertJob(job);
    QCOMPARE(rawStatus(QStringLiteral("jobs"), QStringLiteral("local_id"), jobId),
             QStringLiteral("cancelled"));
    const auto read = store.job(jobId);
    QCOMPARE(read->status.value(), JobStatus::Other);
    QCOMPARE(read->status, cancelled);
    // Not finished, so it is still polled.
    QCOMPARE(store.unfinishedJobs(JobKind::LinkPreviews).size(), 1);
    QVERIFY(store.updateJob(*read));
    QCOMPARE(store.job(jobId)->status.name(), QStringLiteral("cancelled"));
}

void TestStore::apiNamesMapToTheApiStatusesOnly()
{
    QCOMPARE(JobStatus::fromApiName(QStringLiteral("pending")), JobStatus(JobStatus::Pending));
    QCOMPARE(JobStatus::fromApiName(QStringLiteral("in_queue")), JobStatus(JobStatus::InQueue));
    QCOMPARE(JobStatus::fromApiName(QStringLiteral(" Done ")), JobStatus(JobStatus::Done));
    QCOMPARE(JobStatus::fromApiName(QStringLiteral("rejected")), JobStatus(JobStatus::Rejected));
    // Aliases some clients report (creatify-api.md §7).
    QCOMPARE(JobStatus::fromApiName(QStringLiteral("processing")), JobStatus(JobStatus::Running));
    QCOMPARE(JobStatus::fromApiName(QStringLiteral("error")), JobStatus(JobStatus::Failed));
    // A server saying "unknown" or "lost" is not PreviewDeck's own state of that name.
    for (const QString &local : {QStringLiteral("unknown"), QStringLiteral("lost"),
                                 QStringLiteral("not_created"), QStringLiteral("queued")}) {
        const JobStatus status = JobStatus::fromApiName(local);
        QCOMPARE(status.value(), JobStatus::Other);
        QCOMPARE(status.name(), local);
    }
    QCOMPARE(JobStatus::fromApiName(QString()).value(), JobStatus::Other);
}

void TestStore::finishedIsDecidedInOnePlace()
{
    const QSet<JobStatus::Value> finished{JobStatus::Done,     JobStatus::Failed,
                                          JobStatus::Rejected, JobStatus::NotCreated,
                                          JobStatus::Lost,     JobStatus::Unsure};
    const QSet<JobStatus::Value> failures{JobStatus::Failed, JobStatus::Rejected,
                                          JobStatus::NotCreated, JobStatus::Lost};
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    for (const JobStatus &status : JobStatus::knownValues()) {
        QCOMPARE(status.isFinished(), finished.contains(status.value()));
        QCOMPARE(status.isFailure(), failures.contains(status.value()));
        JobRecord job;
        job.remoteId = status.name();
        job.status = status;
        store.insertJob(job);
    }
    // The store's "still running" query agrees with isFinished() for every status.
    QStringList polled;
    for (const JobRecord &job : store.unfinishedJobs(JobKind::LinkPreviews)) {
        QVERIFY2(!job.status.isFinished(), qPrintable(job.status.name()));
        polled << job.remoteId;
    }
    QCOMPARE(polled.size(), JobStatus::knownValues().size() - finished.size());
}

void TestStore::recordedRequestReadsWhatWasAsked()
{
    PreviewListRequest asked;
    asked.linkId = QStringLiteral("link-1");
    asked.name = QStringLiteral("Lamp, summer");
    asked.visualStyles = {QStringLiteral("FullScreenTemplate"), QStringLiteral("VanillaTemplate")};
    asked.aspectRatio = QStringLiteral("16x9");
    asked.videoLength = 45;
    asked.modelVersion = QStringLiteral("aurora_v1");
    JobRecord job;
    job.request = asked.toJson();
    QCOMPARE(job.recorded().visualStyles(), asked.visualStyles);
    QCOMPARE(job.recorded().aspectRatio(), QStringLiteral("16x9"));
    QCOMPARE(job.recorded().name(), QStringLiteral("Lamp, summer"));
    QCOMPARE(job.recorded().videoLength(), 45);
    QCOMPARE(job.recorded().modelVersion(), QStringLiteral("aurora_v1"));

    TemplateJobRequest templateAsked;
    templateAsked.templateId = QStringLiteral("tpl-1");
    templateAsked.name = QStringLiteral("Variant A");
    templateAsked.variables.insert(
            QStringLiteral("headline"),
            TemplateJobRequest::variable(VariableType::Text, QStringLiteral("Hello")));
    JobRecord templateJob;
    templateJob.kind = JobKind::TemplatePreview;
    templateJob.request = templateAsked.toJson();
    QCOMPARE(templateJob.recorded().durationSeconds(30), 30); // not recorded yet
    RecordedRequest::setDurationSeconds(&templateJob.request, 42);
    QCOMPARE(templateJob.recorded().durationSeconds(30), 42);
    QCOMPARE(templateJob.recorded().templateVariables(), templateAsked.variables);
    QCOMPARE(templateJob.recorded().name(), QStringLiteral("Variant A"));
    QVERIFY(templateJob.recorded().aspectRatio().isEmpty());
    QVERIFY(templateJob.recorded().visualStyles().isEmpty());

    // What was recorded survives the store.
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    job.status = JobStatus::Pending;
    const qint64 id = store.insertJob(job);
    QVERIFY(store.job(id));
    QCOMPARE(store.job(id)->recorded().visualStyles(), asked.visualStyles);
}

namespace {
// The template tables of schema 3, on top of a version 2 history (as release 3 wrote them).
QStringList version3History()
{
    QStringList v3 = version1History();
    v3.removeLast();
    v3 << QStringLiteral("ALTER TABLE previews ADD COLUMN mark TEXT NOT NULL DEFAULT ''")
       << QStringLiteral("ALTER TABLE jobs ADD COLUMN hide_rejected INTEGER NOT NULL DEFAULT 0")
       << QStringLiteral("CREATE TABLE template_presets (template_id TEXT NOT NULL, name TEXT "
                         "NOT NULL, model_version TEXT NOT NULL DEFAULT '', variables TEXT NOT "
                         "NULL, updated_at TEXT NOT NULL, PRIMARY KEY (template_id, name))")
       << QStringLiteral("CREATE TABLE template_batches (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "template_id TEXT NOT NULL, aspect_ratio TEXT NOT NULL DEFAULT '', "
                         "created_at TEXT NOT NULL)")
       << QStringLiteral("CREATE TABLE template_batch_jobs (batch_id INTEGER NOT NULL, "
                         "job_local_id INTEGER NOT NULL, position INTEGER NOT NULL, title TEXT "
                         "NOT NULL, PRIMARY KEY (batch_id, position))")
       << QStringLiteral("CREATE TABLE store_flags (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
       << QStringLiteral("INSERT INTO template_presets VALUES ('t1', 'Launch', '', "
                         "'{\"headline\":\"Hi\"}', '2026-11-01T10:00:00.000Z')")
       << QStringLiteral("PRAGMA user_version = 3");
    return v3;
}

Batch twoProductBatch()
{
    Batch batch;
    batch.name = QStringLiteral("Autumn catalogue");
    batch.key = QStringLiteral("batch:abc");
    batch.request = QJsonObject{
            {QStringLiteral("visual_styles"),
             QJsonArray{QStringLiteral("VanillaTemplate"), QStringLiteral("FeatureTemplate")}},
            {QStringLiteral("aspect_ratio"), QStringLiteral("9x16")}};
    batch.downloadDirectory = QStringLiteral("/tmp/autumn");
    BatchRow lamp;
    lamp.url = QStringLiteral("https://shop.example.com/lamp");
    lamp.name = QStringLiteral("Lamp");
    BatchRow mug;
    mug.title = QStringLiteral("Mug");
    mug.description = QStringLiteral("A mug, by hand");
    mug.imageUrls = {QStringLiteral("https://img.example.com/1.jpg"),
                     QStringLiteral("https://img.example.com/2.jpg")};
    batch.rows = {lamp, mug};
    return batch;
}
} // namespace

void TestStore::upgradesAVersion3HistoryAndKeepsBatches()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v3.sqlite"));
    QVERIFY(writeHistory(path, version3History()));
    qint64 batchId = 0;
    {
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
        QCOMPARE(store.job(7)->remoteId, QStringLiteral("old-job"));
        QCOMPARE(store.templatePresets(QStringLiteral("t1")).size(), 1);
        batchId = store.insertBatch(twoProductBatch());
        QVERIFY(batchId > 0);
    }
    Store reopened;
    QVERIFY(reopened.open(path));
    const auto batch = reopened.batch(batchId);
    QVERIFY(batch);
    QCOMPARE(batch->name, QStringLiteral("Autumn catalogue"));
    QCOMPARE(batch->recorded().visualStyles(),
             (QStringList{QStringLiteral("VanillaTemplate"), QStringLiteral("FeatureTemplate")}));
    QCOMPARE(batch->downloadDirectory, QStringLiteral("/tmp/autumn"));
    QCOMPARE(batch->rows.size(), 2);
    QCOMPARE(batch->rows.at(0).url, QStringLiteral("https://shop.example.com/lamp"));
    QVERIFY(!batch->rows.at(0).isEnteredByHand());
    QCOMPARE(batch->rows.at(1).position, 1);
    QCOMPARE(batch->rows.at(1).imageUrls.size(), 2);
    QVERIFY(batch->rows.at(1).isEnteredByHand());
    QCOMPARE(batch->rows.at(1).stage, BatchRowStage::Queued);
    QCOMPARE(reopened.batchByKey(QStringLiteral("batch:abc"))->id, batchId);
    QVERIFY(!reopened.batchByKey(QStringLiteral("batch:other")));
    QCOMPARE(reopened.batches().size(), 1);
}

namespace {
// The batch tables of schema 4 (as release 4 wrote them), with one batch: its first row
// previewing job 7 with a pick bought (render 12) and one not.
QStringList version4History()
{
    QStringList v4 = version3History();
    v4.removeLast();
    v4 << QStringLiteral("CREATE TABLE batches (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT "
                         "NOT NULL DEFAULT '', dedup_key TEXT NOT NULL DEFAULT '', request TEXT "
                         "NOT NULL, download_dir TEXT NOT NULL DEFAULT '', created_at TEXT NOT "
                         "NULL)")
       << QStringLiteral("CREATE INDEX batches_key ON batches(dedup_key)")
       << QStringLiteral("CREATE TABLE batch_rows (batch_id INTEGER NOT NULL REFERENCES "
                         "batches(id) ON DELETE CASCADE, position INTEGER NOT NULL, url TEXT "
                         "NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', title TEXT NOT "
                         "NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', image_urls "
                         "TEXT NOT NULL DEFAULT '', link_id TEXT NOT NULL DEFAULT '', "
                         "link_spend_id INTEGER NOT NULL DEFAULT 0, job_local_id INTEGER NOT "
                         "NULL DEFAULT 0, stage TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', "
                         "updated_at TEXT NOT NULL, PRIMARY KEY (batch_id, position))")
       << QStringLiteral("CREATE INDEX batch_rows_job ON batch_rows(job_local_id)")
       << QStringLiteral("CREATE TABLE batch_picks (batch_id INTEGER NOT NULL REFERENCES "
                         "batches(id) ON DELETE CASCADE, position INTEGER NOT NULL, "
                         "visual_style TEXT NOT NULL, render_local_id INTEGER NOT NULL DEFAULT "
                         "0, error TEXT NOT NULL DEFAULT '', PRIMARY KEY (batch_id, position, "
                         "visual_style))")
       << QStringLiteral("CREATE INDEX batch_picks_render ON batch_picks(render_local_id)")
       << QStringLiteral("INSERT INTO batches VALUES (3, 'Old batch', 'batch:old', "
                         "'{\"visual_styles\":[\"VanillaTemplate\",\"FeatureTemplate\"]}', "
                         "'/tmp/old', '2026-11-01T10:00:00.000Z')")
       << QStringLiteral("INSERT INTO batch_rows (batch_id, position, url, link_id, job_local_id, "
                         "stage, updated_at) VALUES (3, 0, 'https://shop.example.com/lamp', "
                         "'link-1', 7, 'previewing', '2026-11-01T10:01:00.000Z'), (3, 1, "
                         "'https://shop.example.com/mug', '', 0, 'queued', "
                         "'2026-11-01T10:01:00.000Z')")
       << QStringLiteral("INSERT INTO batch_picks VALUES (3, 0, 'VanillaTemplate', 12, ''), "
                         "(3, 0, 'FeatureTemplate', 0, '')")
       << QStringLiteral("PRAGMA user_version = 4");
    return v4;
}
} // namespace

void TestStore::upgradesAVersion4HistoryKeepingBatchesAndPicks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
    QVERIFY(writeHistory(path, version4History()));
    Store store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    const auto batch = store.batch(3);
    QVERIFY(batch);
    QCOMPARE(batch->name, QStringLiteral("Old batch"));
    QCOMPARE(batch->rows.size(), 2);
    const BatchRow lamp = batch->rows.at(0);
    QCOMPARE(lamp.stage, BatchRowStage::Previewing);
    QCOMPARE(lamp.jobLocalId, 7);
    QCOMPARE(lamp.picks.size(), 2);
    // A pick already bought was confirmed; one not bought was not (nothing recorded it).
    QCOMPARE(lamp.picks.at(0), (BatchPick{QStringLiteral("VanillaTemplate"), 12, QString(), true}));
    QCOMPARE(lamp.picks.at(1), (BatchPick{QStringLiteral("FeatureTemplate"), 0, QString(), false}));

    // The confirmation is stored and read back.
    BatchRow confirmed = lamp;
    confirmed.picks[1].renderConfirmed = true;
    QVERIFY(store.updateBatchRow(confirmed));
    QVERIFY(store.batch(3)->rows.at(0).picks.at(1).renderConfirmed);

    // The job removed from the history: its row no longer looks as if its previews were on
    // their way (a run would follow nothing, or buy them again unasked).
    QVERIFY(store.removeJob(7));
    QCOMPARE(store.batch(3)->rows.at(0).stage, BatchRowStage::Failed);
    QCOMPARE(store.batch(3)->rows.at(1).stage, BatchRowStage::Queued);
}

// A job's change touches one row: reading or updating it must not read the whole batch, or
// every polling round of a long batch costs rows² reads.
void TestStore::oneBatchRowIsReadWithoutTheRest()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    Batch small = twoProductBatch();
    small.rows.removeLast();
    small.rows.first().jobLocalId = 1;
    small.rows.first().picks = {BatchPick{QStringLiteral("VanillaTemplate"), 1, QString()}};
    Batch large = twoProductBatch();
    large.rows.clear();
    for (int i = 0; i < 3000; ++i) {
        BatchRow row = twoProductBatch().rows.at(i % 2);
        row.jobLocalId = 100 + i;
        row.picks = {BatchPick{QStringLiteral("VanillaTemplate"), 100000 + i, QString()}};
        large.rows << row;
    }
    const qint64 smallId = store.insertBatch(small);
    const qint64 largeId = store.insertBatch(large);
    QVERIFY(smallId > 0 && largeId > 0);

    const BatchRow middle = *store.batchRow(largeId, 1501);
    QCOMPARE(middle, store.batch(largeId)->rows.at(1501));
    QCOMPARE(*store.batchRowOfJob(1601), middle);
    QCOMPARE(*store.batchRowOfRender(101501), middle);
    QVERIFY(!store.batchRow(largeId, 3000));

    // The best of three runs of 200 reads and unchanged writes each, in the 1-row batch and
    // spread over the 3000-row one: of the same order, not 3000 times as much (reading the
    // whole batch took about 120 times as long; the bound leaves room for a loaded machine).
    const auto timeReads = [&](qint64 batchId, int rows) {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < 200; ++i) {
                const int position = (i * 15) % rows;
                const bool inSmall = batchId == smallId;
                const auto row = store.batchRowOfJob(inSmall ? 1 : 100 + position);
                if (!row || !store.updateBatchRow(*row)
                    || !store.batchRowOfRender(inSmall ? 1 : 100000 + position))
                    return qint64(-1);
            }
            best = qMin(best, timer.nsecsElapsed());
        }
        return best;
    };
    const qint64 inSmall = timeReads(smallId, 1);
    const qint64 inLarge = timeReads(largeId, 3000);
    QVERIFY(inSmall > 0 && inLarge > 0);
    QVERIFY2(inLarge < 20 * inSmall + 50'000'000,
             qPrintable(QStringLiteral("1-row batch %1 ms, 3000-row batch %2 ms")
                                .arg(inSmall / 1e6)
                                .arg(inLarge / 1e6)));
}

void TestStore::batchRowsArePickedCheckedAndSignalled()
{
    Store store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    const qint64 batchId = store.insertBatch(twoProductBatch());
    QVERIFY(batchId > 0);
    QSignalSpy changed(&store, &Store::batchChanged);

    BatchRow row = store.batch(batchId)->rows.at(0);
    row.linkId = QStringLiteral("link-1");
    row.linkSpendId = 3;
    row.jobLocalId = 7;
    row.stage = BatchRowStage::Previewing;
    row.picks = {BatchPick{QStringLiteral("FeatureTemplate"), 0, QString(), false},
                 BatchPick{QStringLiteral("VanillaTemplate"), 12, QString(), true}};
    QVERIFY(store.updateBatchRow(row));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toLongLong(), batchId);
    QVERIFY(store.updateBatchRow(row)); // the same again: no signal
    QCOMPARE(changed.size(), 1);

    const BatchRow stored = store.batch(batchId)->rows.at(0);
    QCOMPARE(stored, row);
    QCOMPARE(stored.picks.size(), 2);
    QCOMPARE(store.batchRowOfJob(7)->position, 0);
    QCOMPARE(store.batchRowOfRender(12)->picks.at(1).visualStyle, QStringLiteral("VanillaTemplate"));
    QVERIFY(!store.batchRowOfRender(13));

    // A pick dropped: the others stay.
    row.picks.removeFirst();
    QVERIFY(store.updateBatchRow(row));
    QCOMPARE(store.batch(batchId)->rows.at(0).picks.size(), 1);

    BatchRow missing = row;
    missing.position = 5;
    QVERIFY(!store.updateBatchRow(missing));
    missing.batchId = 99;
    QVERIFY(!store.updateBatchRow(missing));
    QCOMPARE(changed.size(), 2);

    QVERIFY(store.setBatchDownloadDirectory(batchId, QStringLiteral("/tmp/other")));
    QCOMPARE(store.batch(batchId)->downloadDirectory, QStringLiteral("/tmp/other"));
    QCOMPARE(changed.size(), 3);
    QVERIFY(!store.setBatchDownloadDirectory(99, QStringLiteral("/tmp/x")));
}

void TestStore::linkCreditsGoToTheLinksFirstJobCreatifyTook()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("linkcredits.sqlite"))));
    const QString link = QStringLiteral("link-1");
    const qint64 spend = store.recordSpendIntent(SpendKind::CreateLink, QStringLiteral("link:x"),
                                                 {}, 1.0);
    QVERIFY(store.setSpendState(spend, SpendState::Confirmed, link));
    // A first request for its previews Creatify did not take (a 429), then the one it took.
    JobRecord refused;
    refused.kind = JobKind::LinkPreviews;
    refused.linkId = link;
    refused.status = JobStatus::NotCreated;
    const qint64 refusedId = store.insertJob(refused);
    JobRecord taken = refused;
    taken.status = JobStatus::Done;
    const qint64 takenId = store.insertJob(taken);
    QCOMPARE(store.linkCreditsOfJob(takenId), 1.0);
    QCOMPARE(store.linkCreditsOfJob(refusedId), 0.0);
    // A second job of the same link does not count the link again.
    const qint64 secondId = store.insertJob(taken);
    QCOMPARE(store.linkCreditsOfJob(secondId), 0.0);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"

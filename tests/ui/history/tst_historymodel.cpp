#include "uiresultsfixture.h"

#include "apienums.h"
#include "history/historymodel.h"
#include "history/historyview.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace PreviewDeck;

namespace {

QString statusOf(const HistoryModel &model, qint64 jobId)
{
    return model.indexOfJob(jobId).data(HistoryModel::StatusTextRole).toString();
}

// Every sentence the list may show while a link job goes from request to saved file.
bool isKnownLiveText(const QString &text)
{
    static const QRegularExpression pattern(
            QStringLiteral("^(Submitting…|Checking with Creatify…|Waiting in Creatify's "
                           "queue|Rendering previews \\d+%|"
                           "Previews ready|Rendering \\d+%|Video ready|Downloading \\d+%|Saved)$"));
    return pattern.match(text).hasMatch();
}

JobRecord linkJob(const QString &linkId, const JobStatus &status)
{
    JobRecord job;
    job.kind = JobKind::LinkPreviews;
    job.linkId = linkId;
    job.status = status;
    job.estimatedCredits = 2;
    job.request.insert(
            QStringLiteral("visual_styles"),
            QJsonArray{QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate")});
    return job;
}

} // namespace

class TestHistoryModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void statusWordsFollowTheStore();
    void liveJobUpdatesRowsIncrementallyAndSurvivesRestart();
    void viewEmitsActionsForTheSelectedJob();
    void creditsUsedCountRendersAndReadWell();
    void batchEntryIsReadOnceAfterABurst();
    void emptyListSaysWhy();
    void batchEntryFollowsItsDownloads();
};

// A batch is one entry; a video of it saved (a download, not a job or a render changing)
// updates what the entry says and its progress.
void TestHistoryModel::batchEntryFollowsItsDownloads()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("batch.sqlite"))));
    HistoryModel model(&store);
    QList<qint64> renders;
    Batch batch;
    batch.name = QStringLiteral("Catalogue");
    batch.key = QStringLiteral("catalogue");
    batch.request.insert(QStringLiteral("visual_styles"),
                         QJsonArray{QStringLiteral("VanillaTemplate")});
    batch.downloadDirectory = dir.path();
    for (int i = 0; i < 2; ++i) {
        JobRecord job = linkJob(QStringLiteral("link-%1").arg(i), JobStatus::Done);
        job.localId = store.insertJob(job);
        RenderRecord render;
        render.jobLocalId = job.localId;
        render.mediaJob = QStringLiteral("mj-%1").arg(i);
        render.status = JobStatus::Done;
        render.estimatedCredits = 4;
        render.localId = store.insertRender(render);
        renders << render.localId;
        DownloadRecord download; // waiting for a slot, as the engine queues it
        download.renderLocalId = render.localId;
        download.url = QUrl(QStringLiteral("http://127.0.0.1/v%1.mp4").arg(i));
        download.targetPath = dir.filePath(QStringLiteral("v%1.mp4").arg(i));
        download.status = JobStatus::Queued;
        QVERIFY(store.upsertDownload(download) != 0);
        BatchRow row;
        row.url = QStringLiteral("https://shop.example.com/products/p%1").arg(i);
        row.jobLocalId = job.localId;
        row.stage = BatchRowStage::Previewing;
        row.picks << BatchPick{QStringLiteral("VanillaTemplate"), render.localId, QString()};
        batch.rows << row;
    }
    QVERIFY(store.insertBatch(batch) != 0);
    QTRY_COMPARE(model.rowCount(), 1);
    const auto status = [&] { return model.index(0).data(HistoryModel::StatusTextRole).toString(); };
    QVERIFY2(status().endsWith(QLatin1String("0 of 2 videos saved")), qPrintable(status()));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 2; ++i) {
        DownloadRecord download = *store.downloadForRender(renders.at(i));
        download.status = JobStatus::Running;
        download.localId = store.upsertDownload(download);
        QVERIFY(download.localId != 0);
        // Read again once the burst of changes is over (one pass of the event loop).
        QTRY_VERIFY(model.index(0).data(HistoryModel::ActiveRole).toBool());
        QFile file(download.targetPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("video");
        file.close();
        download.status = JobStatus::Done;
        QVERIFY(store.upsertDownload(download) != 0);
    }
    // What changed since the event loop last ran (at least the last video saved) is read once
    // after the burst, not once per change.
    const int before = changed.size();
    QTRY_VERIFY2(status().endsWith(QLatin1String("2 of 2 videos saved")), qPrintable(status()));
    QCOMPARE(changed.size(), before + 1);
    QVERIFY(!model.index(0).data(HistoryModel::ActiveRole).toBool());
}

// What a job cost: Creatify's figure for the previews plus every render it accepted, in words
// ("1 credit", "5 credits").
void TestHistoryModel::creditsUsedCountRendersAndReadWell()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("credits.sqlite"))));
    HistoryModel model(&store);
    JobRecord job = linkJob(QStringLiteral("link-1"), JobStatus::Done);
    job.creditsUsed = 1;
    job.localId = store.insertJob(job);
    const auto secondary = [&] {
        return model.index(0).data(HistoryModel::SecondaryTextRole).toString();
    };
    QVERIFY2(secondary().contains(QLatin1String("1 credit used")), qPrintable(secondary()));

    RenderRecord render;
    render.jobLocalId = job.localId;
    render.mediaJob = QStringLiteral("mj-1");
    render.estimatedCredits = 4;
    render.status = JobStatus::Failed; // accepted, then failed: still charged
    render.localId = store.insertRender(render);
    RenderRecord refused = render;
    refused.mediaJob = QStringLiteral("mj-2");
    refused.status = LocalStatus::notCreated(); // never taken: free
    store.insertRender(refused);
    QCOMPARE(model.index(0).data(HistoryModel::CreditsUsedRole).toDouble(), 5.0);
    QVERIFY2(secondary().contains(QLatin1String("5 credits used")), qPrintable(secondary()));

    // The product page read before the previews (the link) was paid too: it counts with the
    // link's first job, not again with a later one of the same link.
    const qint64 linkSpend = store.recordSpendIntent(SpendKind::CreateLink,
                                                     QStringLiteral("link:lamp"), {}, 1);
    QVERIFY(store.setSpendState(linkSpend, SpendState::Confirmed, QStringLiteral("link-1")));
    JobRecord again = linkJob(QStringLiteral("link-1"), JobStatus::Done);
    again.creditsUsed = 1;
    again.localId = store.insertJob(again);
    model.reload();
    QCOMPARE(model.data(model.indexOfJob(job.localId), HistoryModel::CreditsUsedRole).toDouble(),
             6.0);
    QCOMPARE(model.data(model.indexOfJob(again.localId), HistoryModel::CreditsUsedRole).toDouble(),
             1.0);
}

// A polling round changes many of a batch's jobs at once; its one entry sums up the whole batch,
// so it is read again once after them, not once per job (rows² store reads a round).
void TestHistoryModel::batchEntryIsReadOnceAfterABurst()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("burst.sqlite"))));
    Batch batch;
    batch.name = QStringLiteral("Spring");
    batch.request = linkJob(QString(), JobStatus::Running).request;
    QList<JobRecord> jobs;
    for (int i = 0; i < 40; ++i) {
        JobRecord job = linkJob(QStringLiteral("link-%1").arg(i), JobStatus::Running);
        job.localId = store.insertJob(job);
        jobs << job;
        BatchRow row;
        row.url = QStringLiteral("https://shop.example.com/p/%1").arg(i);
        row.linkId = job.linkId;
        row.jobLocalId = job.localId;
        row.stage = BatchRowStage::Previewing;
        batch.rows << row;
    }
    QVERIFY(store.insertBatch(batch) > 0);
    HistoryModel model(&store); // made after the writes above: nothing of them is due
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (JobRecord &job : jobs) {
        job.status = JobStatus::Done;
        job.creditsUsed = 2;
        QVERIFY(store.updateJob(job));
    }
    QCOMPARE(changed.size(), 0); // not read during the burst
    QTRY_COMPARE(model.index(0).data(HistoryModel::CreditsUsedRole).toDouble(), 80.0);
    // A zero timer started now fires after any the model has pending (timers of one interval
    // fire in the order started): a second read of the entry would have come by then.
    bool passed = false;
    QTimer::singleShot(0, &model, [&passed] { passed = true; });
    QVERIFY(QTest::qWaitFor([&passed] { return passed; }));
    QCOMPARE(changed.size(), 1);
}

void TestHistoryModel::emptyListSaysWhy()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("empty.sqlite"))));
    HistoryModel model(&store);
    HistoryView view(&model);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.emptyText().contains(QLatin1String("No videos yet")));
    // The words are on screen, not only in a property: the top of the list is not blank.
    const QImage shot = view.listView()->viewport()->grab().toImage();
    bool painted = false;
    for (int x = 0; x < shot.width() && !painted; ++x)
        for (int y = 0; y < 40 && !painted; ++y)
            painted = shot.pixelColor(x, y) != shot.pixelColor(0, 0);
    QVERIFY(painted);

    JobRecord job = linkJob(QStringLiteral("link-1"), JobStatus::Done);
    store.insertJob(job);
    QVERIFY(view.emptyText().isEmpty());
    view.filterEdit()->setText(QStringLiteral("zebra"));
    QTRY_VERIFY(view.emptyText().contains(QStringLiteral("matches \u201czebra\u201d")));
    view.filterEdit()->clear();
    QTRY_VERIFY(view.emptyText().isEmpty());
}

// Every status in words, each reached by a store write and announced by dataChanged alone.
void TestHistoryModel::statusWordsFollowTheStore()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("words.sqlite"))));
    Link link;
    link.id = QStringLiteral("link-1");
    link.title = QStringLiteral("Desk Lamp");
    store.saveLink(link);

    HistoryModel model(&store);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    JobRecord job = linkJob(link.id, LocalStatus::submitting());
    job.localId = store.insertJob(job);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex index = model.index(0);
    QCOMPARE(index.data(HistoryModel::TitleRole).toString(), QStringLiteral("Desk Lamp"));
    QCOMPARE(index.data(HistoryModel::StylesRole).toStringList(),
             QStringList({QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate")}));
    // The tooltip names the styles as the row does, not by the API's ids.
    const QString tip = index.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(ApiEnums::visualStyleLabel(QStringLiteral("FullScreenTemplate"))),
             qPrintable(tip));
    QVERIFY2(!tip.contains(QStringLiteral("Template")), qPrintable(tip));
    QVERIFY(index.data(HistoryModel::SearchTextRole)
                    .toString()
                    .contains(QStringLiteral("FullScreenTemplate")));
    QCOMPARE(index.data(HistoryModel::JobIdRole).toLongLong(), job.localId);
    QCOMPARE(index.data(HistoryModel::KindRole).toInt(), int(JobKind::LinkPreviews));
    QCOMPARE(index.data(HistoryModel::EstimatedCreditsRole).toDouble(), 2.0);
    QVERIFY(index.data(HistoryModel::CreatedRole).toDateTime().isValid());
    QCOMPARE(statusOf(model, job.localId), QStringLiteral("Submitting…"));
    QVERIFY(index.data(HistoryModel::ActiveRole).toBool());

    const struct
    {
        JobStatus status;
        double progress;
        QString reason;
        QString words;
        bool active;
    } jobSteps[] = {
            {LocalStatus::unknown(), 0, {}, QStringLiteral("Checking with Creatify…"), true},
            {JobStatus::Pending, 0, {}, QStringLiteral("Waiting in Creatify's queue"), true},
            {JobStatus::InQueue, 0, {}, QStringLiteral("Waiting in Creatify's queue"), true},
            // Creatify leaves the job pending while previews come in: that is not a queue.
            {JobStatus::Pending, 0.68, {}, QStringLiteral("Rendering previews 68%"), true},
            {JobStatus::Running, 0.4, {}, QStringLiteral("Rendering previews 40%"), true},
            {JobStatus::Failed, 0, QStringLiteral("Out of GPUs"),
             QStringLiteral("Failed: Out of GPUs"), false},
            {JobStatus::Rejected, 0, {}, QStringLiteral("Rejected by Creatify"), false},
            {LocalStatus::notCreated(), 0, QStringLiteral("not enough credits"),
             QStringLiteral("Not created: not enough credits"), false},
            {LocalStatus::lost(), 0, {}, QStringLiteral("No longer on Creatify"), false},
            {JobStatus::Done, 1, {}, QStringLiteral("Previews ready"), false},
    };
    for (const auto &step : jobSteps) {
        const int before = int(changed.size());
        job.status = step.status;
        job.progress = step.progress;
        job.failedReason = step.reason;
        store.updateJob(job);
        QCOMPARE(changed.size(), before + 1);
        QCOMPARE(statusOf(model, job.localId), step.words);
        QCOMPARE(model.index(0).data(HistoryModel::StatusRole).toString(), step.status.name());
        QCOMPARE(model.index(0).data(HistoryModel::ActiveRole).toBool(), step.active);
        if (step.status == QLatin1String("running"))
            QCOMPARE(model.index(0).data(HistoryModel::ProgressRole).toDouble(), 0.4);
    }

    PreviewRecord preview;
    preview.mediaJob = QStringLiteral("mj-1");
    preview.visualStyle = QStringLiteral("VanillaTemplate");
    preview.url = QUrl(QStringLiteral("http://127.0.0.1/preview"));
    store.setPreviews(job.localId, {preview});
    store.updateJob(job); // the tracker always follows previews with a job update
    QCOMPARE(model.index(0).data(HistoryModel::PreviewCountRole).toInt(), 1);
    QCOMPARE(model.index(0).data(HistoryModel::StylesRole).toStringList(),
             QStringList{QStringLiteral("VanillaTemplate")});

    // Renders take over the status line.
    RenderRecord render;
    render.jobLocalId = job.localId;
    render.mediaJob = preview.mediaJob;
    render.visualStyle = preview.visualStyle;
    render.status = JobStatus::Running;
    render.progress = 0.6;
    render.estimatedCredits = 4;
    render.localId = store.insertRender(render);
    QCOMPARE(statusOf(model, job.localId), QStringLiteral("Rendering 60%"));
    QCOMPARE(model.index(0).data(HistoryModel::RenderCountRole).toInt(), 1);
    QCOMPARE(model.index(0).data(HistoryModel::LatestRenderIdRole).toLongLong(), render.localId);
    QCOMPARE(model.index(0).data(HistoryModel::EstimatedCreditsRole).toDouble(), 6.0);
    QVERIFY(model.index(0)
                    .data(HistoryModel::SecondaryTextRole)
                    .toString()
                    .contains(QLatin1String("about 6 credits")));

    render.status = JobStatus::Done;
    render.videoOutput = QUrl(QStringLiteral("http://127.0.0.1/media/renders/9x16/a.mp4"));
    store.updateRender(render);
    QCOMPARE(statusOf(model, job.localId), QStringLiteral("Video ready"));

    DownloadRecord download;
    download.renderLocalId = render.localId;
    download.url = render.videoOutput;
    download.targetPath = dir.filePath(QStringLiteral("a.mp4"));
    download.status = JobStatus::Running;
    download.bytesReceived = 30;
    download.bytesTotal = 100;
    int before = int(changed.size());
    store.upsertDownload(download);
    QCOMPARE(changed.size(), before + 1);
    QCOMPARE(statusOf(model, job.localId), QStringLiteral("Downloading 30%"));
    QVERIFY(model.index(0).data(HistoryModel::ActiveRole).toBool());

    download.status = JobStatus::Failed;
    download.error = QStringLiteral("The connection was lost.");
    store.upsertDownload(download);
    QCOMPARE(statusOf(model, job.localId), QStringLiteral("Download failed"));
    QCOMPARE(model.index(0).data(HistoryModel::DownloadStatusRole).toString(),
             QStringLiteral("failed"));
    QVERIFY(!model.index(0).data(HistoryModel::ActiveRole).toBool());

    download.status = JobStatus::Done;
    store.upsertDownload(download);
    QCOMPARE(statusOf(model, job.localId), QStringLiteral("Saved"));
    QCOMPARE(model.index(0).data(HistoryModel::RenderFilesRole).toStringList(),
             QStringList{download.targetPath});

    // A render that failed reads as such.
    render.status = JobStatus::Failed;
    render.failedReason = QStringLiteral("The renderer could not finish this video.");
    store.updateRender(render);
    QCOMPARE(statusOf(model, job.localId),
             QStringLiteral("Failed: The renderer could not finish this video."));

    // A newer job goes on top; removing takes out exactly its row.
    JobRecord second = linkJob(link.id, JobStatus::Pending);
    second.name = QStringLiteral("Second try");
    second.localId = store.insertJob(second);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.jobIdAt(0), second.localId);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("Second try"));
    QCOMPARE(model.jobIdAt(1), job.localId);

    // A link title that arrives later updates the rows that show it.
    before = int(changed.size());
    link.title = QStringLiteral("Desk Lamp Pro");
    store.saveLink(link);
    QVERIFY(changed.size() > before);
    QCOMPARE(model.index(1).data(HistoryModel::TitleRole).toString(),
             QStringLiteral("Desk Lamp Pro"));

    store.removeJob(job.localId);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOfJob(job.localId), -1);
    QCOMPARE(reset.size(), 0);
}

void TestHistoryModel::liveJobUpdatesRowsIncrementallyAndSurvivesRestart()
{
    EngineFixture f;
    QVERIFY(f.setUp(QStringLiteral("live")));
    const QString linkId = f.createLink();
    QVERIFY(!linkId.isEmpty());

    HistoryModel model(f.engine.get());
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QStringList seen;
    auto record = [&] {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString text = model.index(row).data(HistoryModel::StatusTextRole).toString();
            if (seen.isEmpty() || seen.constLast() != text)
                seen << text;
        }
    };
    connect(&model, &QAbstractItemModel::dataChanged, &model, record);
    connect(&model, &QAbstractItemModel::rowsInserted, &model, record);

    SpendOperation *op = f.requestPreviews(linkId, {QStringLiteral("VanillaTemplate")});
    const qint64 jobId = op->jobLocalId();
    // The row exists before the server answered.
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(statusOf(model, jobId), QStringLiteral("Submitting…"));
    QVERIFY(EngineFixture::finish(op));
    f.engine->tracker()->start();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, jobId), QStringLiteral("Previews ready"), 8000);
    const QModelIndex index = model.indexOfJob(jobId);
    QCOMPARE(index.data(HistoryModel::PreviewCountRole).toInt(), 1);
    QCOMPARE(index.data(HistoryModel::StylesRole).toStringList(),
             QStringList{QStringLiteral("VanillaTemplate")});
    QCOMPARE(index.data(HistoryModel::TitleRole).toString(), f.engine->store()->link(linkId)->title);
    QVERIFY(!index.data(HistoryModel::TitleRole).toString().isEmpty());
    QVERIFY(index.data(HistoryModel::EstimatedCreditsRole).toDouble() > 0);

    const PreviewRecord preview = f.engine->store()->previews(jobId).first();
    SpendOperation *render = f.engine->spendGuard()->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = render->renderLocalId();
    QCOMPARE(statusOf(model, jobId), QStringLiteral("Submitting…"));
    QVERIFY(EngineFixture::finish(render));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, jobId), QStringLiteral("Saved"), 10000);
    QCOMPARE(model.indexOfJob(jobId).data(HistoryModel::LatestRenderIdRole).toLongLong(), renderId);
    const QStringList files
            = model.indexOfJob(jobId).data(HistoryModel::RenderFilesRole).toStringList();
    QCOMPARE(files.size(), 1);
    QVERIFY(QFileInfo(files.first()).size() > 0);
    // What the row says was used is what the account was charged: the product page read (the
    // link), the previews and the render.
    QCOMPARE(model.indexOfJob(jobId).data(HistoryModel::CreditsUsedRole).toDouble(),
             1000 - f.sandbox->credits());

    // Incremental all along: one insert, many small changes, never a reset.
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QVERIFY(changed.size() >= 4);
    QCOMPARE(seen.first(), QStringLiteral("Submitting…"));
    QVERIFY2(seen.contains(QStringLiteral("Previews ready")), qPrintable(seen.join(u'|')));
    QCOMPARE(seen.last(), QStringLiteral("Saved"));
    for (const QString &text : std::as_const(seen))
        QVERIFY2(isKnownLiveText(text), qPrintable(text));
    qInfo("status sequence: %s", qPrintable(seen.join(QLatin1String(" -> "))));

    // Quit and start again: a new store on the same file lists the same history.
    QList<QMap<int, QVariant>> before;
    const QList<int> roles = {HistoryModel::TitleRole,           HistoryModel::StatusTextRole,
                              HistoryModel::StylesRole,          HistoryModel::JobIdRole,
                              HistoryModel::RenderFilesRole,     HistoryModel::PreviewCountRole,
                              HistoryModel::EstimatedCreditsRole};
    for (int row = 0; row < model.rowCount(); ++row) {
        QMap<int, QVariant> values;
        for (int role : roles)
            values.insert(role, model.index(row).data(role));
        before << values;
    }
    f.tearDown();
    Store reopened;
    QVERIFY(reopened.open(f.storePath));
    HistoryModel restarted(&reopened);
    QCOMPARE(restarted.rowCount(), int(before.size()));
    for (int row = 0; row < restarted.rowCount(); ++row) {
        for (int role : roles)
            QCOMPARE(restarted.index(row).data(role), before.at(row).value(role));
    }
}

namespace {

// Four jobs as the list shows them after a while: saved, download failed, failed, running.
struct ViewJobs
{
    qint64 saved = 0;
    qint64 downloadFailed = 0;
    qint64 failed = 0;
    qint64 running = 0;
    qint64 failedDownloadRender = 0;
};

ViewJobs fillStore(Store *store, const QString &dir)
{
    ViewJobs ids;
    Link lamp;
    lamp.id = QStringLiteral("link-lamp");
    lamp.title = QStringLiteral("Nordic Desk Lamp");
    store->saveLink(lamp);
    Link bottle;
    bottle.id = QStringLiteral("link-bottle");
    bottle.title = QStringLiteral("Steel Water Bottle");
    store->saveLink(bottle);

    auto withRender = [&](JobRecord job, const JobStatus &downloadStatus, qint64 *renderId) {
        job.status = JobStatus::Done;
        job.progress = 1;
        job.localId = store->insertJob(job);
        PreviewRecord preview;
        preview.mediaJob = QStringLiteral("mj-%1").arg(job.localId);
        preview.visualStyle = QStringLiteral("VanillaTemplate");
        store->setPreviews(job.localId, {preview});
        RenderRecord render;
        render.jobLocalId = job.localId;
        render.mediaJob = preview.mediaJob;
        render.visualStyle = preview.visualStyle;
        render.status = JobStatus::Done;
        render.progress = 1;
        render.estimatedCredits = 4;
        render.videoOutput = QUrl(QStringLiteral("http://127.0.0.1:9/media/renders/9x16/x.mp4"));
        render.localId = store->insertRender(render);
        DownloadRecord download;
        download.renderLocalId = render.localId;
        download.url = render.videoOutput;
        download.targetPath = dir + QStringLiteral("/video-%1.mp4").arg(job.localId);
        download.status = downloadStatus;
        if (downloadStatus == JobStatus::Failed)
            download.error = QStringLiteral("The connection to the server was lost.");
        store->upsertDownload(download);
        store->updateJob(job);
        if (renderId)
            *renderId = render.localId;
        return job.localId;
    };

    ids.saved = withRender(linkJob(lamp.id, {}), JobStatus::Done, nullptr);
    ids.downloadFailed = withRender(linkJob(bottle.id, {}), JobStatus::Failed,
                                    &ids.failedDownloadRender);

    JobRecord failed = linkJob(lamp.id, JobStatus::Failed);
    failed.name = QStringLiteral("Lamp — summer campaign");
    failed.failedReason = QStringLiteral("The product page could not be read.");
    ids.failed = store->insertJob(failed);

    JobRecord running = linkJob(bottle.id, JobStatus::Running);
    running.progress = 0.4;
    ids.running = store->insertJob(running);
    return ids;
}

} // namespace

void TestHistoryModel::viewEmitsActionsForTheSelectedJob()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("view.sqlite"))));
    const ViewJobs ids = fillStore(&store, dir.path());
    HistoryModel model(&store);
    HistoryView view(&model);
    view.resize(560, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.listView()->model()->rowCount(), 4);
    QCOMPARE(statusOf(model, ids.saved), QStringLiteral("Saved"));
    QCOMPARE(statusOf(model, ids.downloadFailed), QStringLiteral("Download failed"));
    QCOMPARE(statusOf(model, ids.failed),
             QStringLiteral("Failed: The product page could not be read."));
    QCOMPARE(statusOf(model, ids.running), QStringLiteral("Rendering previews 40%"));

    QSignalSpy open(&view, &HistoryView::openRequested);
    QSignalSpy previews(&view, &HistoryView::showPreviewsRequested);
    QSignalSpy another(&view, &HistoryView::renderAnotherRequested);
    QSignalSpy retry(&view, &HistoryView::retryDownloadRequested);
    QSignalSpy remove(&view, &HistoryView::removeRequested);

    // Nothing selected: nothing to act on.
    QCOMPARE(view.currentJobId(), 0);
    QVERIFY(!view.openButton()->isEnabled());
    QVERIFY(!view.removeButton()->isEnabled());

    view.selectJob(ids.saved);
    QCOMPARE(view.currentJobId(), ids.saved);
    QVERIFY(view.openButton()->isEnabled());
    QVERIFY(view.previewsButton()->isEnabled());
    QVERIFY(view.renderAnotherButton()->isEnabled());
    QVERIFY(!view.retryDownloadButton()->isVisibleTo(&view));
    view.listView()->setFocus();
    QTest::keyClick(view.listView(), Qt::Key_Return);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toLongLong(), ids.saved);
    QTest::keyClick(view.listView(), Qt::Key_Delete);
    QCOMPARE(remove.size(), 1);
    QCOMPARE(remove.first().first().toLongLong(), ids.saved);
    QCOMPARE(model.rowCount(), 4); // the window confirms and removes, not the view
    view.previewsButton()->click();
    QCOMPARE(previews.size(), 1);
    view.renderAnotherButton()->click();
    QCOMPARE(another.size(), 1);
    QCOMPARE(another.first().first().toLongLong(), ids.saved);

    // The running job has no previews yet: only open and remove.
    view.selectJob(ids.running);
    QVERIFY(view.openButton()->isEnabled());
    QVERIFY(!view.previewsButton()->isEnabled());
    QVERIFY(!view.renderAnotherButton()->isEnabled());

    // A failed download offers a retry of exactly that render.
    view.selectJob(ids.downloadFailed);
    QVERIFY(view.retryDownloadButton()->isVisibleTo(&view));
    view.retryDownloadButton()->click();
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toLongLong(), ids.failedDownloadRender);
    std::unique_ptr<QMenu> menu(view.createContextMenu(nullptr));
    QStringList actions;
    const QList<QAction *> menuActions = menu->actions();
    for (QAction *action : menuActions) {
        if (!action->isSeparator())
            actions << action->text();
    }
    QCOMPARE(actions,
             QStringList({QStringLiteral("Open"), QStringLiteral("Show previews"),
                          QStringLiteral("Render another…"), QStringLiteral("Retry download"),
                          QStringLiteral("Remove from list")}));
    menu->actions().constLast()->trigger();
    QCOMPARE(remove.size(), 2);
    QCOMPARE(remove.last().first().toLongLong(), ids.downloadFailed);

    // The retry button follows the store: once saved, it goes away.
    auto download = store.downloadForRender(ids.failedDownloadRender);
    download->status = JobStatus::Done;
    store.upsertDownload(*download);
    QVERIFY(!view.retryDownloadButton()->isVisibleTo(&view));
    download->status = JobStatus::Failed;
    store.upsertDownload(*download);
    QVERIFY(view.retryDownloadButton()->isVisibleTo(&view));

    // Filtering by title or status.
    view.filterEdit()->setText(QStringLiteral("bottle"));
    QCOMPARE(view.listView()->model()->rowCount(), 2);
    view.filterEdit()->setText(QStringLiteral("failed"));
    QCOMPARE(view.listView()->model()->rowCount(), 2);
    view.filterEdit()->clear();
    QCOMPARE(view.listView()->model()->rowCount(), 4);

    // The window removes after confirming; the list follows the store.
    store.removeJob(ids.failed);
    QCOMPARE(view.listView()->model()->rowCount(), 3);
    JobRecord failed = linkJob(QStringLiteral("link-lamp"), JobStatus::Failed);
    failed.name = QStringLiteral("Lamp — summer campaign");
    failed.failedReason = QStringLiteral("The product page could not be read.");
    store.insertJob(failed);
    QCOMPARE(view.listView()->model()->rowCount(), 4);

    view.selectJob(ids.saved);
    const QString shot = QDir(QCoreApplication::applicationDirPath())
                                 .filePath(QStringLiteral("historyview.png"));
    QVERIFY(view.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));
}

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"

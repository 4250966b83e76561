// Which outputs[] entry is which render, for every layout Creatify's docs leave possible:
// entries of their own per render (the sandbox), appended with the preview's media_job, one
// entry per preview updated in place, and the older schema's top level alone.

#include "renderoutputs.h"
#include "store.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;
using Trace = RenderOutputs::Trace;

class TestRenderOutputs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void ownEntriesPerRender();
    void appendedWithThePreviewsMediaJob();
    void oneEntryUpdatedInPlace();
    void topLevelAlone();
    void styleInTwoRatiosWithoutRatiosCannotTell();

private:
    RenderRecord addRender(const JobStatus &status, const QString &reason = {},
                           const QUrl &video = {});
    RenderOutput entry(const QString &mediaJob, const JobStatus &status, const QString &reason = {},
                       const QUrl &video = {}) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_job = 0;
    const QString m_preview = QStringLiteral("preview-1");
    const QString m_style = QStringLiteral("FullScreenTemplate");
};

void TestRenderOutputs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRenderOutputs::init()
{
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()))));
    JobRecord job;
    job.kind = JobKind::LinkPreviews;
    job.remoteId = QStringLiteral("job-1");
    job.status = JobStatus::Done;
    m_job = m_store->insertJob(job);
    QVERIFY(m_job);
    PreviewRecord preview;
    preview.jobLocalId = m_job;
    preview.mediaJob = m_preview;
    preview.visualStyle = m_style;
    preview.aspectRatio = QStringLiteral("9x16");
    QVERIFY(m_store->setPreviews(m_job, {preview}));
}

RenderRecord TestRenderOutputs::addRender(const JobStatus &status, const QString &reason,
                                          const QUrl &video)
{
    RenderRecord render;
    render.jobLocalId = m_job;
    render.mediaJob = m_preview;
    render.visualStyle = m_style;
    render.status = status;
    render.failedReason = reason;
    render.videoOutput = video;
    render.localId = m_store->insertRender(render);
    return render;
}

RenderOutput TestRenderOutputs::entry(const QString &mediaJob, const JobStatus &status,
                                      const QString &reason, const QUrl &video) const
{
    RenderOutput output;
    output.mediaJob = mediaJob;
    output.visualStyle = m_style;
    output.aspectRatio = QStringLiteral("9x16");
    output.status = status;
    output.failedReason = reason;
    output.videoOutput = video;
    return output;
}

void TestRenderOutputs::ownEntriesPerRender()
{
    addRender(JobStatus::Failed, QStringLiteral("Out of GPUs"));
    const RenderRecord second = addRender(JobStatus::Reconciling);
    VideoJob remote;
    remote.outputs = {entry(QStringLiteral("r1"), JobStatus::Failed, QStringLiteral("Out of GPUs"))};
    RenderOutput found;
    // Not listed yet: not the first render's entry, and its lost answer never arrived.
    QVERIFY(!RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(RenderOutputs::trace(remote, *m_store, second), Trace::NotListed);
    remote.outputs << entry(QStringLiteral("r2"), JobStatus::Running);
    QCOMPARE(RenderOutputs::trace(remote, *m_store, second), Trace::Listed);
    QVERIFY(RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(found.mediaJob, QStringLiteral("r2"));
}

void TestRenderOutputs::appendedWithThePreviewsMediaJob()
{
    addRender(JobStatus::Failed, QStringLiteral("Out of GPUs"));
    const RenderRecord second = addRender(JobStatus::Pending);
    VideoJob remote;
    remote.outputs = {
            entry(m_preview, JobStatus::Failed, QStringLiteral("Out of GPUs")),
            entry(m_preview, JobStatus::Done, {}, QUrl(QStringLiteral("https://x/2.mp4")))};
    RenderOutput found;
    QVERIFY(RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(found.status, JobStatus::Done); // the second entry, not the first one's failure
    remote.outputs.removeLast();
    QVERIFY(!RenderOutputs::find(remote, *m_store, second, &found));
}

void TestRenderOutputs::oneEntryUpdatedInPlace()
{
    addRender(JobStatus::Failed, QStringLiteral("Out of GPUs"));
    const RenderRecord second = addRender(JobStatus::Pending);
    VideoJob remote;
    // Still how the first one ended: the second is not there yet, and a lost answer cannot be
    // told apart from a render that never arrived (not "absent": that would buy it again).
    remote.outputs = {entry(m_preview, JobStatus::Failed, QStringLiteral("Out of GPUs"))};
    RenderOutput found;
    QVERIFY(!RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(RenderOutputs::trace(remote, *m_store, second), Trace::CannotTell);
    // Moved on: the entry is the second render's.
    remote.outputs = {entry(m_preview, JobStatus::Running)};
    QVERIFY(RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(found.status, JobStatus::Running);
    QCOMPARE(RenderOutputs::trace(remote, *m_store, second), Trace::Listed);
}

void TestRenderOutputs::topLevelAlone()
{
    const QUrl firstVideo(QStringLiteral("https://x/1.mp4"));
    addRender(JobStatus::Done, {}, firstVideo);
    const RenderRecord second = addRender(JobStatus::Pending);
    VideoJob remote;
    remote.mediaJob = m_preview;
    remote.topLevel = entry(m_preview, JobStatus::Done, {}, firstVideo);
    RenderOutput found;
    QVERIFY(!RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(RenderOutputs::trace(remote, *m_store, second), Trace::CannotTell);
    remote.topLevel.videoOutput = QUrl(QStringLiteral("https://x/2.mp4"));
    QVERIFY(RenderOutputs::find(remote, *m_store, second, &found));
    QCOMPARE(found.videoOutput, remote.topLevel.videoOutput);
}

void TestRenderOutputs::styleInTwoRatiosWithoutRatiosCannotTell()
{
    PreviewRecord tall;
    tall.jobLocalId = m_job;
    tall.mediaJob = m_preview;
    tall.visualStyle = m_style;
    tall.aspectRatio = QStringLiteral("9x16");
    PreviewRecord wide = tall;
    wide.mediaJob = QStringLiteral("preview-2");
    wide.aspectRatio = QStringLiteral("16x9");
    QVERIFY(m_store->setPreviews(m_job, {tall, wide}));
    const RenderRecord render = addRender(JobStatus::Reconciling);
    VideoJob remote;
    RenderOutput other = entry(QStringLiteral("r9"), JobStatus::Running);
    other.aspectRatio.clear();
    remote.outputs = {other};
    RenderOutput found;
    QVERIFY(!RenderOutputs::find(remote, *m_store, render, &found));
    QCOMPARE(RenderOutputs::trace(remote, *m_store, render), Trace::CannotTell);
}

QTEST_GUILESS_MAIN(TestRenderOutputs)
#include "tst_renderoutputs.moc"

// Rendering one preview without widgets, as every front end does it: its state read from the
// store, a start that is never sent twice, and the same state after a restart.

#include "uiresultsfixture.h"

#include "previewrenders.h"

#include <QStandardPaths>

using namespace PreviewDeck;
using Stage = PreviewRenderState::Stage;

class TestPreviewRenders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup() { m_fx.reset(); }

    void secondStartJoinsTheFirstAndSpendsOnce();
    void stateSurvivesARestart();
    void rejectedPreviewsCannotBeRendered();
    void failedRenderSaysWhatItCharged();

private:
    PreviewRef firstPreview(qint64 jobId) const
    {
        const QList<PreviewRecord> previews = m_fx->engine->store()->previews(jobId);
        return previews.isEmpty() ? PreviewRef() : PreviewRef{jobId, previews.first().mediaJob};
    }
    int renderPosts() const
    {
        return m_fx->sandbox->requestCount("POST", QStringLiteral("render_single_preview"));
    }

    std::unique_ptr<EngineFixture> m_fx;
};

void TestPreviewRenders::init()
{
    m_fx = std::make_unique<EngineFixture>();
    QVERIFY(m_fx->setUp(QStringLiteral("renders")));
}

void TestPreviewRenders::secondStartJoinsTheFirstAndSpendsOnce()
{
    const qint64 jobId = m_fx->previewsDone(m_fx->createLink());
    QVERIFY(jobId);
    const PreviewRef preview = firstPreview(jobId);
    PreviewRenders *renders = m_fx->engine->renders();
    QCOMPARE(renders->state(preview).stage, Stage::CanRender);
    QCOMPARE(renders->cost(preview), 4.0);
    const double before = m_fx->sandbox->credits();

    SpendOperation *first = renders->start(preview, SpendGuard::BuyAgainIfFinished);
    QCOMPARE(renders->state(preview).stage, Stage::Sending);
    // A second press (another page, the CLI's carry-on) while the first is in flight.
    SpendOperation *second = renders->start(preview, SpendGuard::BuyAgainIfFinished);
    QCOMPARE(second, first);
    QVERIFY(renders->isStarting(preview));
    QSignalSpy finished(first, &SpendOperation::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY(!renders->isStarting(preview));
    QCOMPARE(renderPosts(), 1);
    QCOMPARE(m_fx->sandbox->credits(), before - 4.0);

    const qint64 renderId = renders->state(preview).renderLocalId;
    QVERIFY(renderId);
    QVERIFY(m_fx->waitDownloadStatus(renderId, QStringLiteral("done"), 15000));
    const PreviewRenderState done = renders->state(preview);
    QCOMPARE(done.stage, Stage::Rendered);
    QVERIFY(QFile::exists(done.downloadedPath));
    // The other previews of the job are untouched.
    QCOMPARE(renders->state({jobId, QStringLiteral("no-such-preview")}).blocker,
             PreviewRenderState::Blocker::NoPreviewPage);
}

void TestPreviewRenders::stateSurvivesARestart()
{
    const qint64 jobId = m_fx->previewsDone(m_fx->createLink());
    QVERIFY(jobId);
    const PreviewRef preview = firstPreview(jobId);
    SpendOperation *op = m_fx->engine->renders()->start(preview, SpendGuard::CarryOn);
    QVERIFY(EngineFixture::finish(op));
    m_fx->sandbox->setStepIntervalMs(60000); // the render stays under way across the restart
    const qint64 renderId = m_fx->engine->renders()->state(preview).renderLocalId;

    // A new engine on the same history, as after a restart.
    m_fx->engine.reset();
    m_fx->engine = std::make_unique<Engine>();
    QVERIFY(m_fx->engine->open(m_fx->storePath));
    TestHelpers::pointAt(m_fx->engine->client(), *m_fx->sandbox);
    const PreviewRenderState state = m_fx->engine->renders()->state(preview);
    QCOMPARE(state.renderLocalId, renderId);
    QVERIFY2(state.stage == Stage::Waiting, qPrintable(state.renderStatus.name()));
    QVERIFY(state.isUnderWay());
    QVERIFY(!state.canStart());
    // Asked again, it carries on with the render already bought: nothing new, nothing sent.
    QVERIFY(m_fx->engine->renders()->buysNothingNew(preview, SpendGuard::CarryOn));
    SpendOperation *again = m_fx->engine->renders()->start(preview, SpendGuard::CarryOn);
    QSignalSpy finished(again, &SpendOperation::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).value<SpendOperation *>()->outcome(),
             SpendOperation::Outcome::Existing);
    QCOMPARE(renderPosts(), 1);
}

void TestPreviewRenders::rejectedPreviewsCannotBeRendered()
{
    Sandbox::Fault rejected;
    rejected.kind = Sandbox::Fault::Kind::JobRejected;
    rejected.method = "POST";
    rejected.pathPattern = QStringLiteral("preview_list_async");
    m_fx->sandbox->addFault(rejected);
    const QString linkId = m_fx->createLink();
    SpendOperation *op = m_fx->requestPreviews(linkId, {QStringLiteral("VanillaTemplate")});
    const qint64 jobId = op->jobLocalId();
    QVERIFY(EngineFixture::finish(op));
    m_fx->engine->tracker()->start();
    QVERIFY(m_fx->waitJobStatus(jobId, QStringLiteral("rejected")));
    // One of the previews the rejected job lists (its tile on the job page, or the id given to
    // `render <job> <preview>`): Creatify rejected them, so it cannot be rendered.
    const QList<PreviewRecord> previews = m_fx->engine->store()->previews(jobId);
    QVERIFY(!previews.isEmpty());
    const PreviewRenderState state = m_fx->engine->renders()->state(
            {jobId, previews.first().mediaJob});
    QCOMPARE(state.stage, Stage::CannotRender);
    QCOMPARE(state.blocker, PreviewRenderState::Blocker::Rejected);
    QCOMPARE(m_fx->engine->renders()->state({0, QString()}).blocker,
             PreviewRenderState::Blocker::NoSuchJob);
}

void TestPreviewRenders::failedRenderSaysWhatItCharged()
{
    const qint64 jobId = m_fx->previewsDone(m_fx->createLink());
    QVERIFY(jobId);
    Sandbox::Fault failed;
    failed.kind = Sandbox::Fault::Kind::JobFailed;
    failed.method = "POST";
    failed.pathPattern = QStringLiteral("render_single_preview");
    failed.reason = QStringLiteral("Out of GPUs");
    m_fx->sandbox->addFault(failed);
    const PreviewRef preview = firstPreview(jobId);
    QVERIFY(EngineFixture::finish(m_fx->engine->renders()->start(preview, SpendGuard::CarryOn)));
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->engine->renders()->state(preview).stage, Stage::Failed, 10000);
    const PreviewRenderState state = m_fx->engine->renders()->state(preview);
    QCOMPARE(state.failedReason, QStringLiteral("Out of GPUs"));
    QCOMPARE(state.creditsCharged, 4.0);
    QVERIFY(state.canStart()); // "Render again" is allowed
}

QTEST_GUILESS_MAIN(TestPreviewRenders)
#include "tst_previewrenders.moc"

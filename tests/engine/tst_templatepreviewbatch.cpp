// The template preview batch without widgets, against a real engine and sandbox: one preview
// per variant, recorded in the store, and the same batch found again after a restart.

#include "coretesthelpers.h"

#include "engine.h"
#include "jobtracker.h"
#include "sandboxserver.h"
#include "spendguard.h"
#include "spendoperation.h"
#include "store.h"
#include "templatejobs.h"
#include "templatepreviewbatch.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;

class TestTemplatePreviewBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void variantsArePreviewedAndTheBatchSurvivesARestart();
    void costIsEstimatedFromTheLastPreview();

private:
    std::unique_ptr<Engine> openEngine();
    QList<TemplatePreviewBatch::Variant> twoVariants(Engine *engine, QString *templateId,
                                                     QString *aspectRatio);

    Sandbox::SandboxServer m_sandbox;
    QTemporaryDir m_dir;
};

void TestTemplatePreviewBatch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<SpendOperation *>();
    QVERIFY(m_sandbox.listen());
    m_sandbox.setStepIntervalMs(20);
    m_sandbox.setCredits(100);
}

std::unique_ptr<Engine> TestTemplatePreviewBatch::openEngine()
{
    auto engine = std::make_unique<Engine>();
    if (!engine->open(m_dir.filePath(QStringLiteral("history.sqlite"))))
        return nullptr;
    TestHelpers::pointAt(engine->client(), m_sandbox);
    engine->tracker()->setBaseIntervalMs(10);
    engine->tracker()->setMaxIntervalMs(50);
    return engine;
}

QList<TemplatePreviewBatch::Variant> TestTemplatePreviewBatch::twoVariants(Engine *engine,
                                                                           QString *templateId,
                                                                           QString *aspectRatio)
{
    std::unique_ptr<ListTemplatesJob> list(
            TestHelpers::runToEnd(new ListTemplatesJob(engine->client())));
    if (!list->succeeded() || list->templates().isEmpty())
        return {};
    std::unique_ptr<GetTemplateJob> detail(TestHelpers::runToEnd(
            new GetTemplateJob(engine->client(), list->templates().first().id)));
    if (!detail->succeeded())
        return {};
    const CustomTemplate &customTemplate = detail->customTemplate();
    *templateId = customTemplate.id;
    *aspectRatio = customTemplate.aspectRatio;
    QList<TemplatePreviewBatch::Variant> variants;
    for (const QString &label : {QStringLiteral("Bold"), QStringLiteral("Calm")}) {
        TemplateJobRequest request;
        request.templateId = customTemplate.id;
        request.name = label; // different names: two purchases, not one
        for (const TemplateVariable &v : customTemplate.variables)
            request.variables.insert(
                    v.name,
                    QJsonObject{{QStringLiteral("type"), variableTypeToString(v.type)},
                                {QStringLiteral("properties"), v.properties}});
        variants << TemplatePreviewBatch::Variant{request, label};
    }
    return variants;
}

void TestTemplatePreviewBatch::variantsArePreviewedAndTheBatchSurvivesARestart()
{
    qint64 batchId = 0;
    QList<qint64> jobIds;
    QString aspectRatio;
    {
        std::unique_ptr<Engine> engine = openEngine();
        QVERIFY(engine);
        engine->tracker()->start();
        QString templateId;
        const auto variants = twoVariants(engine.get(), &templateId, &aspectRatio);
        QCOMPARE(variants.size(), 2);

        TemplatePreviewBatch batch(engine.get());
        QSignalSpy sent(&batch, &TemplatePreviewBatch::sent);
        QSignalSpy started(&batch, &TemplatePreviewBatch::spendStarted);
        QVERIFY(batch.start(templateId, aspectRatio, variants));
        QVERIFY(batch.isSending());
        QVERIFY(!batch.start(templateId, aspectRatio, variants)); // one batch at a time
        QCOMPARE(started.count(), 2);
        batchId = batch.id();
        QVERIFY(batchId > 0);
        jobIds = batch.jobIds();
        QCOMPARE(jobIds.size(), 2);

        QVERIFY(sent.wait(10000));
        const auto result = sent.at(0).at(0).value<TemplatePreviewBatch::Result>();
        QCOMPARE(result.carried, 2);
        QVERIFY(result.failures.isEmpty());
        QVERIFY(!batch.isSending());
        QCOMPARE(m_sandbox.requestCount("POST", QStringLiteral("preview_async")), 2);
        // The batch follows its jobs until their previews are there.
        QTRY_VERIFY_WITH_TIMEOUT(engine->store()->job(jobIds.at(0))->previewUrl.isValid()
                                         && engine->store()->job(jobIds.at(1))->previewUrl.isValid(),
                                 10000);
    }

    // After a restart: the same batch, from the store alone.
    std::unique_ptr<Engine> engine = openEngine();
    QVERIFY(engine);
    TemplatePreviewBatch batch(engine.get());
    QVERIFY(!batch.open(batchId + 100));
    QSignalSpy changed(&batch, &TemplatePreviewBatch::changed);
    QVERIFY(batch.open(batchId));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(batch.jobIds(), jobIds);
    QCOMPARE(batch.batch().titleOf(jobIds.at(1)), QStringLiteral("Calm"));
    QCOMPARE(batch.batch().aspectRatio, aspectRatio);
    QCOMPARE(engine->store()->templateBatchOfJob(jobIds.at(0))->id, batchId);
    // Its jobs' changes still reach it.
    JobRecord job = *engine->store()->job(jobIds.at(0));
    job.progress = 0.99;
    QVERIFY(engine->store()->updateJob(job));
    QCOMPARE(changed.count(), 2);
}

void TestTemplatePreviewBatch::costIsEstimatedFromTheLastPreview()
{
    // Nothing known: 30 s assumed, 1 credit per preview, 4 to render in the standard model.
    auto cost = TemplatePreviewBatch::estimate(3, 0, QString());
    QCOMPARE(cost.eachPreview, 1.0);
    QCOMPARE(cost.total, 3.0);
    QCOMPARE(cost.render, 4.0);
    // The last preview cost 2 credits: the template is up to 60 s long.
    cost = TemplatePreviewBatch::estimate(2, 2, QStringLiteral("standard"));
    QCOMPARE(cost.eachPreview, 2.0);
    QCOMPARE(cost.total, 4.0);
    QCOMPARE(cost.render, 8.0);
}

QTEST_GUILESS_MAIN(TestTemplatePreviewBatch)
#include "tst_templatepreviewbatch.moc"

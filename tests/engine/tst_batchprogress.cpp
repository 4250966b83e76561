// How a batch stands and what it cost, read from the store after a real run on the sandbox:
// credits used (the history's and the CSV's figure) against what the sandbox charged, and the
// summary line with a blocked shop and rejected previews.

#include "coretesthelpers.h"

#include "batchexport.h"
#include "batchprogress.h"
#include "batchrunner.h"
#include "engine.h"
#include "jobtracker.h"
#include "sandboxserver.h"
#include "spendguard.h"
#include "spendoperation.h"
#include "store.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;

class TestBatchProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void creditsUsedAreWhatTheSandboxCharged();

private:
    Sandbox::SandboxServer m_sandbox;
    QTemporaryDir m_dir;
};

void TestBatchProgress::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<SpendOperation *>();
    QVERIFY(m_sandbox.listen());
    m_sandbox.setStepIntervalMs(20);
    m_sandbox.setCredits(1000);
}

namespace {
// The credits column of a CSV report, added up.
double csvCredits(const QString &csv)
{
    QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
    const int column = int(
            lines.takeFirst().split(QLatin1Char(',')).indexOf(QLatin1String("credits")));
    double sum = 0;
    for (const QString &line : std::as_const(lines))
        sum += line.split(QLatin1Char(',')).value(column).toDouble(); // no quoted fields here
    return sum;
}

bool settled(Engine *engine, qint64 id, bool renders)
{
    return QTest::qWaitFor(
            [&] {
                const auto summary = BatchProgress::summarize(*engine->store()->batch(id),
                                                              *engine->store());
                return renders ? summary.rendersSettled() : summary.previewsSettled();
            },
            30000);
}
} // namespace

void TestBatchProgress::creditsUsedAreWhatTheSandboxCharged()
{
    Sandbox::Fault reject;
    QString error;
    QVERIFY(Sandbox::Fault::fromSpec(
            QStringLiteral("job-rejected,method=POST,path=preview_list,body=Teapot"), &reject,
            &error));
    m_sandbox.addFault(reject);
    Engine engine;
    QVERIFY(engine.open(m_dir.filePath(QStringLiteral("progress.sqlite"))));
    TestHelpers::pointAt(engine.client(), m_sandbox);
    engine.tracker()->setBaseIntervalMs(10);
    engine.tracker()->setMaxIntervalMs(50);
    engine.setDownloadDirectory(m_dir.filePath(QStringLiteral("downloads")));
    BatchRunner runner(&engine);

    // Four products: two fine, a shop that blocks reading, previews Creatify rejects.
    QList<BatchRow> rows;
    for (const QString &path : {QStringLiteral("products/lamp"), QStringLiteral("products/mug"),
                                QStringLiteral("blocked/vase"), QStringLiteral("products/pot")}) {
        BatchRow row;
        row.url = QStringLiteral("https://shop.example.com/") + path;
        rows << row;
    }
    rows.last().name = QStringLiteral("Teapot");
    PreviewListRequest options;
    options.visualStyles = {QStringLiteral("DynamicProductTemplate"),
                            QStringLiteral("FullScreenTemplate"),
                            QStringLiteral("VanillaTemplate")};
    options.aspectRatio = QStringLiteral("9x16");
    options.videoLength = 30;
    const qint64 id = runner.create(QStringLiteral("Credits"), options, rows,
                                    m_dir.filePath(QStringLiteral("credits")));
    QVERIFY(id > 0);
    QVERIFY(runner.run(id));
    QVERIFY(settled(&engine, id, false));

    // The blocked shop's and the rejected products' previews are not waited for.
    Batch batch = *engine.store()->batch(id);
    BatchProgress::Summary summary = BatchProgress::summarize(batch, *engine.store());
    QCOMPARE(summary.previewsExpected, 6);
    QCOMPARE(summary.rowsBlocked, 1);
    QCOMPARE(summary.text(),
             QStringLiteral("6 of 6 previews ready · 1 product blocked · 1 product failed · 0 "
                            "picked"));

    // A render on two rows: in the history's figure, the CSV's column and on the sandbox alike.
    QVERIFY(runner.setPicks(id, 0, {QStringLiteral("FullScreenTemplate")}));
    QVERIFY(runner.setPicks(id, 1, {QStringLiteral("VanillaTemplate")}));
    QVERIFY(runner.renderPicks(
            id, BatchProgress::picksToConfirm(*engine.store()->batch(id), *engine.store())));
    QVERIFY(settled(&engine, id, true));
    QVERIFY(QTest::qWaitFor(
            [&] {
                return BatchProgress::creditsUsed(*engine.store()->batch(id), *engine.store())
                        == 1000 - m_sandbox.credits();
            },
            10000));
    batch = *engine.store()->batch(id);
    const double used = BatchProgress::creditsUsed(batch, *engine.store());
    QVERIFY2(used > 2 * 4, qPrintable(QString::number(used))); // the renders at least
    // Each line's share is written with 10 significant digits (4 / 3 = 1.333333333).
    const double inCsv = csvCredits(BatchExport::csv(batch, *engine.store()));
    QVERIFY2(qAbs(inCsv - used) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(inCsv).arg(used)));
}

QTEST_GUILESS_MAIN(TestBatchProgress)
#include "tst_batchprogress.moc"
